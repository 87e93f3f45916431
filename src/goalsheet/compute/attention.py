"""What needs the clinician's attention, from a client's progress figures, most urgent first.

Pure: reads the dict `progress` returns, returns a list of plain items. Every critical
answer not yet followed up comes first, whatever its date (a later calm questionnaire does
not clear an earlier item 9). The clinician report puts them on its first page.
"""

from __future__ import annotations

from typing import Any

from goalsheet.language.messages import _, ngettext

DISAGREEMENT = 3  # raters whose latest GBO ratings of a goal differ by this much or more


def attention(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Items with `kind`, `urgent` and `message`, urgent ones first."""
    items: list[dict[str, Any]] = []
    for critical in report["critical"]:
        if critical["open"]:
            items.append(
                {
                    "kind": "critical",
                    "urgent": True,
                    "measure": critical["measure"],
                    "date": critical["date"],
                    "item": critical["item"],
                    # NOTE: {measure} is e.g. PHQ-9; {answer} is e.g. "1 (Several days)";
                    # {message} says what to do.
                    "message": _("{measure} item {item} on {date}: {answer}. {message}").format(
                        measure=critical["measure"],
                        item=critical["item"],
                        date=critical["date"],
                        answer=critical["answer_text"],
                        message=critical["message"],
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
                # NOTE: {titles} are the goals' titles, each in quotation marks.
                "message": ngettext(
                    "no ratings or diary data yet for {count} active goal: {titles}",
                    "no ratings or diary data yet for {count} active goals: {titles}",
                    len(silent),
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
