"""The caseload at a glance, de-identified: counts and shares, never an ID or a name."""

from __future__ import annotations

from collections import Counter
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


def caseload(reports: list[dict[str, Any]], as_of: str) -> dict[str, Any]:
    """Summarise per-client progress dicts (from `progress`) without identifying anyone."""
    categories = Counter(r["outcome"]["category"] for r in reports)
    measured = [r for r in reports if r["outcome"]["reliable_improvement"] is not None]
    active_goals = [g for r in reports for g in r["goals"] if g["status"] == "active"]
    return {
        "as_of": as_of,
        "clients": len(reports),
        "outcomes": {category: categories.get(category, 0) for category in CATEGORIES},
        "with_outcome": len(measured),
        "share_reliable_improvement": _share(
            sum(bool(r["outcome"]["reliable_improvement"]) for r in measured), len(measured)
        ),
        "share_recovery": _share(
            sum(bool(r["outcome"]["recovery"]) for r in measured), len(measured)
        ),
        "reviews_overdue": sum(r["review"]["overdue"] for r in reports),
        "latest_flagged": sum(_latest_flagged(r) for r in reports),
        "active_goals": len(active_goals),
        "goals_without_data": sum(not g["has_data"] for g in active_goals),
    }


def _latest_flagged(report: dict[str, Any]) -> bool:
    """Whether any measure's latest administration raised a flag (e.g. PHQ-9 item 9)."""
    latest: dict[str, dict[str, Any]] = {}
    for administration in report["measures"]:  # in date order
        latest[administration["measure"]] = administration
    return any(a["flags"] for a in latest.values())


def _share(part: int, whole: int) -> float | None:
    return None if whole == 0 else round(part / whole, 3)
