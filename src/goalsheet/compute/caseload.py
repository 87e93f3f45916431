"""The caseload at a glance, de-identified: counts and shares, never an ID or a name.

Pure: takes the per-client progress dicts (`compute.progress`) and returns plain counts. The
outcome words are NHS Talking Therapies' (see `compute.outcomes`); their shares are over the
clients they can apply to:
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
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

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

    def json(self) -> dict[str, Any]:
        return {"count": self.count, "of": self.of, "share": self.share, "small": self.small}


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
    def of(cls, reports: list[dict[str, Any]]) -> Outcomes:
        measured = [
            r["outcome"] for r in reports if r["outcome"]["reliable_improvement"] is not None
        ]
        return cls(
            clients=len(reports),
            with_outcome=len(measured),
            cases_first=sum(bool(o["caseness_first"]) for o in measured),
            improved=sum(bool(o["reliable_improvement"]) for o in measured),
            recovered=sum(bool(o["recovery"]) for o in measured),
            reliably_recovered=sum(bool(o["reliable_recovery"]) for o in measured),
            deteriorated=sum(bool(o["reliable_deterioration"]) for o in measured),
        )

    def shares(self) -> dict[str, Share]:
        return {
            "reliable_improvement": Share(self.improved, self.with_outcome),
            "recovery": Share(self.recovered, self.cases_first),
            "reliable_recovery": Share(self.reliably_recovered, self.cases_first),
            "reliable_deterioration": Share(self.deteriorated, self.with_outcome),
        }


def caseload(reports: list[dict[str, Any]], as_of: str) -> dict[str, Any]:
    """Summarise per-client progress dicts (from `progress`) without identifying anyone."""
    categories = Counter(r["outcome"]["category"] for r in reports)
    outcomes = Outcomes.of(reports)
    active_goals = [g for r in reports for g in r["goals"] if g["status"] == "active"]
    overdue = sum(bool(r["review"]["overdue"]) for r in reports)
    open_answers = [c for r in reports for c in r["critical"] if c["open"]]
    critical_open = sum(any(c["open"] for c in r["critical"]) for r in reports)
    return {
        "as_of": as_of,
        "clients": len(reports),
        "outcomes": {category: categories.get(category, 0) for category in CATEGORIES},
        "with_outcome": outcomes.with_outcome,
        # Kept as they were: both over `with_outcome` (see `shares` for NHS denominators).
        "share_reliable_improvement": Share(outcomes.improved, outcomes.with_outcome).share,
        "share_recovery": Share(outcomes.recovered, outcomes.with_outcome).share,
        "reviews_overdue": overdue,
        "latest_flagged": sum(_latest_flagged(r) for r in reports),
        "active_goals": len(active_goals),
        "goals_without_data": sum(not g["has_data"] for g in active_goals),
        "cases_first": outcomes.cases_first,
        "critical_open": critical_open,
        "critical_open_answers": len(open_answers),
        "shares": {
            **{name: share.json() for name, share in outcomes.shares().items()},
            "reviews_overdue": Share(overdue, len(reports)).json(),
            "critical_open": Share(critical_open, len(reports)).json(),
        },
        "by_quarter": by_quarter(reports),
        "small_number": SMALL_NUMBER,
    }


def quarter_of(day: dt.date) -> tuple[int, int]:
    """The year and quarter (1-4) a date falls in."""
    return day.year, (day.month - 1) // 3 + 1


def quarter_label(year: int, quarter: int) -> str:
    """The JSON key of a quarter: "2026 Q3"."""
    return f"{year} Q{quarter}"


def by_quarter(reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Clients by the quarter of their first session, each quarter's outcomes and shares:
    every quarter from the first to the last, so an empty quarter shows as 0, not as a gap
    nobody notices."""
    groups: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for report in reports:
        groups.setdefault(quarter_of(dt.date.fromisoformat(report["started"])), []).append(report)
    rows = []
    for year, quarter in _quarters(groups):
        outcomes = Outcomes.of(groups.get((year, quarter), []))
        rows.append(
            {
                "quarter": quarter_label(year, quarter),
                "first_day": dt.date(year, 3 * quarter - 2, 1).isoformat(),
                "clients": outcomes.clients,
                "with_outcome": outcomes.with_outcome,
                "cases_first": outcomes.cases_first,
                "improved": outcomes.improved,
                "recovered": outcomes.recovered,
                "reliably_recovered": outcomes.reliably_recovered,
                "deteriorated": outcomes.deteriorated,
                "shares": {name: s.json() for name, s in outcomes.shares().items()},
            }
        )
    return rows


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


def _latest_flagged(report: dict[str, Any]) -> bool:
    """Whether any measure's latest administration raised a flag (e.g. PHQ-9 item 9)."""
    latest: dict[str, dict[str, Any]] = {}
    for administration in report["measures"]:  # in date order
        latest[administration["measure"]] = administration
    return any(a["flags"] for a in latest.values())
