"""The caseload summary JSON (`goalsheet summary --format json`): a `Caseload` as plain data.

The one place the caseload's counts become a dict, keys in English and in a fixed order
(scripts rely on them); the summary template reads the same shape.
"""

from __future__ import annotations

from typing import Any

from goalsheet.compute.caseload import Caseload, Quarter, Share


def summary_json(caseload: Caseload) -> dict[str, Any]:
    """The documented summary JSON: counts and shares, no client IDs or names."""
    outcomes = caseload.outcomes
    return {
        "as_of": caseload.as_of,
        "clients": caseload.clients,
        "outcomes": dict(caseload.categories),
        "with_outcome": outcomes.with_outcome,
        # Kept as they were: both over `with_outcome` (see `shares` for NHS denominators).
        "share_reliable_improvement": Share(outcomes.improved, outcomes.with_outcome).share,
        "share_recovery": Share(outcomes.recovered, outcomes.with_outcome).share,
        "reviews_overdue": caseload.reviews_overdue,
        "latest_flagged": caseload.latest_flagged,
        "active_goals": caseload.active_goals,
        "goals_without_data": caseload.goals_without_data,
        "cases_first": outcomes.cases_first,
        "critical_open": caseload.critical_open,
        "critical_open_answers": caseload.critical_open_answers,
        "shares": {name: share_json(share) for name, share in caseload.shares().items()},
        "by_quarter": [quarter_json(q) for q in caseload.quarters],
        "small_number": caseload.small_number,
    }


def share_json(share: Share) -> dict[str, Any]:
    return {"count": share.count, "of": share.of, "share": share.share, "small": share.small}


def quarter_json(quarter: Quarter) -> dict[str, Any]:
    outcomes = quarter.outcomes
    return {
        "quarter": quarter.label,
        "first_day": quarter.first_day.isoformat(),
        "clients": outcomes.clients,
        "with_outcome": outcomes.with_outcome,
        "cases_first": outcomes.cases_first,
        "improved": outcomes.improved,
        "recovered": outcomes.recovered,
        "reliably_recovered": outcomes.reliably_recovered,
        "deteriorated": outcomes.deteriorated,
        "shares": {name: share_json(s) for name, s in outcomes.shares().items()},
    }
