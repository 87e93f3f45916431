"""The questions for one goal, SMART part by SMART part, in plain words.

Specific, Measurable (what is counted, baseline, target), Achievable, Relevant (why, in the
client's words), Time-bound (a target date); then a few first steps and a diary tracker
that fits the measure. The answers become the goal as it will be written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from goalsheet.compute import wording
from goalsheet.guided import parsing
from goalsheet.guided.asking import Asker, Question
from goalsheet.guided.parsing import Direction
from goalsheet.guided.proposals import propose_tracker, slug, unique, wording_offer
from goalsheet.guided.script import Answers, Ask, Step, text_only, walk
from goalsheet.language.messages import N_, _

MAX_STEPS = 20


@dataclass(frozen=True)
class GoalFlags:
    """The answers given as options (None: not given)."""

    title: str | None = None
    specific: str | None = None
    what: str | None = None
    unit: str | None = None
    direction: str | None = None
    baseline: str | None = None
    target: str | None = None
    achievable: str | None = None
    why: str | None = None
    target_date: str | None = None
    steps: tuple[str, ...] = ()
    tracker: bool | None = None

    @property
    def any_given(self) -> bool:
        return any(
            value not in (None, ())
            for value in (
                self.title, self.specific, self.what, self.unit, self.direction,
                self.baseline, self.target, self.achievable, self.why, self.target_date,
                self.steps,
            )
        )  # fmt: skip


@dataclass(frozen=True)
class Setting:
    """What the questions need to know about the client."""

    client_id: str
    goal_ids: Sequence[str]
    tracker_ids: Sequence[str]
    today: dt.date


@dataclass(frozen=True)
class GoalDraft:
    """The goal and its tracker as they will be written (keys in the file's order)."""

    goal: dict[str, Any]
    tracker: dict[str, Any] | None
    tracker_description: str
    baseline_unknown: bool


def ask_goal(asker: Asker, flags: GoalFlags, setting: Setting) -> GoalDraft:
    """Every question for one goal, each answered by its flag or at the prompt."""
    answers = walk(asker, GOAL_SCRIPT, flags, {"setting": setting})
    goal_id = unique(slug(answers["title"]), setting.goal_ids)
    proposal = propose_tracker(answers["what"], answers["unit"], goal_id, setting.tracker_ids)
    label = proposal.fields["label"]
    use_tracker = asker.confirm(
        _('A diary column would record this: "{label}", {description}.').format(
            label=label, description=proposal.description
        ),
        flags.tracker,
        default=True,
        hint=_("Linked to this goal, so the diary and the reports follow it."),
        label=_("Add it to the diary"),
    )
    tracker = proposal.fields if use_tracker else None
    goal = _goal_record(goal_id, answers, tracker, setting.today)
    return GoalDraft(goal, tracker, proposal.description, answers["baseline"] is None)


def _goal_record(
    goal_id: str, answers: Answers, tracker: dict[str, Any] | None, today: dt.date
) -> dict[str, Any]:
    """The goal as it will be written, keys in the file's order; empty answers left out."""
    measure: dict[str, Any] = {"what": answers["what"]}
    if answers["unit"]:
        measure["unit"] = answers["unit"]
    measure["direction"] = answers["direction"]
    if answers["baseline"] is not None:
        measure["baseline"] = answers["baseline"]
    measure["target"] = answers["target"]
    if tracker:
        measure["tracker"] = tracker["id"]
    goal: dict[str, Any] = {"id": goal_id, "title": answers["title"], "why": answers["why"]}
    if answers["specific"]:
        goal["specific"] = answers["specific"]
    goal["status"] = "active"
    goal["history"] = [{"date": today, "status": "active"}]
    goal["measure"] = measure
    if answers["achievable"]:
        goal["achievable"] = answers["achievable"]
    goal["target_date"] = answers["target_date"]
    if answers["steps"]:
        goal["steps"] = [{"text": step} for step in answers["steps"]]
    return goal


def _step_title(asker: Asker, flags: GoalFlags, answers: Answers) -> None:
    answers["title"] = _ask_title(asker, flags.title)


def _specific_hint(answers: Answers) -> str:
    if wording.vague(answers["title"]) is None:
        return _(
            'Something you could see happening, e.g. "Call my sister on Sunday evenings". '
            "Enter to skip."
        )
    return _("The goal is worded broadly, so this part is what makes it trackable: what "
             "would someone see you doing?")  # fmt: skip


def _step_direction(asker: Asker, flags: GoalFlags, answers: Answers) -> None:
    answers["direction"] = asker.ask(
        _direction_question(asker, flags), flags.direction, parsing.direction
    )


def _baseline_note(asker: Asker, flags: GoalFlags, answers: Answers) -> None:
    """With no baseline known, a baseline diary comes first."""
    if answers["baseline"] is None:
        asker.note(
            _(
                "Then a baseline diary comes first: two or three weeks of daily tracking "
                "(goalsheet diary --client {id} --baseline) before change is judged. "
                "Fill in the baseline afterwards."
            ).format(id=answers["setting"].client_id)
        )


def _step_steps(asker: Asker, flags: GoalFlags, answers: Answers) -> None:
    answers["steps"] = _ask_steps(asker, flags.steps)


# The questions for one goal, in the order they are asked.
GOAL_SCRIPT: tuple[Step, ...] = (
    _step_title,
    Ask(
        "specific",
        "--specific",
        N_("Specific: what exactly will you do, where, and with whom?"),
        _specific_hint,
        N_("Specific"),
        text_only(parsing.optional_text),
        default="",
    ),
    Ask(
        "what",
        "--what",
        N_("Measurable: what will be counted or rated to see progress?"),
        N_("e.g. phone calls made, minutes of practice, worry 0-10, days I walked the dog."),
        N_("Measure"),
        text_only(parsing.required_text),
    ),
    Ask(
        "unit",
        "--unit",
        N_("Counted per what, or on what scale?"),
        N_("e.g. per week, per day, minutes a day, 0-10. Enter to skip."),
        N_("Unit"),
        text_only(parsing.optional_text),
        default="",
    ),
    _step_direction,
    Ask(
        "baseline",
        "--baseline",
        N_("Baseline: where is it now?"),
        N_('A typical number from the last week or two, or "unknown" if nobody has counted.'),
        N_("Baseline"),
        text_only(parsing.baseline),
    ),
    _baseline_note,
    Ask(
        "target",
        "--target",
        N_("Target: where would you like it to be?"),
        N_("A number that would feel like real progress, and is within reach."),
        N_("Target"),
        lambda text, answers: _target(text, answers["baseline"], answers["direction"]),
    ),
    Ask(
        "achievable",
        "--achievable",
        N_("Achievable: what makes this realistic now?"),
        N_("Strengths, support, time, a small first step. Enter to skip."),
        N_("Achievable"),
        text_only(parsing.optional_text),
        default="",
    ),
    Ask(
        "why",
        "--why",
        N_("Relevant: why does this matter to you? (in the client's words)"),
        N_(
            'A goal that matters for its own sake keeps motivation going, e.g. "I want '
            'to enjoy evenings with my friends again".'
        ),
        N_("Why"),
        text_only(parsing.required_text),
    ),
    Ask(
        "target_date",
        "--target-date",
        N_("Time-bound: by when?"),
        N_('A date (YYYY-MM-DD) or "in 8 weeks"; it sets when to look at it together.'),
        N_("Target date"),
        lambda text, answers: parsing.future_date(text, answers["setting"].today),
    ),
    _step_steps,
)


def _ask_title(asker: Asker, given: str | None) -> str:
    """The goal in the client's words; avoidance, vague or all-or-nothing wording is
    pointed out kindly, with a rephrasing to accept, words of one's own, or the original."""
    question = Question(
        "--title",
        _("The goal, in the client's own words: what would you like to move towards?"),
        _('Something to do or have more of, e.g. "Feel at ease in group settings".'),
        _("Goal"),
    )
    title = asker.ask(question, given, parsing.required_text)
    if given is not None or asker.assume_yes:
        offer = wording_offer(title)
        if offer is not None:
            asker.note(offer.explanation)
        return title
    while (offer := wording_offer(title)) is not None:
        asker.note(offer.explanation)
        options: list[tuple[str, str]] = []
        if offer.suggestion:
            options.append(("use", _('Use "{words}"').format(words=offer.suggestion)))
        options.append(("own", _("Put it another way: {question}").format(question=offer.question)))
        options.append(("keep", _('Keep "{words}" as it is').format(words=title)))
        picked = options[asker.choose([text for _key, text in options]) - 1][0]
        if picked == "use" and offer.suggestion:
            return offer.suggestion
        if picked == "keep":
            return title
        title = asker.ask(
            Question("--title", offer.question, _("In the client's words."), _("Goal")),
            None,
            parsing.required_text,
        )
    return title


def _direction_question(asker: Asker, flags: GoalFlags) -> Question:
    """Up is the usual default; with --yes it may be read off --baseline and --target."""
    guess: str | None = "up"
    needed = False
    if asker.assume_yes:
        guess, needed = None, True
        try:
            start = parsing.number(flags.baseline or "")
            end = parsing.number(flags.target or "")
        except parsing.Invalid:
            pass
        else:
            if start != end:
                guess, needed = ("up" if end > start else "down"), False
    return Question(
        "--direction",
        _("Should that number go up, go down, or stay the same?"),
        _("up (increase), down (decrease) or same (maintain)."),
        _("Direction"),
        default=guess,
        needed_with_yes=needed,
    )


def _target(text: str, start: float | None, way: Direction) -> float:
    value = parsing.number(text)
    parsing.check_target(value, start, way)
    return value


def _ask_steps(asker: Asker, given: tuple[str, ...]) -> list[str]:
    if given:
        return [step for step in (parsing.clean(text) for text in given) if step][:MAX_STEPS]
    if asker.assume_yes:
        return []
    asker.heading(
        _("First steps (optional): small steps on the way, easiest first."),
        _("One step a line; an empty line ends the list."),
    )
    steps: list[str] = []
    while len(steps) < MAX_STEPS:
        step = parsing.clean(asker.free(_("Step {number}").format(number=len(steps) + 1)))
        if not step:
            break
        steps.append(step)
    return steps


def goal_summary(draft: GoalDraft) -> list[tuple[str, str]]:
    """The goal in plain words, label by label, as it will be written."""
    goal, measure = draft.goal, draft.goal["measure"]
    show = parsing.show_number
    title = _("{title}  (id: {id})").format(title=goal["title"], id=goal["id"])
    rows: list[tuple[str, str]] = [(_("Goal"), title)]
    if "specific" in goal:
        rows.append((_("Specific"), goal["specific"]))
    what = measure["what"] + (f", {measure['unit']}" if "unit" in measure else "")
    if "baseline" in measure:
        if measure["direction"] == "increase":
            change = _("up from {baseline} to {target}")
        elif measure["direction"] == "decrease":
            change = _("down from {baseline} to {target}")
        else:
            change = _("kept at {target} (now {baseline})")
        change = change.format(baseline=show(measure["baseline"]), target=show(measure["target"]))
    else:
        change = _("to {target}; baseline unknown (a baseline diary first)").format(
            target=show(measure["target"])
        )
    rows.append((_("Measure"), f"{what}: {change}"))
    if "achievable" in goal:
        rows.append((_("Achievable"), goal["achievable"]))
    rows.append((_("Why"), goal["why"]))
    rows.append((_("By"), goal["target_date"].isoformat()))
    for number, step in enumerate(goal.get("steps", []), start=1):
        rows.append((_("Step {number}").format(number=number), step["text"]))
    if draft.tracker:
        rows.append(
            (
                _("Diary"),
                _('"{label}", {description} (tracker: {id})').format(
                    label=draft.tracker["label"],
                    description=draft.tracker_description,
                    id=draft.tracker["id"],
                ),
            )
        )
    else:
        rows.append((_("Diary"), _("no new tracker")))
    return rows
