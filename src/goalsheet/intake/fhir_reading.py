"""What reading one FHIR file needs (the file, whose it is, the client's sheet, the
project's measures, the day) and what it gathers (items, held questionnaires, what was
left out and why)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from goalsheet.fhir.systems import Systems, resource_id
from goalsheet.intake.fhir_file import FhirFile, Located
from goalsheet.intake.fhir_whose import NotARater, Whose, rater_of
from goalsheet.intake.form_context import Converted
from goalsheet.intake.items import Skipped
from goalsheet.language.messages import _
from goalsheet.model.client import ClientSheet
from goalsheet.model.measures import MeasureDefinition


@dataclass
class FhirReading:
    file: FhirFile
    who: Whose
    sheet: ClientSheet
    measures: Mapping[str, MeasureDefinition]
    today: dt.date
    default_date: dt.date | None  # --date, for a response without one
    base: str | None  # the practice's FHIR base URL
    # Whether another client of the project already has this measure on this day with
    # these answers to these items: (client, measure, day, {item: answer}) -> bool. A
    # critical answer of theirs already recorded is said by check and reports already.
    recorded: Callable[[str, str, str, Mapping[int, int | str | None]], bool] = lambda *_args: False
    out: Converted = field(default_factory=Converted)
    members: set[str] = field(default_factory=set)  # Observations read as a panel's items
    # each response read, by its path: its measure, day, answers and whether it is held
    # back (for the Observations derived from it, whose values must agree with it)
    responses: dict[str, tuple[str, dt.date | None, list[int | None], bool]] = field(
        default_factory=dict
    )

    def skip(self, resource: Located, why: str, *, invalid: bool = True, at: str = "") -> None:
        """Leave something out, saying why: a wrong value (blocks the import unless
        --skip-invalid) or, with invalid=False, something that is only not read."""
        where = f"{resource.where}{at}"
        self.out.skipped.append(Skipped(where, why, invalid))

    def rater(self, resource: Located, key: str) -> str | None:
        """Who gave the answers, from the resource's `key` ("author", "performer"): the
        client, or a rater goalsheet knows; else none (the clinician who typed the answers
        in is not who gave them), said."""
        reference = resource.data.get(key)
        if isinstance(reference, list):  # performer is a list; the first is who did it
            reference = reference[0] if reference else None
        try:
            return rater_of(self.file, self.who, reference, self.sheet.client.raters)
        except NotARater as error:
            why = _("the {field}: {error}; the answers are recorded without a rater")
            self.skip(resource, why.format(field=key, error=error), invalid=False, at=f".{key}")
            return None

    def practice_measure(self, canonical: str) -> MeasureDefinition | None:
        """The practice scale a Questionnaire URL names: this practice's own URL for it, or
        another goalsheet practice's (…/Questionnaire/<id>), matched by the scale's ID."""
        url = canonical.split("|", 1)[0].rstrip("/")
        for definition in self.measures.values():
            name = resource_id(definition.id.lower())
            if self.base is not None and url == Systems(self.base).questionnaire(definition.id):
                return definition
            if url.endswith(f"/Questionnaire/{name}"):
                return definition
        return None
