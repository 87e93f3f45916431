"""FHIR test helpers: a copy of the demo's client data, `goalsheet export --format fhir` as a
dict, R4 validation with fhir.resources (plus the required code bindings it does not check),
and small look-ups inside a Bundle (resources by type, every reference, an entry by fullUrl)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fhir.resources.R4B.bundle import Bundle

from helpers.cli import Run
from helpers.project import REPO, Project

Resource = dict[str, Any]

DEMO_BASE = "https://riverside.example/fhir"  # the demo's practice.fhir_base
LOINC = "http://loinc.org"
TEST_BASE = "https://test.example/fhir"
TEST_CONFIG = f"practice: {{name: Test Practice, fhir_base: {TEST_BASE}}}\n"


def _codes(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Codes whose value set R4 binds as "required": fhir.resources checks their type, not their
# value, so a typo ("on_hold") would pass it. Bundle.type: the two goalsheet writes.
REQUIRED_CODES: dict[tuple[str, str], frozenset[str]] = {
    ("Bundle", "type"): _codes("collection transaction"),
    ("Goal", "lifecycleStatus"): _codes(
        "proposed planned accepted active on-hold completed cancelled entered-in-error rejected"
    ),
    ("Observation", "status"): _codes(
        "registered preliminary final amended corrected cancelled entered-in-error unknown"
    ),
    ("QuestionnaireResponse", "status"): _codes(
        "in-progress completed amended entered-in-error stopped"
    ),
    ("Questionnaire", "status"): _codes("draft active retired unknown"),
}
QUESTIONNAIRE_ITEM_TYPES = _codes(
    "group display boolean decimal integer date dateTime time string text url choice "
    "open-choice attachment reference quantity"
)


def copy_practice(root: Path) -> Path:
    """The demo's goalsheet.yaml and client sheets (nothing to build from: no content, no
    templates), in `root`."""
    root.mkdir(parents=True)
    shutil.copy(REPO / "goalsheet.yaml", root / "goalsheet.yaml")
    shutil.copytree(REPO / "goalsheets", root / "goalsheets")
    return root


def small_practice(project: Project, entries: str = "", config: str = TEST_CONFIG) -> Path:
    """conftest's one-client project (C-0001) with a FHIR base, and `entries` (YAML) as a
    second entries file; its root."""
    project.write("goalsheet.yaml", config)
    if entries:
        project.entries(entries)
    return project.root


def export_bundle(run: Run, root: Path, client: str, *args: str | Path) -> Resource:
    """`goalsheet export CLIENT --format fhir ARGS` of the project at `root`, as a dict.
    `client` may be "--all" (with "--bundle" in `args`) for the transaction."""
    result = run("export", client, "--format", "fhir", "--project", root, *args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


def validate_r4(bundle: Resource) -> None:
    """The Bundle and every resource in it are FHIR R4 (fhir.resources' R4B models, which
    reject unknown keys and wrong types), and the codes R4 binds as required are in their
    value sets."""
    Bundle.model_validate(bundle)
    for key, allowed in REQUIRED_CODES.items():
        for resource in [bundle, *resources(bundle)]:
            if resource["resourceType"] == key[0] and key[1] in resource:
                assert resource[key[1]] in allowed, f"{key}: {resource[key[1]]!r}"
    for questionnaire in resources(bundle, "Questionnaire"):
        for item in questionnaire.get("item", []):
            assert item["type"] in QUESTIONNAIRE_ITEM_TYPES, item


def resources(bundle: Resource, resource_type: str | None = None) -> list[Resource]:
    """The Bundle's resources in order, or only those of `resource_type`."""
    return [
        entry["resource"]
        for entry in bundle.get("entry", [])
        if resource_type is None or entry["resource"]["resourceType"] == resource_type
    ]


def by_full_url(bundle: Resource) -> dict[str, Resource]:
    """Each entry's resource by its fullUrl (a fullUrl given twice fails)."""
    found: dict[str, Resource] = {}
    for entry in bundle.get("entry", []):
        assert entry["fullUrl"] not in found, f"fullUrl twice: {entry['fullUrl']}"
        found[entry["fullUrl"]] = entry["resource"]
    return found


def full_url_of(bundle: Resource, resource: Resource) -> str:
    """The fullUrl of the entry holding `resource` (the same object)."""
    for entry in bundle.get("entry", []):
        if entry["resource"] is resource:
            url = entry["fullUrl"]
            assert isinstance(url, str)
            return url
    raise AssertionError(f"not in the bundle: {resource.get('id')}")


def references(node: object) -> Iterator[str]:
    """Every `reference` string anywhere in a JSON value, however deep."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "reference" and isinstance(value, str):
                yield value
            else:
                yield from references(value)
    elif isinstance(node, list):
        for value in node:
            yield from references(value)


def coded(concept: Resource, system: str) -> list[str]:
    """The codes a CodeableConcept gives in `system`."""
    return [c["code"] for c in concept.get("coding", []) if c.get("system") == system]


def observations(bundle: Resource, system: str, code: str) -> list[Resource]:
    """The Bundle's Observations coded `system|code`."""
    return [o for o in resources(bundle, "Observation") if code in coded(o["code"], system)]


def answers_of(item: Resource) -> list[Resource]:
    """A QuestionnaireResponse item's answers (none when it was left blank)."""
    answers = item.get("answer", [])
    assert isinstance(answers, list)
    return answers


def rater_of(resource: Resource, key: str) -> str | None:
    """The rater a resource names in `key` (author, expressedBy, or the first performer)."""
    named = resource.get(key)
    if isinstance(named, list):
        named = named[0]
    return None if named is None else str(named["display"])
