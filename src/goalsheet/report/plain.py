"""The client and family report in plain, warm words: the same numbers, no jargon.

Progress and small wins come first; a harder patch is named honestly and kindly (a slip is
not a failure). Words a client would not use ("reliable", "caseness", "band", "T-score")
never appear here. Dates are in words, numbers are rounded as people round them and their
plurals agree (`language.plain_numbers`). Critical answers are for the clinician: this
report never shows them, and never calls a questionnaire with an open one good news.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from goalsheet.compute.figures import GoalProgress, Progress, TrackerTrend
from goalsheet.compute.outcomes import MeasureChange
from goalsheet.compute.trends import SUMMED
from goalsheet.language import plain_numbers as say
from goalsheet.language.formats import count, in_words
from goalsheet.language.messages import N_, _, ngettext
from goalsheet.model.client import ClientSheet, Goal, Step, Tracker
from goalsheet.model.measures import MeasureDefinition

# What each built-in questionnaire is about, in a client's words.
PLAIN_NAMES = {
    "PHQ-9": N_("the questionnaire about low mood"),
    "GAD-7": N_("the questionnaire about worry and anxiety"),
}
GBO_TOP = 10  # goal-based outcome ratings run from 0 to 10


def plain_dates(figures: Progress, sheet: ClientSheet) -> dict[str, str]:
    """The dates the report names outside the goals, in words."""
    today = figures.as_of
    return {
        "started": in_words(sheet.client.started, today),
        "next_review": in_words(figures.review.next_due, today),
    }


def plain_goals(figures: Progress, sheet: ClientSheet, today: dt.date) -> list[dict[str, Any]]:
    """Each current goal with sentences about it, the ones going well first."""
    trends = {t.tracker: t for t in figures.trends}
    by_id = {g.id: g for g in figures.goals}
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
                "when": _target_date(goal, data.toward_target, today),
                "next_step": next((s.text for s in goal.steps if s.done is None), None),
                "ratings": [
                    {"date": in_words(r.date, today), "rating": say.whole(r.gbo)}
                    for r in data.ratings
                    if r.rater == "client" and r.gbo is not None
                ],
            }
        )
    return sorted(items, key=lambda g: (not g["achieved"], not g["wins"]))


def _goal_sentences(
    goal: Goal,
    data: GoalProgress,
    sheet: ClientSheet,
    trends: dict[str, TrackerTrend],
    today: dt.date,
) -> tuple[list[str], list[str]]:
    wins: list[str] = []
    harder: list[str] = []
    if goal.status == "achieved":
        wins.append(_("You reached this one. Well done."))
    own = data.gbo.get("client")
    if own is not None and own.ratings > 1:
        first, latest = own.first, own.latest
        sentence = _("You rated it {first} at the start and {latest} most recently.").format(
            first=say.out_of(first, GBO_TOP, about=False),
            latest=say.out_of(latest, GBO_TOP, about=False),
        )
        moved = say.whole(latest) - say.whole(first)
        if moved > 0:
            # NOTE: {points} is e.g. "1 point" or "4 points".
            closer = _("That is {points} closer.").format(points=say.points(moved))
            wins.append(f"{sentence} {closer}")
        elif moved < 0:
            further = _(
                "It has felt further away lately; that is worth talking about "
                "together, and it does not undo what you have done."
            )
            harder.append(f"{sentence} {further}")
        else:
            harder.append(f"{sentence} {_('It has stayed about the same so far.')}")
    elif own is not None:
        wins.append(
            _("Your first rating was {first}; the next will show change.").format(
                first=say.out_of(own.first, GBO_TOP, about=False)
            )
        )
    done = [step for step in goal.steps if step.done is not None and step.done <= today]
    if done:
        wins.append(_steps_done(len(done), len(goal.steps), max(done, key=_done_on).text))
    for tracker in sheet.trackers:
        if tracker.id not in _trackers_of(goal, sheet):
            continue
        news = _diary_sentence(tracker, _with_log(trends.get(tracker.id), today), goal)
        if news is not None:
            (wins if news[0] else harder).append(news[1])
    if goal.status == "active":
        toward = say.toward_target(data.toward_target)
        if toward is not None and data.toward_target is not None:
            (wins if data.toward_target > 0 else harder).append(toward)
    return wins, harder


def _done_on(step: Step) -> dt.date:
    return step.done or dt.date.min


def _steps_done(done: int, steps: int, last: str) -> str:
    """ "You have done 2 of the 4 steps you planned, most recently “...”."""
    if done >= steps:
        # NOTE: {last} is the client's own words for the step they did last; {count} (the
        # number of steps) may be used in every form, though English needs it in one only.
        return ngettext(
            "You have done the step you planned: “{last}”.",
            "You have done all {count} steps you planned, most recently “{last}”.",
            steps,
        ).format(count=count(steps), last=last)
    # NOTE: {done} is never more than {count}; {last} is the client's own words for a step.
    return ngettext(
        "You have done {done} of the {count} step you planned, most recently “{last}”.",
        "You have done {done} of the {count} steps you planned, most recently “{last}”.",
        steps,
    ).format(done=count(done), count=count(steps), last=last)


