"""The LOINC codes of the PHQ-9 and GAD-7 in FHIR: each questionnaire's panel, its items in
order, each item's answer list, and its total score.

Looked up from LOINC's own FHIR Questionnaires (the LHC-Forms exports of panels 44249-1 and
69737-5) and checked against HL7 SDC examples; not written from memory. Two things in them
are easy to get wrong:

- the GAD-7's second item (68509-9) has its own answer list, in which 2 is LA18938-3 "More
  days than not", not LA6570-1 "More than half the days" as in every other item;
- LOINC's GAD-7 panel has no difficulty question; goalsheet uses the PHQ-9's (69722-7), the
  same words, for the GAD-7's too.

A reader also accepts LA6570-1 for the GAD-7's second item: other systems write it, and
it cannot mean anything but 2.
"""

from __future__ import annotations

from dataclasses import dataclass

LOINC = "http://loinc.org"
ORDINAL_VALUE = "http://hl7.org/fhir/StructureDefinition/ordinalValue"


@dataclass(frozen=True)
class Answer:
    code: str
    display: str


@dataclass(frozen=True)
class LoincItem:
    code: str
    display: str
    answers: tuple[Answer, ...]  # by score, from 0
    also: tuple[tuple[str, int], ...] = ()  # other codes read as a score (never written)

    @property
    def link_id(self) -> str:
        """The linkId LOINC's own Questionnaire gives the item."""
        return f"/{self.code}"

    def score_of(self, code: str) -> int | None:
        """The score an answer code stands for; None when it is not on the item's list."""
        for score, answer in enumerate(self.answers):
            if answer.code == code:
                return score
        return dict(self.also).get(code)


@dataclass(frozen=True)
class LoincPanel:
    measure: str  # goalsheet's measure ID
    code: str  # the panel
    display: str
    total: str  # the total score's code
    total_display: str
    items: tuple[LoincItem, ...]
    difficulty: LoincItem

    @property
    def questionnaire(self) -> str:
        """The canonical URL of LOINC's Questionnaire for the panel."""
        return f"{LOINC}/q/{self.code}"


OFTEN = (
    Answer("LA6568-5", "Not at all"),
    Answer("LA6569-3", "Several days"),
    Answer("LA6570-1", "More than half the days"),
    Answer("LA6571-9", "Nearly every day"),
)
OFTEN_68509 = (OFTEN[0], OFTEN[1], Answer("LA18938-3", "More days than not"), OFTEN[3])
DIFFICULT = (
    Answer("LA6572-7", "Not difficult at all"),
    Answer("LA6573-5", "Somewhat difficult"),
    Answer("LA6575-0", "Very difficult"),
    Answer("LA6574-3", "Extremely difficult"),
)
DIFFICULTY = LoincItem(
    "69722-7",
    "How difficult have these problems made it for you to do your work, take care of things "
    "at home, or get along with other people?",
    DIFFICULT,
)

PHQ9 = LoincPanel(
    "PHQ-9",
    "44249-1",
    "PHQ-9 quick depression assessment panel",
    "44261-6",
    "Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]",
    (
        LoincItem("44250-9", "Little interest or pleasure in doing things", OFTEN),
        LoincItem("44255-8", "Feeling down, depressed, or hopeless", OFTEN),
        LoincItem("44259-0", "Trouble falling or staying asleep, or sleeping too much", OFTEN),
        LoincItem("44254-1", "Feeling tired or having little energy", OFTEN),
        LoincItem("44251-7", "Poor appetite or overeating", OFTEN),
        LoincItem(
            "44258-2",
            "Feeling bad about yourself-or that you are a failure or have let yourself or "
            "your family down",
            OFTEN,
        ),
        LoincItem(
            "44252-5",
            "Trouble concentrating on things, such as reading the newspaper or watching television",
            OFTEN,
        ),
        LoincItem(
            "44253-3",
            "Moving or speaking so slowly that other people could have noticed. Or the "
            "opposite-being so fidgety or restless that you have been moving around a lot "
            "more than usual",
            OFTEN,
        ),
        LoincItem(
            "44260-8",
            "Thoughts that you would be better off dead, or of hurting yourself in some way",
            OFTEN,
        ),
    ),
    DIFFICULTY,
)

GAD7 = LoincPanel(
    "GAD-7",
    "69737-5",
    "Generalized anxiety disorder 7 item (GAD-7)",
    "70274-6",
    "Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]",
    (
        LoincItem("69725-0", "Feeling nervous, anxious or on edge", OFTEN),
        LoincItem(
            "68509-9",
            "Over the past 2 weeks have you not been able to stop or control worrying",
            OFTEN_68509,
            also=(("LA6570-1", 2),),
        ),
        LoincItem("69733-4", "Worrying too much about different things", OFTEN),
        LoincItem("69734-2", "Trouble relaxing", OFTEN),
        LoincItem("69735-9", "Being so restless that it is hard to sit still", OFTEN),
        LoincItem("69689-8", "Becoming easily annoyed or irritable", OFTEN),
        LoincItem("69736-7", "Feeling afraid as if something awful might happen", OFTEN),
    ),
    DIFFICULTY,
)

PANELS = {panel.measure: panel for panel in (PHQ9, GAD7)}


def panel_of_questionnaire(canonical: str) -> LoincPanel | None:
    """The panel a QuestionnaireResponse's `questionnaire` names, however the system that
    wrote it spelled LOINC's canonical: http://loinc.org/q/44249-1, with a |version, or a
    server's own copy ending in the panel's code (…/Questionnaire/44249-1, 44249-1-x)."""
    url = canonical.split("|", 1)[0].rstrip("/")
    last = url.rsplit("/", 1)[-1]
    for panel in PANELS.values():
        if url in (panel.questionnaire, f"{LOINC}/{panel.code}") or last in (
            panel.code,
            f"{panel.code}-x",
        ):
            return panel
    return None
