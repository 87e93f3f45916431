"""The template context of the caseload summary: counts and shares, no client IDs or names.

The figures come from `compute.caseload` (the same numbers as `summary --format json`); this
module words them in the reader's language (numbers grouped as it groups them, real plurals,
"3 of 4" rather than a percentage of fewer than five clients), draws the small charts, and
reads the thresholds of the "Definitions used" from the measures themselves.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from markupsafe import Markup

from goalsheet.compute.caseload import Caseload, Quarter, Share
from goalsheet.language.formats import count
from goalsheet.language.messages import N_, _, active_locale, ngettext
from goalsheet.model.config import Config
from goalsheet.model.measures import MeasureDefinition
from goalsheet.render.bar_chart import BarChart, ShareBar, count_chart, share_chart
from goalsheet.report.context import ReportRequest, page_frame
from goalsheet.report.summary_json import summary_json

# Whom a share is of (a column of the caseload summary's outcome table).
# NOTE: whom a share of the caseload summary is of.
MEASURED = N_("clients with a first and a latest questionnaire")
# NOTE: whom a share of the caseload summary is of.
CASES = N_("clients who were a case at their first questionnaire")
# The NHS Talking Therapies shares, in the order a practice reads them: the summary JSON's
# key, the row's words, and whom the share is of.
OUTCOME_SHARES = (
    # NOTE: a row of the caseload summary: the share of clients with this outcome.
    ("reliable_improvement", N_("Reliable improvement"), MEASURED),
    # NOTE: a row of the caseload summary: the share of clients with this outcome.
    ("recovery", N_("Recovery"), CASES),
    # NOTE: a row of the caseload summary: the share of clients with this outcome.
    ("reliable_recovery", N_("Reliable recovery"), CASES),
    # NOTE: a row of the caseload summary: the share of clients with this outcome.
    ("reliable_deterioration", N_("Reliable deterioration"), MEASURED),
)
FOLLOW_UP_SHARES = (
    ("reviews_overdue", N_("Reviews overdue")),
    # NOTE: a row of the caseload summary; a critical answer is e.g. PHQ-9 item 9 above 0.
    ("critical_open", N_("Critical answer awaiting follow-up")),
)


def summary_context(
    request: ReportRequest,
    summary: Caseload,
    config: Config,
    measures: dict[str, MeasureDefinition],
) -> dict[str, Any]:
    """The caseload summary's context: counts only, no client IDs or names."""
    page = page_frame(request, config, None)
    page["title"] = _("Caseload summary")
    view = summary_json(summary)  # the same figures as the JSON, for the template
    shares = summary.shares()
    outcome_rows = [
        {"label": _(label), "shown": shown(shares[key]), "of": _(of)}
        for key, label, of in OUTCOME_SHARES
    ]
    follow_up = [(key, _(label)) for key, label in FOLLOW_UP_SHARES]
    return {
        "page": page,
        "summary": view,
        "clients": ngettext("{n} client", "{n} clients", summary.clients).format(
            n=count(summary.clients)
        ),
        "counts": {key: count(value) for key, value in view.items() if _is_count(value)},
        "outcome_counts": {key: count(value) for key, value in summary.categories.items()},
        "critical_open": ngettext(
            "{n} client has a critical answer awaiting follow-up.",
            "{n} clients have a critical answer awaiting follow-up.",
            summary.critical_open,
        ).format(n=count(summary.critical_open)),
        "without_outcome": _without_outcome(summary.clients - summary.outcomes.with_outcome),
        "outcome_rows": outcome_rows,
        "any_small": any(s.small and s.of for s in shares.values()),
        "small_number": count(summary.small_number),
        "outcomes_chart": _chart(
            share_chart(
                "summary-outcomes",
                _("Outcomes among the clients they apply to"),
                [
                    _bar(row["label"], shares[key])
                    for row, (key, _label, _of) in zip(outcome_rows, OUTCOME_SHARES, strict=True)
                ],
            )
        ),
        "follow_up_chart": _chart(
            share_chart(
                "summary-follow-up",
                _("Reviews and critical answers, of all clients"),
                [_bar(label, shares[key]) for key, label in follow_up],
            )
        ),
        "quarters": [_quarter_row(quarter) for quarter in summary.quarters],
        "quarters_chart": _quarters_chart(summary.quarters),
        "definitions": definitions(measures, summary.small_number),
    }


