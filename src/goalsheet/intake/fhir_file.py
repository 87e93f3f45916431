"""The resources of a FHIR file (a Bundle, or one QuestionnaireResponse), each with its
path in the file ("Bundle.entry[3].resource") and its name ("QuestionnaireResponse/qr-1"),
and how a Reference in one of them finds another. Pure: the file is already parsed."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from goalsheet.findings import Finding, GoalsheetError
from goalsheet.language.messages import _

READ_ALONE = ("Bundle", "QuestionnaireResponse")
BUNDLE_TYPES = ("collection", "transaction", "batch", "searchset", "document", "message")
MAX_ENTRIES = 100_000


@dataclass(frozen=True)
class Located:
    """One resource and where it is."""

    path: str  # Bundle.entry[3].resource
    full_url: str | None
    data: dict[str, Any]

    @property
    def type(self) -> str:
        return str(self.data.get("resourceType", ""))

    @property
    def name(self) -> str:
        """QuestionnaireResponse/qr-1, or the type alone when it has no id."""
        rid = self.data.get("id")
        return f"{self.type}/{rid}" if isinstance(rid, str) and rid else self.type

    @property
    def where(self) -> str:
        """How a message names it: its name, then its path."""
        return f"{self.name} ({self.path})"


@dataclass
class FhirFile:
    display: str
    resources: list[Located] = field(default_factory=list)
    by_url: dict[str, Located] = field(default_factory=dict)
    by_name: dict[str, Located] = field(default_factory=dict)
    # what is wrong with the file's shape that does not stop the rest being read (where,
    # why): a bogus Bundle type, an entry that holds no resource. Each is a wrong value, so
    # nothing is written, but every resource is still read and its critical answers said.
    problems: list[tuple[str, str]] = field(default_factory=list)

    def resolve(self, reference: object) -> Located | None:
        """The resource a Reference points at inside the file: by fullUrl, or by
        Type/id (a relative or absolute URL ending so); None when it is not in the file."""
        if not isinstance(reference, dict):
            return None
        target = reference.get("reference")
        if not isinstance(target, str) or not target:
            return None
        found = self.by_url.get(target)
        if found is not None:
            return found
        parts = target.split("/_history/")[0].rstrip("/").split("/")
        if len(parts) >= 2:
            return self.by_name.get(f"{parts[-2]}/{parts[-1]}")
        return None

    def of_type(self, resource_type: str) -> Iterator[Located]:
        return (r for r in self.resources if r.type == resource_type)


def obj(value: object) -> dict[str, Any]:
    """A JSON object from an untrusted file, or {} when it is something else."""
    return value if isinstance(value, dict) else {}


def seq(value: object) -> list[Any]:
    """A JSON array from an untrusted file, or [] when it is something else."""
    return value if isinstance(value, list) else []


def identified(identifiers: object, system: str | None) -> str | None:
    """The value of the first identifier in `system` among `identifiers` (a list of them,
    or one); None when there is none, or no system to look for."""
    if system is None:
        return None
    for identifier in identifiers if isinstance(identifiers, list) else [identifiers]:
        if isinstance(identifier, dict) and identifier.get("system") == system:
            value = identifier.get("value")
            if isinstance(value, str) and value:
                return value
    return None


def resources_of(data: Any, display: str) -> FhirFile:
    """The file's resources; GoalsheetError (GS409) when it is not a Bundle or a
    QuestionnaireResponse goalsheet can read."""
    if not isinstance(data, dict) or not isinstance(data.get("resourceType"), str):
        raise _error(
            display,
            _("this JSON is not a FHIR resource (it has no resourceType)"),
            _("import a FHIR Bundle or QuestionnaireResponse (JSON), or goalsheet's own CSV"),
        )
    kind = data["resourceType"]
    if kind not in READ_ALONE:
        raise _error(
            display,
            _("a FHIR {kind} is not something goalsheet imports on its own").format(kind=kind),
            _("import a Bundle, or a single QuestionnaireResponse"),
        )
    out = FhirFile(display)
    if kind == "QuestionnaireResponse":
        _add(out, Located("QuestionnaireResponse", None, data))
        return out
    if data.get("type") not in BUNDLE_TYPES:
        out.problems.append(
            (
                "Bundle.type",
                _("the Bundle's type '{type}' is not one FHIR defines").format(
                    type=str(data.get("type"))[:40]
                ),
            )
        )
    entries = data.get("entry", [])
    if not isinstance(entries, list):
        raise _error(
            display,
            _("the Bundle's entry is not a list"),
            _("check the file is a FHIR R4 Bundle"),
        )
    if len(entries) > MAX_ENTRIES:
        raise _error(
            display,
            _("the Bundle has {n} entries; goalsheet reads at most {limit}").format(
                n=len(entries), limit=MAX_ENTRIES
            ),
            _("export one client at a time"),
        )
    for index, entry in enumerate(entries):
        path = f"Bundle.entry[{index}].resource"
        resource = entry.get("resource") if isinstance(entry, dict) else None
        if not isinstance(resource, dict) or not isinstance(resource.get("resourceType"), str):
            out.problems.append(
                (path, _("{path} is not a FHIR resource (no resourceType)").format(path=path))
            )
            continue
        full_url = entry.get("fullUrl")
        _add(out, Located(path, full_url if isinstance(full_url, str) else None, resource))
    return out


def _add(out: FhirFile, located: Located) -> None:
    out.resources.append(located)
    if located.full_url:
        out.by_url.setdefault(located.full_url, located)
    rid = located.data.get("id")
    if isinstance(rid, str) and rid:
        out.by_name.setdefault(f"{located.type}/{rid}", located)


def _error(display: str, message: str, hint: str) -> GoalsheetError:
    return GoalsheetError([Finding(display, 1, 1, "GS409", message, hint)])
