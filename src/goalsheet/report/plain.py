"""The client and family report in plain, warm words: the same numbers, no jargon.

Progress and small wins come first; a harder patch is named honestly and kindly (a slip is
not a failure). Words a client would not use ("reliable", "caseness", "band", "T-score")
never appear here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from goalsheet.compute.trends import SUMMED
from goalsheet.language.formats import number
from goalsheet.language.messages import N_, _
from goalsheet.model.client import ClientSheet, Goal, Tracker
from goalsheet.model.measures import MeasureDefinition

# What each built-in questionnaire is about, in a client's words.
PLAIN_NAMES = {
    "PHQ-9": N_("the questionnaire about low mood"),
    "GAD-7": N_("the questionnaire about worry and anxiety"),
}


def plain_goals(
    figures: dict[str, Any], sheet: ClientSheet, today: dt.date
) -> list[dict[str, Any]]:
    """Each current goal with sentences about it, the ones going well first."""
    trends = {t["tracker"]: t for t in figures["trends"]}
    by_id = {g["id"]: g for g in figures["goals"]}
    items = []
    for goal in sheet.goals:
        if goal.status not in ("active", "achieved"):
            continue
        data = by_id[goal.id]
        wins, harder = _goal_sentences(goal, data, sheet, trends, today)
        items.append(
            {
                "id": goal.id,
                "title": goal.title,
                "why": goal.why,
                "achieved": goal.status == "achieved",
                "wins": wins,
                "harder": harder,
                "steps_done": sum(step.done is not None for step in goal.steps),
                "steps": len(goal.steps),
                "next_step": next((s.text for s in goal.steps if s.done is None), None),
            }
        )
    return sorted(items, key=lambda g: (not g["achieved"], not g["wins"]))


def _goal_sentences(
    goal: Goal,
    data: dict[str, Any],
    sheet: ClientSheet,
    trends: dict[str, dict[str, Any]],
    today: dt.date,
) -> tuple[list[str], list[str]]:
    wins: list[str] = []
    harder: list[str] = []
    if goal.status == "achieved":
        wins.append(_("You reached this one. Well done."))
    own = data["gbo"].get("client")
    if own is not None and own["ratings"] > 1:
        first, latest = own["first"], own["latest"]
        sentence = _(
            "You rated it {first} out of 10 at the start and {latest} most recently."
        ).format(first=number(first), latest=number(latest))
        if latest > first:
            closer = _("That is {points} point(s) closer.").format(points=number(latest - first))
            wins.append(f"{sentence} {closer}")
        elif latest < first:
            further = _(
                "It has felt further away lately; that is worth talking about "
                "together, and it does not undo what you have done."
            )
            harder.append(f"{sentence} {further}")
        else:
            harder.append(f"{sentence} {_('It has stayed about the same so far.')}")
    elif own is not None:
        wins.append(
            _("Your first rating was {first} out of 10; the next will show change.").format(
                first=number(own["first"])
            )
        )
    done = [step for step in goal.steps if step.done is not None and step.done <= today]
    if done:
        wins.append(
            _(
                "You have done {done} of the {steps} steps you planned, most recently “{last}”."
            ).format(
                done=len(done),
                steps=len(goal.steps),
                last=max(done, key=lambda s: s.done or today).text,
            )
        )
    for tracker in sheet.trackers:
        if tracker.id not in _trackers_of(goal, sheet):
            continue
        news = _diary_sentence(tracker, _with_log(trends.get(tracker.id), today), goal)
        if news is not None:
            (wins if news[0] else harder).append(news[1])
    return wins, harder


def plain_diary(figures: dict[str, Any], sheet: ClientSheet) -> list[str]:
    """A plain sentence for each diary tracker not tied to a goal (mood, sleep...)."""
    tied = {t for goal in sheet.goals for t in _trackers_of(goal, sheet)}
    trends = {t["tracker"]: t for t in figures["trends"]}
    today = dt.date.fromisoformat(figures["as_of"])
    lines = []
    for tracker in sheet.trackers:
        words = _diary_words(tracker, _with_log(trends.get(tracker.id), today))
        if tracker.id not in tied and words is not None:
            lines.append(f"{words[0].upper()}{words[1:]}.")
    return lines


def _trackers_of(goal: Goal, sheet: ClientSheet) -> list[str]:
    return [
        t.id
        for t in sheet.trackers
        if goal.id in t.goals or (goal.measure is not None and goal.measure.tracker == t.id)
    ]


RECENT_LOG_DAYS = 21  # a weekly log's last week counts as "lately" if it began this recently


def _with_log(trend: dict[str, Any] | None, today: dt.date) -> dict[str, Any] | None:
    """The trend as _diary_words reads it: its daily start and recent means, or, for a
    tracker kept on a weekly log alone, the first and last weeks' numbers (per day), when
    there are two weeks or more and the last is recent."""
    if trend is None or (trend["baseline_mean"] is not None and trend["recent_mean"] is not None):
        return trend
    weeks = [w for w in trend.get("weeks", []) if w.get("logged")]
    if trend.get("days") or len(weeks) < 2:
        return trend
    last = dt.date.fromisoformat(str(weeks[-1]["start"]))
    if (today - last).days > RECENT_LOG_DAYS:
        return trend
    per_day = 7.0 if trend["kind"] in SUMMED else 1.0
    return {**trend, "baseline_mean": weeks[0]["level"] / per_day,
            "recent_mean": weeks[-1]["level"] / per_day}  # fmt: skip


def _diary_words(tracker: Tracker, trend: dict[str, Any] | None) -> str | None:
    """ "outings: about 1 a week at the start, 3 lately", or None without both figures."""
    if trend is None or trend["baseline_mean"] is None or trend["recent_mean"] is None:
        return None
    start, now = trend["baseline_mean"], trend["recent_mean"]
    name = _(tracker.label).lower()
    values = {"name": name, "start": _about(start * 7), "now": _about(now * 7)}
    if tracker.kind == "yesno":
        return _("{name}: about {start} days a week at the start, {now} lately").format(**values)
    if tracker.kind == "duration":
        return _("{name}: about {start} minutes a week at the start, {now} lately").format(**values)
    if tracker.kind in SUMMED:
        return _("{name}: about {start} a week at the start, {now} lately").format(**values)
    return _("{name}: about {start} on average at the start, {now} lately").format(
        name=name, start=_about(start), now=_about(now)
    )


def _diary_sentence(
    tracker: Tracker, trend: dict[str, Any] | None, goal: Goal
) -> tuple[bool, str] | None:
    """(good news?, sentence) comparing the start of the diary with the last fortnight."""
    words = _diary_words(tracker, trend)
    if words is None or trend is None:
        return None
    start, now = trend["baseline_mean"], trend["recent_mean"]
    wanted_up = goal.measure is None or goal.measure.direction != "decrease"
    if abs(now - start) < 0.05 * max(abs(start), 1):
        return False, _("In your diary, {words}: about the same so far.").format(words=words)
    better = (now > start) == wanted_up
    if better:
        return True, _("In your diary, {words}.").format(words=words)
    return False, _(
        "In your diary, {words}. Some weeks are harder; it helps to look at why."
    ).format(words=words)


def _about(value: float) -> str:
    if abs(value) >= 10 or abs(value - round(value)) < 0.1:
        return number(round(value))
    return number(round(value, 1))


def plain_measures(
    figures: dict[str, Any], measures: dict[str, MeasureDefinition]
) -> list[dict[str, Any]]:
    """Each questionnaire answered more than once: where it started, where it is, in words."""
    items = []
    for change in figures["changes"]:
        definition = measures[change["measure"]]
        first, latest = change["first"]["total"], change["latest"]["total"]
        name = (
            _(PLAIN_NAMES[definition.id])
            if definition.id in PLAIN_NAMES
            else _("the {title} questionnaire").format(title=_(definition.title))
        )
        top = definition.items * definition.item_max
        lower_better = definition.higher_is_worse
        if change["reliable_improvement"]:
            meaning = _("a clear change for the better, bigger than everyday ups and downs.")
            good = True
        elif change["reliable_deterioration"]:
            meaning = (
                _(
                    "higher than at the start, by more than everyday ups and downs. Your "
                    "therapist will want to hear how things have been, so you can look at it "
                    "together."
                )
                if lower_better
                else _(
                    "lower than at the start. Your therapist will want to hear how things "
                    "have been, so you can look at it together."
                )
            )
            good = False
        elif first == latest:
            meaning = _("the same as at the start.")
            good = False
        else:
            meaning = _("a small change so far, within everyday ups and downs.")
            good = (latest < first) == lower_better
        items.append(
            {
                "measure": definition.id,
                "name": name,
                "first": first,
                "latest": latest,
                "first_date": change["first"]["date"],
                "latest_date": change["latest"]["date"],
                "top": top,
                "direction": _("lower scores mean fewer difficulties")
                if lower_better
                else _("higher scores mean things are going better"),
                "meaning": meaning,
                "good": good,
            }
        )
    return sorted(items, key=lambda m: not m["good"])


def small_wins(goals: list[dict[str, Any]], measures: list[dict[str, Any]]) -> list[str]:
    """The best news first, at most four lines, for the top of the client report."""
    wins = [
        _("“{title}”: {news}").format(title=g["title"], news=g["wins"][0])
        for g in goals
        if g["wins"]
    ]
    wins += [
        _("On {name}: {meaning}").format(name=m["name"], meaning=m["meaning"])
        for m in measures
        if m["good"]
    ]
    return wins[:4]