def shown(share: Share) -> str:
    """A share as the summary prints it: "3 of 4" below the small number, "60% (3 of 5)"
    from it, and never a share of nobody."""
    if not share.of:
        # NOTE: a share in the caseload summary when no client can be counted in it.
        return _("no clients to count")
    # NOTE: a share of clients in the caseload summary, e.g. "3 of 4".
    part = _("{count} of {of}").format(count=count(share.count), of=count(share.of))
    if share.small or share.share is None:
        return part
    # NOTE: a share of clients, e.g. "60% (3 of 5)".
    return _("{percent} ({count_of})").format(percent=percent(share.share), count_of=part)


def percent(share: float) -> str:
    """75%, 75 % (es): as the reader's language writes a percentage."""
    # heavy: Babel loads on first use: a command writing no report starts without it
    from babel.numbers import format_percent

    return str(format_percent(share, locale=_babel_locale()))


def quarter_name(first_day: dt.date) -> str:
    """Q3 2026, T3 2026 (es): a calendar quarter as the reader's language names it."""
    # heavy: Babel loads on first use: a command writing no report starts without it
    from babel.dates import format_skeleton

    return str(format_skeleton("yQQQ", first_day, locale=_babel_locale()))


# The terms whose explanation reads no threshold, in the order the summary defines them.
FIXED_TERMS = (
    (
        N_("Reliable improvement"),
        N_("a reliable change for the better on at least one measure, and for the worse on none."),
    ),
    (
        N_("Recovery"),
        N_(
            "a case at the first questionnaire, and below the cut-off on every measure at "
            "the latest."
        ),
    ),
    (N_("Reliable recovery"), N_("recovery and reliable improvement together.")),
    (N_("Reliable deterioration"), N_("a reliable change for the worse on any measure.")),
    (
        N_("Shares"),
        N_(
            "improvement and deterioration are of the clients with a first and a latest "
            "questionnaire; recovery of those who were a case at the first. A client counts "
            "in every share that applies; the outcome table counts each client once."
        ),
    ),
)


def definitions(measures: dict[str, MeasureDefinition], small_number: int) -> list[tuple[str, str]]:
    """The terms the summary uses, each with its thresholds read from the measures."""
    cutoffs, changes, critical = _thresholds(measures)
    terms = [
        (
            _("Caseness"),
            _("a total at or above the measure's cut-off: {cutoffs}.").format(cutoffs=cutoffs),
        ),
        (
            _("Reliable change"),
            _("a change from the first to the latest total of at least {changes}.").format(
                changes=changes
            ),
        ),
        *((_(term), _(words)) for term, words in FIXED_TERMS),
        (
            _("Small numbers"),
            ngettext(
                "a share of fewer than {n} client is shown as a count (\u201c3 of 4\u201d), "
                "not as a percentage.",
                "a share of fewer than {n} clients is shown as a count (\u201c3 of 4\u201d), "
                "not as a percentage.",
                small_number,
            ).format(n=count(small_number)),
        ),
    ]
    if critical:
        terms.append(
            (
                _("Critical answer"),
                _(
                    "an answer that needs a person the same day, whatever the total: {items}; "
                    "it awaits follow-up until one is recorded."
                ).format(items=critical),
            )
        )
    return terms


