"""What needs the clinician's attention, from a client's progress figures, most urgent first.

Pure: reads the dict `progress` returns (and the measures, for the flags' wording), returns
a list of plain items. The clinician report puts them on its first page.
"""

from __future__ import annotations

from typing import Any

from goalsheet.model.measures import MeasureDefinition

DISAGREEMENT = 3  # raters whose latest GBO ratings of a goal differ by this much or more


def attention(
    report: dict[str, Any], measures: dict[str, MeasureDefinition]
) -> list[dict[str, Any]]:
    """Items with `kind`, `urgent` and `message`, urgent ones first."""
    items: list[dict[str, Any]] = []
    latest: dict[str, dict[str, Any]] = {}
    for administration in report["measures"]:  # in date order
        latest[administration["measure"]] = administration
    for measure_id, last in latest.items():
        definition = measures.get(measure_id)
        known = definition.flags if definition else []
        for flag in last["flags"]:
            wording = next((f.message for f in known if f.flag == flag), flag)
            items.append(
                {
                    "kind": "flag",
                    "urgent": True,
                    "flag": flag,
                    "measure": measure_id,
                    "date": last["date"],
                    "message": f"{measure_id} on {last['date']} (the latest): {wording}",
                }
            )
        earlier = [
            a
            for a in report["measures"]
            if a["measure"] == measure_id and a["flags"] and a is not last
        ]
        if earlier and not last["flags"]:
            dates = ", ".join(a["date"] for a in earlier)
            items.append(
                {
                    "kind": "earlier_flag",
                    "urgent": False,
                    "measure": measure_id,
                    "message": f"{measure_id} was flagged earlier ({dates}: "
                    f"{', '.join(sorted({f for a in earlier for f in a['flags']}))}); "
                    f"not on the latest, {last['date']}",
                }
            )
    for change in report["changes"]:
        if change["reliable_deterioration"]:
            items.append(
                {
                    "kind": "deterioration",
                    "urgent": True,
                    "measure": change["measure"],
                    "message": f"{change['measure']} rose from {change['first']['total']} to "
                    f"{change['latest']['total']}, a reliable deterioration "
                    f"(threshold {change['threshold']:g})",
                }
            )
    review = report["review"]
    if review["overdue"]:
        items.append(
            {
                "kind": "review_overdue",
                "urgent": False,
                "message": f"goal review overdue: it was due on {review['next_due']}",
            }
        )
    silent = [g for g in report["goals"] if g["status"] == "active" and not g["has_data"]]
    if silent:
        titles = "; ".join(f"“{g['title']}”" for g in silent)
        items.append(
            {
                "kind": "no_data",
                "urgent": False,
                "goals": [g["id"] for g in silent],
                "message": f"no ratings or diary data yet for {len(silent)} active goal(s): "
                f"{titles}",
            }
        )
    for goal in report["goals"]:
        agreement = goal["agreement"]
        if agreement and agreement["spread"] >= DISAGREEMENT:
            side = ", ".join(f"{rater} {score:g}" for rater, score in agreement["latest"].items())
            items.append(
                {
                    "kind": "disagreement",
                    "urgent": False,
                    "goal": goal["id"],
                    "message": f"raters see “{goal['title']}” differently ({side})",
                }
            )
    return sorted(items, key=lambda item: not item["urgent"])
