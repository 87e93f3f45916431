"""Risk rules: a critical answer (PHQ-9 item 9) not yet followed up, and follow-ups that
follow up nothing. Neither can be switched off, and neither is ever cut by the findings cap.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from goalsheet.check.registry import ClientContext, EntriesAt, Hit, rule
from goalsheet.compute.corrections import effective
from goalsheet.compute.risk import CriticalAnswer, critical_answers, follows_up, raise_item
from goalsheet.findings import Severity
from goalsheet.language.messages import N_, _

# NOTE: an example of the YAML a therapist adds; keys stay in English.
FOLLOW_UP_EXAMPLE = N_(
    "record the follow-up in an entries file: follow_ups: [{{date: YYYY-MM-DD, answer_date: "
    "{date}, measure: {measure}, by: your name, note: what was done}}]"
)


@rule(
    "GS113",
    "critical-answer",
    N_("a critical answer (PHQ-9 item 9) has no follow-up recorded"),
    about_goals=False,
    sheet_optional=True,
    always_on=True,
)
def critical_answer(ctx: ClientContext) -> Iterator[Hit]:
    entries = effective([doc.entries for doc in ctx.entries])
    for critical in critical_answers(entries, ctx.measures, ctx.today):
        if not critical.open:
            continue
        found = _where(ctx.entries, critical, ctx)
        if found is None:  # pragma: no cover - every raised answer comes from a document
            continue
        doc, index = found
        yield Hit(
            doc.source,
            ("measures", index, "answers", critical.item - 1),
            critical.headline(),
            _(FOLLOW_UP_EXAMPLE).format(date=critical.date.isoformat(), measure=critical.measure),
        )


@rule(
    "GS208",
    "follow-up-without-answer",
    N_("a follow-up names a critical answer that is not in the client's entries"),
    severity=Severity.ERROR,
    about_goals=False,
    sheet_optional=True,
    always_on=True,
)
def follow_up_without_answer(ctx: ClientContext) -> Iterator[Hit]:
    entries = effective([doc.entries for doc in ctx.entries])
    raised = critical_answers(entries, ctx.measures, ctx.today)
    for doc in ctx.entries:
        for index, follow_up in enumerate(doc.entries.follow_ups):
            if follow_up.date > ctx.today:
                continue
            if follow_up.measure is not None and follow_up.measure not in ctx.measures:
                yield Hit(
                    doc.source,
                    ("follow_ups", index, "measure"),
                    _("follow-up of '{measure}': no such questionnaire").format(
                        measure=follow_up.measure
                    ),
                    _("`goalsheet list measures` lists them"),
                )
                continue
            if any(follows_up(follow_up, c.measure, c.date, c.item) for c in raised):
                continue
            dates = sorted({c.date.isoformat() for c in raised})
            message = (
                _("follow-up of the {measure} of {date}: it has no critical answer then")
                if follow_up.measure
                else _("follow-up of {date}: there is no critical answer on that date")
            )
            yield Hit(
                doc.source,
                ("follow_ups", index, "answer_date"),
                message.format(measure=follow_up.measure, date=follow_up.answer_date.isoformat()),
                _("critical answers are on: {dates}").format(dates=", ".join(dates))
                if dates
                else _("this client has no critical answers; check the date and the client"),
            )


def _where(
    docs: Sequence[EntriesAt], critical: CriticalAnswer, ctx: ClientContext
) -> tuple[EntriesAt, int] | None:
    """The document and index of the administration that raised `critical`."""
    definition = ctx.measures[critical.measure]
    flag = next(f for f in definition.flags if f.item == critical.item)
    for doc in docs:
        for index, entry in enumerate(doc.entries.measures):
            if entry.measure != critical.measure or entry.date != critical.date:
                continue
            found = raise_item(definition, flag, entry)
            if found is not None and found == (critical.kind, critical.answer):
                return doc, index
    return None
