"""A client's goalsheet (goalsheets/<ID>/goalsheet.yaml): who, which goals, what is tracked."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, model_validator

from goalsheet.language.messages import _
from goalsheet.model.base import Cadence, Locale, Record, Slug, Text

GoalStatus = Literal["active", "paused", "achieved", "dropped", "revised"]
AgeBand = Literal["child", "teen", "young-adult", "adult", "older-adult"]
Direction = Literal["increase", "decrease", "maintain"]


class Client(Record):
    id: Slug = Field(description="pseudonymous ID; must match the folder name")
    name: str | None = Field(default=None, description="printed only where the practice opts in")
    youth: bool = False
    age_band: AgeBand | None = None
    started: dt.date
    therapist: str | None = None
    raters: list[Slug] = Field(
        default_factory=lambda: ["client", "therapist"],
        description="who rates goals: client, parent, carer, therapist, teacher...",
    )
    goal_word: str | None = Field(default=None, description='the word the client prefers: "hopes"')
    prefers_no_goals: bool = Field(
        default=False, description="the client prefers not to set explicit goals (for now)"
    )
    locale: Locale | None = Field(
        default=None, description="the client's language for their documents, e.g. es_ES"
    )


class GoalMeasure(Record):
    """What is counted for a goal, from where to where."""

    what: Text
    unit: str | None = None
    direction: Direction = "increase"
    baseline: float | None = None
    target: float | None = None
    tracker: Slug | None = Field(default=None, description="the diary tracker that records it")


class Step(Record):
    """One rung of the goal ladder."""

    text: Text
    due: dt.date | None = None
    done: dt.date | None = None


class Objective(Record):
    """A measurable step toward the goal."""

    text: Text
    target_date: dt.date | None = None
    done: dt.date | None = None


class StatusChange(Record):
    date: dt.date
    status: GoalStatus
    note: str | None = None


class Goal(Record):
    id: Slug
    title: Text = Field(description="in the client's own words")
    status: GoalStatus = "active"
    history: list[StatusChange] = Field(default_factory=list, description="status changes")
    revised_from: Slug | None = Field(default=None, description="the goal this one replaced")
    proposed_by: list[Slug] = Field(default_factory=list, description="who put this goal forward")
    specific: str | None = None
    measure: GoalMeasure | None = None
    achievable: str | None = None
    why: str | None = Field(default=None, description="why it matters, in the client's words")
    target_date: dt.date | None = None
    steps: list[Step] = Field(default_factory=list)
    objectives: list[Objective] = Field(default_factory=list)
    interventions: list[Text] = Field(default_factory=list)
    review_every: Cadence | None = None


class _Tracker(Record):
    id: Slug
    label: Text
    goal: Slug | list[Slug] | None = Field(default=None, description="goal(s) this tracks")
    when: str | None = Field(default=None, description='time of day to record, e.g. "evening"')

    @property
    def goals(self) -> list[str]:
        if self.goal is None:
            return []
        return [self.goal] if isinstance(self.goal, str) else list(self.goal)


class RatingTracker(_Tracker):
    kind: Literal["rating"]
    min: int = 1
    max: int = 10
    anchors: list[Text] = Field(
        default_factory=list, description="words for the low and high ends (or every point)"
    )

    @model_validator(mode="after")
    def _range(self) -> RatingTracker:
        if self.max <= self.min:
            raise ValueError(
                _("max ({max}) must be greater than min ({min})").format(max=self.max, min=self.min)
            )
        if self.max - self.min > 100:
            raise ValueError(_("a rating scale has at most 101 points"))
        points = self.max - self.min + 1
        if self.anchors and len(self.anchors) not in (2, points):
            raise ValueError(
                # NOTE: "anchors" is the YAML key; keep it in English.
                _("anchors: give 2 words (low, high) or {points}, one per point").format(
                    points=points
                )
            )
        return self


class CountTracker(_Tracker):
    kind: Literal["count"]
    unit: str | None = Field(default=None, description='e.g. "panic attacks"')


class DurationTracker(_Tracker):
    kind: Literal["duration"]
    unit: Literal["minutes"] = "minutes"


class YesNoTracker(_Tracker):
    kind: Literal["yesno"]


class TimeTracker(_Tracker):
    kind: Literal["time"]


class TextTracker(_Tracker):
    kind: Literal["text"]


class AbcTracker(_Tracker):
    kind: Literal["abc"]


Tracker = Annotated[
    RatingTracker
    | CountTracker
    | DurationTracker
    | YesNoTracker
    | TimeTracker
    | TextTracker
    | AbcTracker,
    Field(discriminator="kind"),
]
TRACKER_KINDS = ("rating", "count", "duration", "yesno", "time", "text", "abc")


class ClientSheet(Record):
    """goalsheets/<ID>/goalsheet.yaml."""

    client: Client
    review_every: Cadence | None = Field(default=None, description="overrides the practice's")
    goals: list[Goal] = Field(default_factory=list)
    trackers: list[Tracker] = Field(default_factory=list)
