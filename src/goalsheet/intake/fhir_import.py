"""A FHIR file into one client's items: the questionnaires' responses first (the
Observations derived from them are checked against them), then the ratings, each resource
the client's by its subject. A resource of a type goalsheet does not read, of someone
else, or without a subject is named with its path in the file, never passed over."""

from __future__ import annotations

from collections.abc import Callable

from goalsheet.fhir.loinc import panel_of_questionnaire
from goalsheet.intake.fhir_critical import critical_in, critical_items
from goalsheet.intake.fhir_file import Located, obj
from goalsheet.intake.fhir_observation import goal_of, read_observation
from goalsheet.intake.fhir_panel import panel_of, read_panel
from goalsheet.intake.fhir_reading import FhirReading
from goalsheet.intake.fhir_response import read_response
from goalsheet.intake.fhir_whose import subject_client, subject_of
from goalsheet.intake.form_context import Converted
from goalsheet.intake.items import Skipped
from goalsheet.language.messages import _

READS = ("Patient", "QuestionnaireResponse", "Observation", "Goal", "Questionnaire")


def convert_fhir(reading: FhirReading) -> Converted:
    """The file's items; what cannot be imported is listed in `skipped`, a questionnaire
    held back in `held` (its critical items are still said)."""
    file = reading.file
    for where, why in file.problems:
        reading.out.skipped.append(Skipped(where, why))
    _not_read(reading)
    for kind, wanted, read in _READERS:
        for resource in file.of_type(kind):
            if not wanted(resource) or resource.path in reading.members:
                continue
            if _is_clients(reading, resource):
                read(reading, resource)
    for resource in file.of_type("Questionnaire"):
        _questionnaire(reading, resource)
    return reading.out


SHOWN = 3  # resources of a type goalsheet does not read, named before "and N more"


def _not_read(reading: FhirReading) -> None:
    """Resources of types goalsheet does not read, one wrong value per type: the first
    named by id and path, the next few by name, then how many more (a records system's
    export may hold hundreds of Encounters; one line each would bury the rest)."""
    by_type: dict[str, list[Located]] = {}
    for resource in reading.file.resources:
        if resource.type not in READS:
            by_type.setdefault(resource.type[:60], []).append(resource)
    for kind, found in by_type.items():
        why = _("goalsheet does not read {type} resources (it reads {types})").format(
            type=kind, types=", ".join(READS)
        )
        if len(found) > 1:
            others = ", ".join(r.where for r in found[1:SHOWN])
            more = len(found) - SHOWN
            if more <= 0:
                why += _("; {n} in this file: also {others}").format(n=len(found), others=others)
            else:
                why += _("; {n} in this file: also {others} and {more} more").format(
                    n=len(found), others=others, more=more
                )
        reading.skip(found[0], why)


def _is_clients(reading: FhirReading, resource: Located) -> bool:
    """Whether the resource is the client's; if not, it is left out, saying why. A
    response left out that holds a critical answer (PHQ-9 item 9) says so, and stops the
    import even when it is another client's: someone must look at it today."""
    subject = subject_of(reading.file, reading.who, resource)
    if subject == "client":
        return True
    if subject == "other":
        why = _("it is another client's (left out: one client per import)")
    elif subject == "missing":
        why = _(
            "it has no subject, so whose it is cannot be told; import the file with "
            "--client ID if it is all one client's"
        )
    else:
        shown = obj(resource.data.get("subject")).get("reference", "?")
        why = _("its subject ({subject}) is not a Patient in this file").format(
            subject=str(shown)[:80]
        )
    critical = critical_in(resource, reading.measures)
    if critical and subject == "other" and _recorded_for_them(reading, resource):
        critical = []
    if critical:
        whose = subject_client(reading.file, reading.who, resource) if subject == "other" else None
        whose = whose or _("whose: not known")
        reading.out.unplaced += [f"{resource.where} ({whose}): {words}" for words in critical]
        why += " " + _(
            "CRITICAL: it holds an answer that needs a person today ({answers}); import it "
            "for the right client now"
        ).format(answers="; ".join(critical))
    reading.skip(resource, why, invalid=subject != "other" or bool(critical), at=".subject")
    return False


def _recorded_for_them(reading: FhirReading, resource: Located) -> bool:
    """Whether another client's response is already in their entries, critical items and
    all (then check and their reports already say it)."""
    other = subject_client(reading.file, reading.who, resource)
    authored = resource.data.get("authored") or resource.data.get("effectiveDateTime")
    if other is None or not isinstance(authored, str):
        return False
    measure, raised = critical_items(resource, reading.measures)
    return reading.recorded(other, measure, authored[:10], raised)


def _goal(reading: FhirReading, resource: Located) -> None:
    """A Goal is not imported (goals are written in the client's goalsheet.yaml); one that
    is not there is said, since its ratings cannot be imported either."""
    goal = goal_of(reading, resource.data)
    if goal is None or goal not in {g.id for g in reading.sheet.goals}:
        text = obj(resource.data.get("description")).get("text") or "?"
        reading.skip(
            resource,
            _("the goal '{goal}' is not in the client's goalsheet.yaml (goals are written "
              "there: goalsheet new goal); ratings of it cannot be imported").format(
                  goal=str(text)[:80]),
            invalid=False,
        )  # fmt: skip


def _questionnaire(reading: FhirReading, resource: Located) -> None:
    url = resource.data.get("url")
    if isinstance(url, str) and (
        panel_of_questionnaire(url) is not None or reading.practice_measure(url) is not None
    ):
        return
    reading.skip(
        resource,
        _("a questionnaire goalsheet does not know ({url}); responses to it are not read")
        .format(url=str(url)[:120]),
        invalid=False,
    )  # fmt: skip


def _panel(reading: FhirReading, resource: Located) -> None:
    """A questionnaire sent as a panel Observation: read before the other Observations,
    so its members are known as its items and not read again alone."""
    panel = panel_of(resource)
    if panel is not None and panel.measure in reading.measures:
        read_panel(reading, resource, panel)


def _every(_resource: Located) -> bool:
    return True


def _a_panel(resource: Located) -> bool:
    return panel_of(resource) is not None


def _not_a_panel(resource: Located) -> bool:
    return panel_of(resource) is None


_READERS: list[tuple[str, Callable[[Located], bool], Callable[[FhirReading, Located], None]]] = [
    ("QuestionnaireResponse", _every, read_response),
    ("Observation", _a_panel, _panel),
    ("Observation", _not_a_panel, read_observation),
    ("Goal", _every, _goal),
]
