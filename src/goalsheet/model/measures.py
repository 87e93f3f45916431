"""Standardised measures as data: items, ranges, bands and thresholds.

PHQ-9 and GAD-7 ship built in (both free to use); a practice declares its own scales in
goalsheet.yaml with the same fields. Thresholds are data here, never constants in scoring code.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, ValidationInfo, field_validator, model_validator

from goalsheet.language.messages import N_, _
from goalsheet.model.base import Record, Text

MeasureId = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9 _.+-]*$", max_length=40)]


class Band(Record):
    """A severity band of the total score, inclusive at both ends."""

    min: int
    max: int
    label: Text


class ItemFlag(Record):
    """A critical item: an answer that needs a person today, whatever the total (PHQ-9 item 9).

    An answer at `at_least` or above is raised everywhere a therapist looks (import, check,
    list, reports) until a follow-up is recorded; a blank or unreadable answer is raised too
    ("not answered: ask"), since a null must never hide it.
    """

    item: int = Field(ge=1, description="1-based item number")
    at_least: int = Field(description="flag when the answer is this or higher")
    flag: Annotated[str, Field(pattern=r"^[a-z0-9_-]+$")]
    message: Text
    ask_if_blank: bool = Field(
        default=True, description="raise a blank or unreadable answer as a reason to ask"
    )


class Difficulty(Record):
    """The question after the items of the PHQ-9 and GAD-7: how much the problems get in
    the way. Clinicians read the answer; it is never scored."""

    question: Text
    answers: list[Text] = Field(min_length=2, max_length=10, description="from 0 upwards")

    def words(self) -> dict[str, Any]:
        """The question and its answers in the page's language, for a template."""
        return {"question": _(self.question), "answers": [_(words) for words in self.answers]}


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
    answer_labels: list[Text] = Field(
        default_factory=list,
        description="what each answer means, one per value from item_min to item_max, optional",
    )
    flags: list[ItemFlag] = Field(
        default_factory=list, description="critical items (PHQ-9 item 9 is built in)"
    )
    source: str | None = Field(default=None, description="citation for the bands")
    difficulty: Difficulty | None = Field(
        default=None, description="a closing question that is not scored (PHQ-9, GAD-7)"
    )
    credit: Text | None = Field(
        default=None, description="who made the questionnaire, printed on its forms"
    )

    @field_validator("flags")
    @classmethod
    def _critical_items(cls, flags: list[ItemFlag], info: ValidationInfo) -> list[ItemFlag]:
        """Each critical item exists, and its threshold is an answer that can be given."""
        items, low, high = (info.data.get(key) for key in ("items", "item_min", "item_max"))
        if not isinstance(items, int) or not isinstance(low, int) or not isinstance(high, int):
            return flags  # reported on those fields already
        problems = []
        for flag in flags:
            if not 1 <= flag.item <= items:
                problems.append(
                    # NOTE: a critical item names a question the measure does not have.
                    _("critical item {item} does not exist (items are 1 to {items})").format(
                        item=flag.item, items=items
                    )
                )
            if not low < flag.at_least <= high:
                problems.append(
                    # NOTE: at_least is a YAML key; keep it in English.
                    _(
                        "critical item {item}: at_least {at_least} is outside the answers that "
                        "can raise it ({low} to {high}); at the lowest answer it would flag "
                        "everyone"
                    ).format(item=flag.item, at_least=flag.at_least, low=low + 1, high=high)
                )
        if problems:
            raise ValueError("; ".join(problems))
        return flags

    @model_validator(mode="after")
    def _consistent(self) -> MeasureDefinition:
        if self.item_max <= self.item_min:
            # NOTE: item_max and item_min are YAML keys; keep them in English.
            raise ValueError(_("item_max must be greater than item_min"))
        if self.item_labels and len(self.item_labels) != self.items:
            raise ValueError(
                # NOTE: item_labels is a YAML key; keep it in English.
                _("item_labels has {labels} labels for {items} items").format(
                    labels=len(self.item_labels), items=self.items
                )
            )
        for number in self.reverse:
            if not 1 <= number <= self.items:
                raise ValueError(
                    _("item {number} does not exist (items are 1 to {items})").format(
                        number=number, items=self.items
                    )
                )
        if self.answer_labels and len(self.answer_labels) != self.item_max - self.item_min + 1:
            raise ValueError(
                # NOTE: answer_labels is a YAML key; keep it in English.
                _("answer_labels has {labels} labels for answers {low} to {high}").format(
                    labels=len(self.answer_labels), low=self.item_min, high=self.item_max
                )
            )
        if self.max_missing >= self.items:
            # NOTE: max_missing is a YAML key; keep it in English.
            raise ValueError(_("max_missing must be smaller than the number of items"))
        low, high = self.items * self.item_min, self.items * self.item_max
        expected = low
        for band in sorted(self.bands, key=lambda b: b.min):
            if band.min != expected or band.max < band.min:
                raise ValueError(
                    _(
                        "bands must cover {low} to {high} without gaps or overlaps; "
                        "band '{label}' starts at {start}, expected {expected}"
                    ).format(
                        low=low, high=high, label=band.label, start=band.min, expected=expected
                    )
                )
            expected = band.max + 1
        if self.bands and expected != high + 1:
            raise ValueError(_("bands must end at the highest total, {high}").format(high=high))
        return self


# The built-in measures' words are marked for the catalogue here and translated where they are
# shown (worksheets, reports); the model and the JSON outputs keep them in English.
# NOTE: the PHQ-9 and GAD-7 question: use the questionnaires' validated translation.
# NOTE: the PHQ-9 and GAD-7 answers: use the questionnaires' validated translation.
_HOW_OFTEN = [N_("Not at all"), N_("Several days"), N_("More than half the days"),
              N_("Nearly every day")]  # fmt: skip

