"""Questionnaire answers that cannot be scored (GS205, GS206): more or fewer answers than
the measure has items, or more left unanswered than a total allows."""

from __future__ import annotations

from collections.abc import Iterator

from goalsheet.check.registry import ClientContext, Hit, rule
from goalsheet.findings import Severity
from goalsheet.language.messages import N_, _, ngettext


@rule(
    "GS205",
    "wrong-answer-count",
    N_("a questionnaire has more or fewer answers than items"),
    severity=Severity.ERROR,
    about_goals=False,
    sheet_optional=True,
)
def wrong_answer_count(ctx: ClientContext) -> Iterator[Hit]:
    for doc in ctx.entries:
        for index, entry in enumerate(doc.entries.measures):
            measure = ctx.measures.get(entry.measure)
            if measure and len(entry.answers) != measure.items:
                yield Hit(
                    doc.source,
                    ("measures", index, "answers"),
                    _("{measure} has {items} items but {answers} answers were given").format(
                        measure=measure.id, items=measure.items, answers=len(entry.answers)
                    ),
                    # NOTE: null is the YAML word for an empty value; keep it in English.
                    _("give one answer per item in order; write null for an unanswered item"),
                )


@rule(
    "GS206",
    "too-many-missing-answers",
    N_("a questionnaire has more unanswered items than can be scored"),
    about_goals=False,
    sheet_optional=True,
)
def too_many_missing(ctx: ClientContext) -> Iterator[Hit]:
    for doc in ctx.entries:
        for index, entry in enumerate(doc.entries.measures):
            measure = ctx.measures.get(entry.measure)
            if measure is None or len(entry.answers) != measure.items:
                continue
            missing = sum(answer is None for answer in entry.answers)
            if missing > measure.max_missing:
                most = measure.max_missing
                # NOTE: part of a `check` finding, "PHQ-9 on 2026-11-02 has 3 unanswered
                # items; at most 1 can be left out for a total".
                unanswered = ngettext("{n} unanswered item", "{n} unanswered items", missing)
                # NOTE: the finding's second part: how many items a questionnaire may leave
                # unanswered and still have a total.
                allowed = ngettext(
                    "at most {n} can be left out for a total",
                    "at most {n} can be left out for a total",
                    most,
                )
                yield Hit(
                    doc.source,
                    ("measures", index, "answers"),
                    # NOTE: a `check` finding: "PHQ-9 on 2026-11-02 has 3 unanswered items;
                    # at most 1 can be left out for a total"; {missing} and {most} are its
                    # two parts, each worded on its own.
                    _("{measure} on {date} has {missing}; {most}").format(
                        measure=measure.id,
                        date=entry.date,
                        missing=unanswered.format(n=missing),
                        most=allowed.format(n=most),
                    ),
                    _("ask about the missing items at the next session; the total is not scored"),
                )
