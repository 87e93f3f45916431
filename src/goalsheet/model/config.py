"""The practice's settings (goalsheet.yaml at the project root): one typed model.

Every option is declared here with its type, default and meaning; an unknown or mistyped
key is an error, never a silent default.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, StringConstraints, Tag, field_validator

from goalsheet.language.catalogues import language_of
from goalsheet.language.messages import N_, _, active_locale
from goalsheet.model.base import Cadence, Locale, Record, Text
from goalsheet.model.measures import MeasureDefinition

Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$")]
Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]
"""A language code, two lowercase letters: en, es, fr."""

CrisisLine = Annotated[
    Annotated[Text, Tag("text")] | Annotated[dict[Language, Text], Tag("by_language")],
    # A mapping is checked as a mapping only: one message about it, not one per form.
    Discriminator(lambda value: "by_language" if isinstance(value, dict) else "text"),
]

DEFAULT_CRISIS_LINE = N_(
    "If you are in danger or thinking about harming yourself, call your local "
    "emergency number now, or go to the nearest emergency department."
)


class Colours(Record):
    primary: Colour = Field(default="#1f5f7a", description="headings, links, bars")
    accent: Colour = Field(default="#b4532a", description="highlights and call-outs")


class Practice(Record):
    # The defaults are marked for the catalogue and translated where they are printed.
    name: Text = Field(default=N_("Our practice"), description="printed on every page")
    contact: str = Field(default="", description="address, phone or email for the footer")
    crisis_line: CrisisLine = Field(
        default=DEFAULT_CRISIS_LINE,
        description=(
            "shown on handouts and worksheets that could upset: one text, or one per "
            "language ({en: ..., es: ...}); a language without its own text gets "
            "goalsheet's default in that language, then the practice's text"
        ),
    )
    logo: str | None = Field(default=None, description="image path inside the project")
    colours: Colours = Field(default_factory=Colours)
    fhir_base: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = Field(
        default=None,
        description="the address that names this practice's client and goal IDs in a FHIR "
        "export (e.g. https://riverside.example/fhir); by default site_url + fhir",
    )

    @field_validator("crisis_line", mode="before")
    @classmethod
    def _text_or_mapping(cls, value: Any) -> Any:
        """One clear message for a value that is neither form (the union would give two)."""
        if not isinstance(value, str | dict):
            raise ValueError(
                _(
                    "crisis_line is one text, or a mapping from language code to text "
                    "(en: ..., es: ... on lines of their own under it)"
                )
            )
        if isinstance(value, dict) and not value:
            raise ValueError(_("crisis_line is empty: give at least one language's text"))
        return value


class Output(Record):
    site: str = Field(default="site", description="public build output")
    private: str = Field(default="private", description="per-client output, never published")


class LintSettings(Record):
    disable: list[str] = Field(
        default_factory=list, description="rule codes or names to switch off, e.g. GS104"
    )
    max_active_goals: int = Field(default=3, ge=1, le=20)
    baseline_days: int = Field(
        default=14, ge=1, le=90, description="diary days needed before change is judged"
    )
    no_data_weeks: int = Field(
        default=3,
        ge=1,
        le=52,
        description="the attention list names a client with no data for this many weeks",
    )


class Config(Record):
    """goalsheet.yaml: the practice's settings. Every key is optional."""

    practice: Practice = Field(default_factory=Practice)
    paper: Literal["a4", "letter"] = "a4"
    locale: Locale = "en_GB"
    review_every: Cadence = Field(default="6 weeks", description="default review cadence")
    goal_word: Text = Field(default="goals", description='e.g. "goals", "hopes"')
    site_url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    show_client_names: bool = Field(
        default=False, description="print clients' names on their own worksheets and reports"
    )
    guide: bool = Field(
        default=False,
        description="publish goalsheet's practitioner's guide under guide/ (staff only; "
        "off by default)",
    )
    output: Output = Field(default_factory=Output)
    lint: LintSettings = Field(default_factory=LintSettings)
    measures: list[MeasureDefinition] = Field(
        default_factory=list, description="the practice's own scales, beside PHQ-9 and GAD-7"
    )

    def fhir_base(self) -> str | None:
        """The practice's FHIR base URL: `practice.fhir_base`, else the site's address +
        "fhir"; None when neither is set (an export then asks for it)."""
        if self.practice.fhir_base:
            return self.practice.fhir_base.rstrip("/")
        if self.site_url:
            return self.site_url.rstrip("/") + "/fhir"
        return None

    def crisis_text(self, language: str | None = None) -> str:
        """The crisis text for a page or document in `language` (default: the language
        being spoken now, inside `using()`). The practice's own words for that language if
        it gave them; else goalsheet's default in that language followed by the practice's
        text, so a page never loses the practice's number to a language it did not write."""
        language = language or language_of(active_locale())
        site = language_of(self.locale)
        given = self.practice.crisis_line
        if isinstance(given, str):
            if given == DEFAULT_CRISIS_LINE or language == site:
                return _(given)
            return f"{_(DEFAULT_CRISIS_LINE)} {given}"
        if language in given:
            return given[language]
        own = given.get(site) or next(iter(given.values()))
        return f"{_(DEFAULT_CRISIS_LINE)} {own}"
