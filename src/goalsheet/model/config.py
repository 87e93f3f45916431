"""The practice's settings (goalsheet.yaml at the project root): one typed model.

Every option is declared here with its type, default and meaning; an unknown or mistyped
key is an error, never a silent default.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from goalsheet.language.messages import N_
from goalsheet.model.base import Cadence, Locale, Record, Text
from goalsheet.model.measures import MeasureDefinition

Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$")]


class Colours(Record):
    primary: Colour = Field(default="#1f5f7a", description="headings, links, bars")
    accent: Colour = Field(default="#b4532a", description="highlights and call-outs")


class Practice(Record):
    # The defaults are marked for the catalogue and translated where they are printed.
    name: Text = Field(default=N_("Our practice"), description="printed on every page")
    contact: str = Field(default="", description="address, phone or email for the footer")
    crisis_line: Text = Field(
        default=N_(
            "If you are in danger or thinking about harming yourself, call your local "
            "emergency number now, or go to the nearest emergency department."
        ),
        description="shown on handouts and worksheets that could upset",
    )
    logo: str | None = Field(default=None, description="image path inside the project")
    colours: Colours = Field(default_factory=Colours)


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
        default=True,
        description="publish goalsheet's practitioner's guide in the site, under guide/",
    )
    output: Output = Field(default_factory=Output)
    lint: LintSettings = Field(default_factory=LintSettings)
    measures: list[MeasureDefinition] = Field(
        default_factory=list, description="the practice's own scales, beside PHQ-9 and GAD-7"
    )
