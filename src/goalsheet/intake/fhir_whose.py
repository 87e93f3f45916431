"""Whose data a FHIR file holds: the Patient with this practice's client ID (the identifier
system under `practice.fhir_base`), or the client `--client` names. One client per import;
a file with two is refused unless --client picks one, and then the other's resources are
left out, said. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from goalsheet.fhir.systems import RATER
from goalsheet.findings import Finding, GoalsheetError
from goalsheet.intake.fhir_file import FhirFile, Located, identified, obj
from goalsheet.language.messages import _

Subject = Literal["client", "other", "missing", "unknown"]


@dataclass(frozen=True)
class Whose:
    client: str
    system: str | None  # the practice's client ID system
    patients: frozenset[str]  # paths of the Patients that are the client
    others: frozenset[str]  # paths of Patients that are someone else
    told: bool  # --client said whose (a resource without a subject is then the client's)


def client_id_of(patient: Located, system: str | None) -> str | None:
    """The practice's client ID in a Patient's identifiers, if it has one."""
    return identified(patient.data.get("identifier"), system)


def whose(file: FhirFile, system: str | None, given: str | None) -> Whose:
    """The client; GoalsheetError (GS402) when it cannot be told for sure."""
    ours: dict[str, str] = {}
    foreign: list[Located] = []
    for patient in file.of_type("Patient"):
        found = client_id_of(patient, system)
        if found is None:
            foreign.append(patient)
        else:
            ours[patient.path] = found
    every = {p.path for p in file.of_type("Patient")}
    if given:
        matched = {path for path, client in ours.items() if client == given}
        if matched:
            return Whose(given, system, frozenset(matched), frozenset(every - matched), True)
        if not ours and len(foreign) <= 1:
            return Whose(given, system, frozenset(every), frozenset(), True)
        if not foreign:
            raise _error(
                file.display,
                _("the file is for {clients}, not {given}").format(
                    clients=", ".join(sorted(set(ours.values()))), given=given
                ),
                _("import it without --client, or check the file"),
            )
        raise _error(
            file.display,
            _("the file holds {n} patients and none has the client ID {given}").format(
                n=len(every), given=given
            ),
            _("export one client's data at a time from the other system"),
        )
    named = sorted(set(ours.values()) or _named_in_subjects(file, system))
    if len(named) == 1 and not foreign:
        return Whose(named[0], system, frozenset(ours), frozenset(), False)
    if not named and not foreign:
        raise _error(
            file.display,
            _("the file does not say whose data it is (it has no Patient)"),
            _("say whose it is: goalsheet import FILE --client ID"),
        )
    if len(named) + len(foreign) > 1:
        listed = named + [p.where for p in foreign]
        raise _error(
            file.display,
            _("the file holds the data of {n} clients ({clients})").format(
                n=len(listed), clients=", ".join(listed[:5])
            ),
            _("import one client's data with --client ID (the others' are left out)"),
        )
    patient = foreign[0]
    if system is None:
        why = _("{patient} has no identifier goalsheet can match: this practice sets no fhir_base")
    else:
        why = _("{patient} has no identifier from this practice ({system})")
    raise _error(
        file.display,
        why.format(patient=patient.where, system=system),
        _("say whose it is: goalsheet import FILE --client ID"),
    )


def _named_in_subjects(file: FhirFile, system: str | None) -> set[str]:
    """The client IDs the resources' subjects give as identifiers, in a file without a
    Patient (a subject may be {"identifier": {system, value}} alone)."""
    named = (
        identified(obj(r.data.get("subject")).get("identifier"), system) for r in file.resources
    )
    return {client for client in named if client is not None}


def subject_of(file: FhirFile, who: Whose, resource: Located, key: str = "subject") -> Subject:
    """Whether a resource's subject is the client, someone else, missing, or a Patient
    the file does not hold (unknown). With --client, a missing subject is the client's
    unless the file holds someone else's data too, and with no Patient in the file at all
    a subject outside it is the client's: the person importing said so."""
    reference = resource.data.get(key)
    alone = who.told and not who.patients and not who.others
    if reference is None:  # --client said whose, and the file holds no one else's
        return "client" if who.told and not who.others else "missing"
    target = file.resolve(reference)
    if target is not None:
        if target.path in who.patients:
            return "client"
        if target.path in who.others:
            return "other"
        return "unknown"
    named = identified(obj(reference).get("identifier"), who.system)
    if named is not None:
        return "client" if named == who.client else "other"
    return "client" if alone else "unknown"


def subject_client(file: FhirFile, who: Whose, resource: Located) -> str | None:
    """The practice's client ID of a resource's subject, when it names one."""
    reference = resource.data.get("subject")
    target = file.resolve(reference)
    if target is not None and target.type == "Patient":
        return client_id_of(target, who.system)
    return identified(obj(reference).get("identifier"), who.system)


def _error(display: str, message: str, hint: str) -> GoalsheetError:
    return GoalsheetError([Finding(display, 1, 1, "GS402", message, hint)])


class NotARater(ValueError):
    """A Reference to someone goalsheet cannot name as one of the client's raters."""


def rater_of(file: FhirFile, who: Whose, reference: object, raters: list[str]) -> str | None:
    """The rater a Reference names: "client" for the client's Patient, else the role in a
    goalsheet rater identifier (urn:goalsheet:rater), which must be one of the client's
    raters; None when there is no reference. NotARater says why any other cannot be used."""
    if reference is None:
        return None
    if not isinstance(reference, dict):
        raise NotARater(_("it is not a FHIR Reference"))
    target = file.resolve(reference)
    if target is not None and target.path in who.patients:
        return "client"
    identifier = reference.get("identifier")
    if isinstance(identifier, dict) and identifier.get("system") == RATER:
        role = identifier.get("value")
        if isinstance(role, str) and role in raters:
            return role
        raise NotARater(
            _("'{rater}' is not one of the client's raters ({raters}); add them to 'raters:' first")
            .format(rater=str(role)[:40], raters=", ".join(raters))
        )  # fmt: skip
    named = reference.get("reference") or reference.get("display") or "?"
    raise NotARater(
        _("{who} is not someone goalsheet knows as a rater").format(who=str(named)[:80])
    )
