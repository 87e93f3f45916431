"""What needs the clinician's attention, from a client's progress figures, most urgent first.

Pure: reads the figures `progress` computes, returns `AttentionItem`s. Every critical
answer not yet followed up comes first, whatever its date (a later calm questionnaire does
not clear an earlier item 9). The clinician report puts them on its first page.
"""

from __future__ import annotations

from collections.abc import Sequence

from goalsheet.compute.figures import AttentionItem, GoalProgress, ReviewDates
from goalsheet.compute.outcomes import MeasureChange
from goalsheet.compute.risk import CriticalAnswer
from goalsheet.language.messages import _, ngettext

DISAGREEMENT = 3  # raters whose latest GBO ratings of a goal differ by this much or more


def attention(
    critical: Sequence[CriticalAnswer],
    changes: Sequence[MeasureChange],
    review: ReviewDates,
    goals: Sequence[GoalProgress],
) -> list[AttentionItem]:
    """Every item, urgent ones first."""
    items = [
        *(_critical(c) for c in critical if c.open),
        *(_deterioration(c) for c in changes if c.reliable_deterioration),
        *_review(review),
        *_no_data(goals),
        *(_disagreement(g) for g in goals if g.agreement and g.agreement.spread >= DISAGREEMENT),
    ]
    return sorted(items, key=lambda item: not item.urgent)


def _critical(critical: CriticalAnswer) -> AttentionItem:
    return AttentionItem(
        "critical",
        True,
        # NOTE: {measure} is e.g. PHQ-9; {answer} is e.g. "1 (Several days)";
        # {message} says what to do.
        _("{measure} item {item} on {date}: {answer}. {message}").format(
            measure=critical.measure,
            item=critical.item,
            date=critical.date.isoformat(),
            answer=critical.answer_text(),
            message=critical.message,
        ),
        measure=critical.measure,
        date=critical.date,
        item=critical.item,
    )


def _deterioration(change: MeasureChange) -> AttentionItem:
    return AttentionItem(
        "deterioration",
        True,
        _(
            "{measure} rose from {first} to {latest}, a reliable deterioration "
            "(threshold {threshold})"
        ).format(
            measure=change.measure,
            first=change.first.total,
            latest=change.latest.total,
            threshold=f"{change.threshold or 0:g}",
        ),
        measure=change.measure,
    )


def _review(review: ReviewDates) -> list[AttentionItem]:
    if not review.overdue:
        return []
    message = _("goal review overdue: it was due on {date}").format(
        date=review.next_due.isoformat()
    )
    return [AttentionItem("review_overdue", False, message)]


def _no_data(goals: Sequence[GoalProgress]) -> list[AttentionItem]:
    silent = [g for g in goals if g.status == "active" and not g.has_data]
    if not silent:
        return []
    titles = "; ".join(f"“{g.title}”" for g in silent)
    # NOTE: {titles} are the goals' titles, each in quotation marks.
    message = ngettext(
        "no ratings or diary data yet for {count} active goal: {titles}",
        "no ratings or diary data yet for {count} active goals: {titles}",
        len(silent),
    ).format(count=len(silent), titles=titles)
    return [AttentionItem("no_data", False, message, goals=tuple(g.id for g in silent))]


def _disagreement(goal: GoalProgress) -> AttentionItem:
    assert goal.agreement is not None
    side = ", ".join(f"{rater} {score:g}" for rater, score in goal.agreement.latest.items())
    return AttentionItem(
        "disagreement",
        False,
        # NOTE: {scores} is each rater's latest rating, e.g. "client 4, therapist 7".
        _("raters see “{title}” differently ({scores})").format(title=goal.title, scores=side),
        goal=goal.id,
    )
