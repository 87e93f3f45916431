"""The caseload at a glance, de-identified: counts and shares, never an ID or a name.

Pure: takes the per-client `Progress` (`compute.progress`) and returns a `Caseload` of plain
counts (`report/summary_json.py` writes its JSON). The outcome words are NHS Talking
Therapies' (see `compute.outcomes`); their shares are over the clients they can apply to:
- reliable improvement and reliable deterioration: of the clients with a first and a latest
  questionnaire on a measure with a cut-off and a reliable-change value (`with_outcome`);
- recovery and reliable recovery: of those clients who were a case at the first assessment
  (`cases_first`), since only a case can recover;
- reviews overdue and open critical answers: of all clients.
A share over fewer than SMALL_NUMBER clients is marked `small`: documents show it as
"n of N", never as a percentage.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from goalsheet.compute.figures import Progress
from goalsheet.language.messages import N_

# The outcome categories are JSON keys (kept in English) and marked for the catalogue, so a
# document translates them where it shows them: _(category).
CATEGORIES = (
    # NOTE: an outcome category of the caseload summary (NHS Talking Therapies terms).
    N_("reliable recovery"),
    N_("recovery"),
    N_("reliable improvement"),
    N_("no reliable change"),
    N_("reliable deterioration"),
    N_("not enough data"),
)
SMALL_NUMBER = 5  # below this many clients, a share is shown as "n of N"
MAX_QUARTERS = 40  # a longer span lists only the quarters that have clients


@dataclass(frozen=True)
class Share:
    """`count` clients of `of`; no share at all when `of` is 0."""

    count: int
    of: int

    @property
    def share(self) -> float | None:
        return None if self.of == 0 else round(self.count / self.of, 3)

    @property
    def small(self) -> bool:
        """Too few clients for a percentage to mean much: show "n of N"."""
        return self.of < SMALL_NUMBER


@dataclass(frozen=True)
class Outcomes:
    """How many of a group of clients have each NHS Talking Therapies outcome."""

    clients: int
    with_outcome: int
    cases_first: int
    improved: int
    recovered: int
    reliably_recovered: int
    deteriorated: int

    @classmethod
    def of(cls, reports: Sequence[Progress]) -> Outcomes:
        measured = [r.outcome for r in reports if r.outcome.reliable_improvement is not None]
        return cls(
            clients=len(reports),
            with_outcome=len(measured),
            cases_first=sum(bool(o.caseness_first) for o in measured),
            improved=sum(bool(o.reliable_improvement) for o in measured),
            recovered=sum(bool(o.recovery) for o in measured),
            reliably_recovered=sum(bool(o.reliable_recovery) for o in measured),
            deteriorated=sum(bool(o.reliable_deterioration) for o in measured),
        )

    def shares(self) -> dict[str, Share]:
        return {
            "reliable_improvement": Share(self.improved, self.with_outcome),
            "recovery": Share(self.recovered, self.cases_first),
            "reliable_recovery": Share(self.reliably_recovered, self.cases_first),
            "reliable_deterioration": Share(self.deteriorated, self.with_outcome),
        }


@dataclass(frozen=True)
class Quarter:
    """The clients who started in one calendar quarter, and their outcomes."""

    year: int
    quarter: int  # 1-4
    outcomes: Outcomes

    @property
    def label(self) -> str:
        """The JSON key of a quarter: "2026 Q3"."""
        return quarter_label(self.year, self.quarter)

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, 3 * self.quarter - 2, 1)


@dataclass(frozen=True)
class Caseload:
    """The caseload's counts and shares as of a date; no client is named."""

    as_of: str
    categories: dict[str, int]  # clients by outcome category, in CATEGORIES order
    outcomes: Outcomes
    reviews_overdue: int
    latest_flagged: int
    active_goals: int
    goals_without_data: int
    critical_open: int  # clients with a critical answer not yet followed up
    critical_open_answers: int
    quarters: tuple[Quarter, ...]
    small_number: int = SMALL_NUMBER

    @property
    def clients(self) -> int:
        return self.outcomes.clients

    def shares(self) -> dict[str, Share]:
        """The outcome shares over the clients they apply to, then those over all clients."""
        return {
            **self.outcomes.shares(),
            "reviews_overdue": Share(self.reviews_overdue, self.clients),
            "critical_open": Share(self.critical_open, self.clients),
        }


def caseload(reports: Sequence[Progress], as_of: str) -> Caseload:
    """Summarise per-client progress without identifying anyone."""
    categories = Counter(r.outcome.category for r in reports)
    active_goals = [g for r in reports for g in r.goals if g.status == "active"]
    return Caseload(
        as_of=as_of,
        categories={category: categories.get(category, 0) for category in CATEGORIES},
        outcomes=Outcomes.of(reports),
        reviews_overdue=sum(r.review.overdue for r in reports),
        latest_flagged=sum(_latest_flagged(r) for r in reports),
        active_goals=len(active_goals),
        goals_without_data=sum(not g.has_data for g in active_goals),
        critical_open=sum(any(c.open for c in r.critical) for r in reports),
        critical_open_answers=sum(c.open for r in reports for c in r.critical),
        quarters=by_quarter(reports),
    )


def quarter_of(day: dt.date) -> tuple[int, int]:
    """The year and quarter (1-4) a date falls in."""
    return day.year, (day.month - 1) // 3 + 1


def quarter_label(year: int, quarter: int) -> str:
    """The JSON key of a quarter: "2026 Q3"."""
    return f"{year} Q{quarter}"


def by_quarter(reports: Sequence[Progress]) -> tuple[Quarter, ...]:
    """Clients by the quarter of their first session, each quarter's outcomes: every
    quarter from the first to the last, so an empty quarter shows as 0, not as a gap
    nobody notices."""
    groups: dict[tuple[int, int], list[Progress]] = {}
    for report in reports:
        groups.setdefault(quarter_of(report.started), []).append(report)
    return tuple(
        Quarter(year, quarter, Outcomes.of(groups.get((year, quarter), [])))
        for year, quarter in _quarters(groups)
    )


def _quarters(present: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Every quarter from the earliest to the latest of `present`, in order."""
    known = sorted(present)
    if not known:
        return []
    (year, quarter), last = known[0], known[-1]
    if (last[0] - year) * 4 + last[1] - quarter >= MAX_QUARTERS:
        return known
    result = []
    while (year, quarter) <= last:
        result.append((year, quarter))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return result


def _latest_flagged(report: Progress) -> bool:
    """Whether any measure's latest administration raised a flag (e.g. PHQ-9 item 9)."""
    latest = {a.measure: a for a in report.measures}  # each measure's in date order
    return any(a.flags for a in latest.values())