def _target_date(goal: Goal, toward: float | None, today: dt.date) -> str | None:
    """When the client hoped to get there, in words; nothing once the goal is reached."""
    if goal.target_date is None or goal.status != "active":
        return None
    when = in_words(goal.target_date, today)
    if toward is not None and toward >= 100:
        if goal.target_date < today:
            return None
        return _("That is ahead of {date}, the date you aimed for.").format(date=when)
    if goal.target_date < today:
        return _(
            "The date you aimed for, {date}, has passed. You can choose a new one together."
        ).format(date=when)
    return _("You are aiming to get there by {date}.").format(date=when)


def plain_diary(figures: Progress, sheet: ClientSheet) -> list[str]:
    """A plain sentence for each diary tracker not tied to a goal (mood, sleep...)."""
    tied = {t for goal in sheet.goals for t in _trackers_of(goal, sheet)}
    trends = {t.tracker: t for t in figures.trends}
    today = figures.as_of
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


def _with_log(trend: TrackerTrend | None, today: dt.date) -> TrackerTrend | None:
    """The trend as _diary_words reads it: its daily start and recent means, or, for a
    tracker kept on a weekly log alone, the first and last weeks' numbers (per day), when
    there are two weeks or more and the last is recent."""
    if trend is None or (trend.baseline_mean is not None and trend.recent_mean is not None):
        return trend
    weeks = [w for w in trend.weeks if w.logged]
    if trend.days or len(weeks) < 2:
        return trend
    if (today - weeks[-1].start).days > RECENT_LOG_DAYS:
        return trend
    per_day = 7.0 if trend.kind in SUMMED else 1.0
    return dataclasses.replace(
        trend, baseline_mean=weeks[0].level / per_day, recent_mean=weeks[-1].level / per_day
    )


def _level(tracker: Tracker, per_day: float) -> str | None:
    """A tracker's level in a client's words: "about 3 times a week", "about 6 out of 10"."""
    if tracker.kind == "yesno":
        return say.days_a_week(per_day * 7)
    if tracker.kind == "duration":
        return say.minutes_a_week(per_day * 7)
    if tracker.kind == "count":
        return say.times_a_week(per_day * 7)
    if tracker.kind == "rating":
        return say.out_of(per_day, tracker.max)
    return None  # times of day, text and ABC records are not summed up in words


def _levels(tracker: Tracker, trend: TrackerTrend | None) -> tuple[str, str] | None:
    """The tracker's level at the start and lately, in words; None without both."""
    if trend is None or trend.baseline_mean is None or trend.recent_mean is None:
        return None
    start, now = _level(tracker, trend.baseline_mean), _level(tracker, trend.recent_mean)
    return None if start is None or now is None else (start, now)


