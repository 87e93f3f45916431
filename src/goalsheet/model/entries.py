"""Tracking data (goalsheets/<ID>/entries/*.yaml): one file per sitting or per import."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field, StrictBool, StrictFloat, StrictInt, model_validator

from goalsheet.language.messages import _
from goalsheet.model.base import Record, Slug, Text

Score = StrictInt | StrictFloat


class AbcRecord(Record):
    """One incident on an ABC chart."""

    antecedent: str | None = Field(default=None, description="what happened just before")
    behaviour: str | None = Field(default=None, description="what was done or felt")
    consequence: str | None = Field(default=None, description="what happened after")
    notes: str | None = None
    time: str | None = None


DiaryValue = StrictBool | StrictInt | StrictFloat | str | AbcRecord | list[AbcRecord] | None
"""A day's value for one tracker; its kind is checked against the tracker by `check`."""


WeekValue = StrictInt | StrictFloat | None
"""A week's number for one tracker (see EntryFile.weeks)."""


class Rating(Record):
    """A goal rating by one rater: GBO (0-10) and/or GAS (-2..+2, weighted)."""

    date: dt.date
    goal: Slug
    rater: Slug | None = None
    gbo: Annotated[Score, Field(ge=0, le=10)] | None = None
    gas: Annotated[StrictInt, Field(ge=-2, le=2)] | None = None
    weight: Annotated[Score, Field(gt=0, le=100)] | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _has_score(self) -> Rating:
        if self.gbo is None and self.gas is None:
            # NOTE: gbo and gas are YAML keys; keep them in English.
            raise ValueError(_("a rating needs a score: gbo (0 to 10) or gas (-2 to +2)"))
        if self.gbo is not None and self.rater is None:
            raise ValueError(
                # NOTE: client, parent and therapist are rater IDs written in the YAML.
                _("a GBO rating needs a rater (who gave it): client, parent, therapist")
            )
        return self


class MeasureEntry(Record):
    """One administration of a questionnaire: the answer to every item, in order."""

    date: dt.date
    measure: str
    answers: list[StrictInt | None]
    rater: Slug | None = None
    difficulty: Annotated[StrictInt, Field(ge=0, le=9)] | None = Field(
        default=None,
        description="the answer to the closing question of the PHQ-9 or GAD-7 (how difficult "
        "the problems made things, 0 to 3); never scored",
    )


class Review(Record):
    """A session review."""

    date: dt.date
    progress: str | None = None
    helped: str | None = None
    next: str | None = None
    in_the_way: str | None = Field(default=None, description="what got in the way")
    feedback: str | None = None
    goals: list[Slug] = Field(default_factory=list, description="goals reviewed")


class FollowUp(Record):
    """What was done about a critical answer (PHQ-9 item 9): when, by whom, a short note.

    It clears `check`'s warning about that answer; the answer itself stays in every report.
    """

    date: dt.date = Field(description="when the follow-up happened")
    answer_date: dt.date = Field(description="the date of the critical answer it follows up")
    measure: str | None = Field(
        default=None,
        description="the questionnaire, e.g. PHQ-9; every one on that date if left out",
    )
    item: int | None = Field(
        default=None, ge=1, description="the critical item; every one of the measure if left out"
    )
    by: Text = Field(description="who followed it up")
    note: Text = Field(description="what was done, in a few words")

    @model_validator(mode="after")
    def _not_before(self) -> FollowUp:
        if self.date < self.answer_date:
            raise ValueError(
                # NOTE: answer_date is a YAML key; keep it in English.
                _(
                    "a follow-up on {date} cannot come before the answer it follows up "
                    "(answer_date {answer})"
                ).format(date=self.date.isoformat(), answer=self.answer_date.isoformat())
            )
        return self


class EntryFile(Record):
    """One sitting's or one import's data."""

    source: str | None = Field(default=None, description="where it came from, e.g. a PDF import")
    corrects: bool = Field(
        default=False,
        description="its values replace the same values in the other entries files "
        "(written by `goalsheet import --prefer new`)",
    )
    diary: dict[dt.date, dict[Slug, DiaryValue]] = Field(default_factory=dict)
    weeks: dict[dt.date, dict[Slug, WeekValue]] = Field(
        default_factory=dict,
        description="a weekly log: for the week starting on that Monday, each tracker's "
        "week as one number (ratings: the week's average; counts and minutes: the total; "
        "yes/no: the days out of 7 it was a yes). Days in the diary win over their week.",
    )
    ratings: list[Rating] = Field(default_factory=list)
    measures: list[MeasureEntry] = Field(default_factory=list)
    reviews: list[Review] = Field(default_factory=list)
    follow_ups: list[FollowUp] = Field(
        default_factory=list,
        description="follow-ups of critical answers (PHQ-9 item 9): date, answer_date, "
        "measure, by, note",
    )
