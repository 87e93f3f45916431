"""Standardised measures as data: items, ranges, bands and thresholds.

PHQ-9 and GAD-7 ship built in (both free to use); a practice declares its own scales in
goalsheet.yaml with the same fields. Thresholds are data here, never constants in scoring code.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from goalsheet.model.base import Record, Text

MeasureId = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9 _.+-]*$", max_length=40)]


class Band(Record):
    """A severity band of the total score, inclusive at both ends."""

    min: int
    max: int
    label: Text


class ItemFlag(Record):
    """An item answer that needs follow-up whatever the total (PHQ-9 item 9)."""

    item: int = Field(ge=1, description="1-based item number")
    at_least: int = Field(description="flag when the answer is this or higher")
    flag: Annotated[str, Field(pattern=r"^[a-z0-9_-]+$")]
    message: Text


class MeasureDefinition(Record):
    """A questionnaire: how many items, their range, and how the total is read."""

    id: MeasureId
    title: Text
    items: int = Field(ge=1, le=200)
    item_min: int = 0
    item_max: int = Field(ge=1)
    prompt: str | None = Field(default=None, description="the question above the items")
    item_labels: list[Text] = Field(default_factory=list, description="one per item, optional")
    reverse: list[int] = Field(default_factory=list, description="1-based reverse-scored items")
    bands: list[Band] = Field(default_factory=list)
    cutoff: float | None = Field(default=None, description="caseness: total at or above this")
    reliable_change: float | None = Field(
        default=None, description="a change of at least this much is reliable"
    )
    higher_is_worse: bool = True
    max_missing: int = Field(
        default=0, ge=0, description="items that may be unanswered; the total is then prorated"
    )
    flags: list[ItemFlag] = Field(default_factory=list)
    source: str | None = Field(default=None, description="citation for the bands")

    @model_validator(mode="after")
    def _consistent(self) -> MeasureDefinition:
        if self.item_max <= self.item_min:
            raise ValueError("item_max must be greater than item_min")
        if self.item_labels and len(self.item_labels) != self.items:
            raise ValueError(
                f"item_labels has {len(self.item_labels)} labels for {self.items} items"
            )
        for number in [*self.reverse, *(flag.item for flag in self.flags)]:
            if not 1 <= number <= self.items:
                raise ValueError(f"item {number} does not exist (items are 1 to {self.items})")
        if self.max_missing >= self.items:
            raise ValueError("max_missing must be smaller than the number of items")
        low, high = self.items * self.item_min, self.items * self.item_max
        expected = low
        for band in sorted(self.bands, key=lambda b: b.min):
            if band.min != expected or band.max < band.min:
                raise ValueError(
                    f"bands must cover {low} to {high} without gaps or overlaps; "
                    f"band '{band.label}' starts at {band.min}, expected {expected}"
                )
            expected = band.max + 1
        if self.bands and expected != high + 1:
            raise ValueError(f"bands must end at the highest total, {high}")
        return self


_TWO_WEEKS = (
    "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
)

PHQ9 = MeasureDefinition(
    id="PHQ-9",
    title="Patient Health Questionnaire (depression)",
    items=9,
    item_min=0,
    item_max=3,
    prompt=_TWO_WEEKS,
    # The standard item wording (public domain): a validated questionnaire is not reworded.
    item_labels=[
        "Little interest or pleasure in doing things",
        "Feeling down, depressed, or hopeless",
        "Trouble falling or staying asleep, or sleeping too much",
        "Feeling tired or having little energy",
        "Poor appetite or overeating",
        "Feeling bad about yourself — or that you are a failure or have let yourself or "
        "your family down",
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        "Moving or speaking so slowly that other people could have noticed? Or the opposite — "
        "being so fidgety or restless that you have been moving around a lot more than usual",
        "Thoughts that you would be better off dead or of hurting yourself in some way",
    ],
    bands=[
        Band(min=0, max=4, label="minimal"),
        Band(min=5, max=9, label="mild"),
        Band(min=10, max=14, label="moderate"),
        Band(min=15, max=19, label="moderately severe"),
        Band(min=20, max=27, label="severe"),
    ],
    cutoff=10,
    reliable_change=6,
    flags=[
        ItemFlag(
            item=9,
            at_least=1,
            flag="item9",
            message="thoughts of being better off dead or of self-harm: follow up today",
        )
    ],
    source="Kroenke, Spitzer & Williams 2001; NHS Talking Therapies thresholds",
)

GAD7 = MeasureDefinition(
    id="GAD-7",
    title="Generalised Anxiety Disorder scale",
    items=7,
    item_min=0,
    item_max=3,
    prompt=_TWO_WEEKS,
    item_labels=[
        "Feeling nervous, anxious or on edge",
        "Not being able to stop or control worrying",
        "Worrying too much about different things",
        "Trouble relaxing",
        "Being so restless that it is hard to sit still",
        "Becoming easily annoyed or irritable",
        "Feeling afraid as if something awful might happen",
    ],
    bands=[
        Band(min=0, max=4, label="minimal"),
        Band(min=5, max=9, label="mild"),
        Band(min=10, max=14, label="moderate"),
        Band(min=15, max=21, label="severe"),
    ],
    cutoff=8,
    reliable_change=4,
    source="Spitzer et al. 2006; NHS Talking Therapies thresholds",
)

BUILTIN_MEASURES: dict[str, MeasureDefinition] = {m.id: m for m in (PHQ9, GAD7)}