def _diary_words(tracker: Tracker, trend: TrackerTrend | None) -> str | None:
    """ "social outings: about once a week at the start, about 3 times a week lately"."""
    levels = _levels(tracker, trend)
    if levels is None:
        return None
    # NOTE: {name} is a diary line, e.g. "mood"; {start} and {now} are how much or how
    # often, e.g. "about 3 times a week", "about 6 out of 10".
    return _("{name}: {start} at the start, {now} lately").format(
        name=_(tracker.label).lower(), start=levels[0], now=levels[1]
    )


def _diary_sentence(
    tracker: Tracker, trend: TrackerTrend | None, goal: Goal
) -> tuple[bool, str] | None:
    """(good news?, sentence) comparing the start of the diary with the last fortnight."""
    words = _diary_words(tracker, trend)
    levels = _levels(tracker, trend)
    if words is None or levels is None or trend is None:
        return None
    assert trend.recent_mean is not None and trend.baseline_mean is not None  # as `levels`
    if levels[0] == levels[1]:  # the same in words is the same to the reader
        return False, _("In your diary, {words}: about the same so far.").format(words=words)
    if (trend.recent_mean > trend.baseline_mean) == _more_is_better(tracker, goal):
        return True, _("In your diary, {words}.").format(words=words)
    return False, _(
        "In your diary, {words}. Some weeks are harder; it helps to look at why."
    ).format(words=words)


def _more_is_better(tracker: Tracker, goal: Goal) -> bool:
    """The goal's direction for the tracker that measures it (or for all of the goal's
    trackers when none is named); more practice, outings or ticks for the others."""
    measure = goal.measure
    if measure is not None and measure.tracker in (tracker.id, None):
        return measure.direction != "decrease"
    return True


def plain_measures(
    figures: Progress, measures: dict[str, MeasureDefinition]
) -> list[dict[str, Any]]:
    """Each questionnaire answered more than once: where it started, where it is, in words."""
    today = figures.as_of
    talk_about = {c.measure for c in figures.critical if c.open}
    items = []
    for change in figures.changes:
        definition = measures[change.measure]
        first, latest = change.first.total, change.latest.total
        assert first is not None and latest is not None  # a change is between two totals
        name = (
            _(PLAIN_NAMES[definition.id])
            if definition.id in PLAIN_NAMES
            else _("the {title} questionnaire").format(title=_(definition.title))
        )
        lower_better = definition.higher_is_worse
        meaning, good = _meaning(change, first, latest, lower_better)
        items.append(
            {
                "measure": definition.id,
                "name": name,
                "first": count(first),
                "latest": count(latest),
                "first_date": in_words(change.first.date, today),
                "latest_date": in_words(change.latest.date, today),
                "top": count(definition.items * definition.item_max),
                "direction": _("lower scores mean fewer difficulties")
                if lower_better
                else _("higher scores mean things are going better"),
                "meaning": meaning,
                # An open critical answer is the clinician's to raise, in person: the report
                # does not name it, and does not call this questionnaire good news either.
                "good": good and definition.id not in talk_about,
                "talk": _("Your therapist would like to go through your latest answers with you.")
                if definition.id in talk_about
                else None,
            }
        )
    return sorted(items, key=lambda m: not m["good"])


def _meaning(
    change: MeasureChange, first: float, latest: float, lower_better: bool
) -> tuple[str, bool]:
    """What the change from the first score to the latest means, and whether it is good."""
    if change.reliable_improvement:
        return _("a clear change for the better, bigger than everyday ups and downs."), True
    if change.reliable_deterioration:
        if lower_better:
            return _(
                "higher than at the start, by more than everyday ups and downs. Your "
                "therapist will want to hear how things have been, so you can look at it "
                "together."
            ), False
        return _(
            "lower than at the start. Your therapist will want to hear how things "
            "have been, so you can look at it together."
        ), False
    if first == latest:
        return _("the same as at the start."), False
    return (
        _("a small change so far, within everyday ups and downs."),
        (latest < first) == lower_better,
    )


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
