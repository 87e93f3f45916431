"""What needs the clinician's attention, from a client's progress figures, most urgent first.

Pure: reads the dict `progress` returns (and the measures, for the flags' wording), returns
a list of plain items. The clinician report puts them on its first page.
"""

from __future__ import annotations

from typing import Any

from goalsheet.language.messages import _
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
            # The built-in flags' wording is marked for the catalogue in model/measures.py.
            wording = next((_(f.message) for f in known if f.flag == flag), flag)
            items.append(
                {
                    "kind": "flag",
                    "urgent": True,
                    "flag": flag,
                    "measure": measure_id,
                    "date": last["date"],
                    # NOTE: {measure} is e.g. PHQ-9; {flag} says what the answer means.
                    "message": _("{measure} on {date} (the latest): {flag}").format(
                        measure=measure_id, date=last["date"], flag=wording
                    ),
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
                    # NOTE: {flags} are flag IDs such as item9.
                    "message": _(
                        "{measure} was flagged earlier ({dates}: {flags}); "
                        "not on the latest, {date}"
                    ).format(
                        measure=measure_id,
                        dates=dates,
                        flags=", ".join(sorted({f for a in earlier for f in a["flags"]})),
                        date=last["date"],
                    ),
                }
            )
    for change in report["changes"]:
        if change["reliable_deterioration"]:
            items.append(
                {
                    "kind": "deterioration",
                    "urgent": True,
                    "measure": change["measure"],
                    "message": _(
                        "{measure} rose from {first} to {latest}, a reliable deterioration "
                        "(threshold {threshold})"
                    ).format(
                        measure=change["measure"],
                        first=change["first"]["total"],
                        latest=change["latest"]["total"],
                        threshold=f"{change['threshold']:g}",
                    ),
                }
            )
    review = report["review"]
    if review["overdue"]:
        items.append(
            {
                "kind": "review_overdue",
                "urgent": False,
                "message": _("goal review overdue: it was due on {date}").format(
                    date=review["next_due"]
                ),
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
                "message": _(
                    "no ratings or diary data yet for {count} active goal(s): {titles}"
                ).format(count=len(silent), titles=titles),
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
                    # NOTE: {scores} is each rater's latest rating, e.g. "client 4, therapist 7".
                    "message": _("raters see “{title}” differently ({scores})").format(
                        title=goal["title"], scores=side
                    ),
                }
            )
    return sorted(items, key=lambda item: not item["urgent"])