_TWO_WEEKS = N_(
    "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
)

# NOTE: the PHQ-9's and GAD-7's closing question and its answers: use the questionnaires'
# validated translation.
_DIFFICULTY = Difficulty(
    question=N_(
        "If you checked off any problems, how difficult have these problems made it for you "
        "to do your work, take care of things at home, or get along with other people?"
    ),
    answers=[N_("Not difficult at all"), N_("Somewhat difficult"), N_("Very difficult"),
             N_("Extremely difficult")],
)  # fmt: skip

# NOTE: printed at the foot of the PHQ-9 and GAD-7 forms: who made them.
_CREDIT = N_(
    "PHQ-9 and GAD-7: developed by Drs Robert L. Spitzer, Janet B. W. Williams, Kurt Kroenke "
    "and colleagues; free to reproduce."
)

PHQ9 = MeasureDefinition(
    id="PHQ-9",
    title=N_("Patient Health Questionnaire (depression)"),
    items=9,
    item_min=0,
    item_max=3,
    prompt=_TWO_WEEKS,
    # The standard item wording (public domain): a validated questionnaire is not reworded.
    item_labels=[
        # NOTE: PHQ-9 item 1: use the questionnaire's validated translation.
        N_("Little interest or pleasure in doing things"),
        # NOTE: PHQ-9 item 2: use the questionnaire's validated translation.
        N_("Feeling down, depressed, or hopeless"),
        # NOTE: PHQ-9 item 3: use the questionnaire's validated translation.
        N_("Trouble falling or staying asleep, or sleeping too much"),
        # NOTE: PHQ-9 item 4: use the questionnaire's validated translation.
        N_("Feeling tired or having little energy"),
        # NOTE: PHQ-9 item 5: use the questionnaire's validated translation.
        N_("Poor appetite or overeating"),
        # NOTE: PHQ-9 item 6: use the questionnaire's validated translation.
        N_(
            "Feeling bad about yourself — or that you are a failure or have let yourself or "
            "your family down"
        ),
        # NOTE: PHQ-9 item 7: use the questionnaire's validated translation.
        N_("Trouble concentrating on things, such as reading the newspaper or watching television"),
        # NOTE: PHQ-9 item 8: use the questionnaire's validated translation.
        N_(
            "Moving or speaking so slowly that other people could have noticed? Or the opposite — "
            "being so fidgety or restless that you have been moving around a lot more than usual"
        ),
        # NOTE: PHQ-9 item 9: use the questionnaire's validated translation.
        N_("Thoughts that you would be better off dead or of hurting yourself in some way"),
    ],
    answer_labels=_HOW_OFTEN,
    bands=[
        # NOTE: a severity band of a questionnaire total (PHQ-9, GAD-7).
        Band(min=0, max=4, label=N_("minimal")),
        # NOTE: a severity band of a questionnaire total (PHQ-9, GAD-7).
        Band(min=5, max=9, label=N_("mild")),
        # NOTE: a severity band of a questionnaire total (PHQ-9, GAD-7).
        Band(min=10, max=14, label=N_("moderate")),
        # NOTE: a severity band of a questionnaire total (PHQ-9, GAD-7).
        Band(min=15, max=19, label=N_("moderately severe")),
        # NOTE: a severity band of a questionnaire total (PHQ-9, GAD-7).
        Band(min=20, max=27, label=N_("severe")),
    ],
    cutoff=10,
    reliable_change=6,
    flags=[
        ItemFlag(
            item=9,
            at_least=1,
            flag="item9",
            # NOTE: shown to the clinician when PHQ-9 item 9 is answered above 0.
            message=N_("thoughts of being better off dead or of self-harm: follow up today"),
        )
    ],
    source="Kroenke, Spitzer & Williams 2001; NHS Talking Therapies thresholds",
    difficulty=_DIFFICULTY,
    credit=_CREDIT,
)

GAD7 = MeasureDefinition(
    id="GAD-7",
    title=N_("Generalised Anxiety Disorder scale"),
    items=7,
    item_min=0,
    item_max=3,
    prompt=_TWO_WEEKS,
    item_labels=[
        # NOTE: GAD-7 item 1: use the questionnaire's validated translation.
        N_("Feeling nervous, anxious or on edge"),
        # NOTE: GAD-7 item 2: use the questionnaire's validated translation.
        N_("Not being able to stop or control worrying"),
        # NOTE: GAD-7 item 3: use the questionnaire's validated translation.
        N_("Worrying too much about different things"),
        # NOTE: GAD-7 item 4: use the questionnaire's validated translation.
        N_("Trouble relaxing"),
        # NOTE: GAD-7 item 5: use the questionnaire's validated translation.
        N_("Being so restless that it is hard to sit still"),
        # NOTE: GAD-7 item 6: use the questionnaire's validated translation.
        N_("Becoming easily annoyed or irritable"),
        # NOTE: GAD-7 item 7: use the questionnaire's validated translation.
        N_("Feeling afraid as if something awful might happen"),
    ],
    answer_labels=_HOW_OFTEN,
    bands=[
        Band(min=0, max=4, label=N_("minimal")),
        Band(min=5, max=9, label=N_("mild")),
        Band(min=10, max=14, label=N_("moderate")),
        Band(min=15, max=21, label=N_("severe")),
    ],
    cutoff=8,
    reliable_change=4,
    source="Spitzer et al. 2006; NHS Talking Therapies thresholds",
    difficulty=_DIFFICULTY,
    credit=_CREDIT,
)

BUILTIN_MEASURES: dict[str, MeasureDefinition] = {m.id: m for m in (PHQ9, GAD7)}