def _thresholds(measures: dict[str, MeasureDefinition]) -> tuple[str, str, str]:
    """The measures' cut-offs, reliable-change values and critical items, each as a list in
    the reader's language."""
    scored = [
        (m.id, m.cutoff, m.reliable_change)
        for m in measures.values()
        if m.cutoff is not None and m.reliable_change is not None
    ]
    cutoffs = _any_of(
        [
            # NOTE: a caseness threshold, e.g. "PHQ-9 at 10 or more".
            _("{measure} at {cutoff} or more").format(measure=measure, cutoff=_number(cutoff))
            for measure, cutoff, _change in scored
        ]
    )
    changes = _all_of(
        [
            ngettext(
                "{change} point on the {measure}",
                "{change} points on the {measure}",
                _plural_n(change),
            ).format(change=_number(change), measure=measure)
            for measure, _cutoff, change in scored
        ]
    )
    critical = _all_of(
        [
            # NOTE: a critical item, e.g. "PHQ-9 item 9 at 1 or more".
            _("{measure} item {item} at {at_least} or more").format(
                measure=m.id, item=flag.item, at_least=flag.at_least
            )
            for m in measures.values()
            for flag in m.flags
        ]
    )
    return cutoffs, changes, critical


def _bar(label: str, share: Share) -> ShareBar:
    return ShareBar(label, share.count, share.of, shown(share))


def _quarter_row(quarter: Quarter) -> dict[str, Any]:
    outcomes = quarter.outcomes
    shares = outcomes.shares()
    return {
        "name": quarter_name(quarter.first_day),
        "clients": count(outcomes.clients),
        "with_outcome": count(outcomes.with_outcome),
        "any_outcome": outcomes.with_outcome > 0,
        "improved": shown(shares["reliable_improvement"]),
        "recovered": shown(shares["recovery"]),
        "deteriorated": shown(shares["reliable_deterioration"]),
    }


def _quarters_chart(quarters: tuple[Quarter, ...]) -> dict[str, Any] | None:
    if not quarters:
        return None
    rows = [q.outcomes for q in quarters]
    return _chart(
        count_chart(
            "summary-quarters",
            _("Clients by the quarter of their first session"),
            [quarter_name(q.first_day) for q in quarters],
            [
                (_("Clients started"), [r.clients for r in rows]),
                (_("Reliable improvement"), [r.improved for r in rows]),
                (_("Recovery"), [r.recovered for r in rows]),
                (_("Reliable deterioration"), [r.deteriorated for r in rows]),
            ],
        )
    )


def _chart(chart: BarChart) -> dict[str, Any]:
    # The SVG is matplotlib's drawing with our own text escaped in it (render/bar_chart.py).
    return {
        "title": chart.title,
        "description": chart.description,
        "svg": Markup(chart.svg),
        "headers": chart.headers,
        "rows": chart.rows,
    }


def _without_outcome(n: int) -> str:
    if not n:
        return ""
    return ngettext(
        "{n} client has no outcome yet: fewer than two scored questionnaires on a measure "
        "with a cut-off and a reliable-change value.",
        "{n} clients have no outcome yet: fewer than two scored questionnaires on a measure "
        "with a cut-off and a reliable-change value.",
        n,
    ).format(n=count(n))


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _number(value: float) -> str:
    return count(value, 0 if float(value).is_integer() else 1)


def _plural_n(value: float) -> int:
    """gettext's plural rules take whole numbers; a decimal (2.5 points) reads as plural in
    English and Spanish, as 2 does."""
    return int(value) if float(value).is_integer() else 2


def _any_of(items: list[str]) -> str:
    return _listed(items, "or")


def _all_of(items: list[str]) -> str:
    return _listed(items, "standard")


def _listed(items: list[str], style: str) -> str:
    """Items joined as the reader's language joins them ("a, b and c", "a, b y c")."""
    if not items:
        return ""
    # heavy: Babel loads on first use: a command writing no report starts without it
    from babel.lists import format_list

    return str(format_list(items, style=style, locale=_babel_locale()))  # type: ignore[arg-type]


def _babel_locale() -> Any:
    # heavy: Babel loads on first use: a command writing no report starts without it
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(active_locale())
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en_GB")
