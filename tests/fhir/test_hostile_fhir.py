"""FHIR import against hostile and damaged Bundles, by property: any JSON, and a valid
Bundle with any of its other resources broken in any way (a value replaced by anything, a
key deleted, a resource copied, a list emptied), gives exit 0 or 1, never a traceback; exit
1 writes nothing; exit 0 writes only entries files `check` accepts. And the one property
that matters most: while the PHQ-9 response itself is untouched, its item 9 answer (2) is
said first, in a CRITICAL line, whatever was done to the rest of the file (its Patient
removed or renamed included: then it is said as not given to anyone).

GOALSHEET_FUZZ_SCALE=10 runs ten times the examples."""

from __future__ import annotations

import copy
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.cli import invoke
from helpers.fhir_import import (
    AS_OF,
    PHQ9_TOTAL,
    bundle,
    fhir_practice,
    gad7,
    goal,
    patient,
    phq9,
    rating,
    total,
    write_json,
)
from helpers.project import CLIENT, ENTRIES, Project, snapshot

Run = Callable[..., Result]
SCALE = float(os.environ.get("GOALSHEET_FUZZ_SCALE", "1"))
AT_RISK = [1, 2, 1, 1, 0, 1, 1, 0, 2]  # item 9: 2; total 9
PHQ9_AT = 1  # the PHQ-9 response's place among the entries, never broken below

JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**40), 2**40) | st.floats(allow_nan=False)
    | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20,
)  # fmt: skip
KEYS = st.sampled_from(
    ["resourceType", "id", "subject", "status", "questionnaire", "authored", "item", "code",
     "valueInteger", "valueQuantity", "focus", "performer", "derivedFrom", "hasMember",
     "component", "effectiveDateTime", "identifier", "reference", "system", "value"]
)  # fmt: skip


def base() -> dict[str, Any]:
    return bundle(
        patient(),
        phq9(AT_RISK),
        gad7([1, 0, 2, 1, 0, 1, 0]),
        goal(),
        rating("gbo", 4),
        total("total-1", PHQ9_TOTAL, 9),
    )


def paths(node: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a JSON tree, as keys and indexes from the root."""
    found = [at]
    if isinstance(node, dict):
        for key, value in node.items():
            found += paths(value, (*at, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += paths(value, (*at, index))
    return found


def mutate(data: dict[str, Any], choose: st.DataObject) -> dict[str, Any]:
    """A copy of the Bundle with one to three changes, none inside the PHQ-9 response."""
    made = copy.deepcopy(data)
    for _ in range(choose.draw(st.integers(1, 3))):
        entries = made["entry"]
        others = [i for i in range(len(entries)) if i != PHQ9_AT]
        if not others:
            break
        index = choose.draw(st.sampled_from(others))
        places = paths(entries[index], ("entry", index))
        place = choose.draw(st.sampled_from(places))
        parent: Any = made
        for step in place[:-1]:
            parent = parent[step]
        kind = choose.draw(st.sampled_from(["replace", "delete", "copy", "key"]))
        if kind == "replace":
            parent[place[-1]] = choose.draw(JSON)
        elif kind == "delete" and isinstance(parent, dict):
            del parent[place[-1]]
        elif kind == "copy":
            entries.append(copy.deepcopy(entries[index]))
        elif kind == "key" and isinstance(parent[place[-1]], dict):
            parent[place[-1]][choose.draw(KEYS)] = choose.draw(JSON)
    return made


def attempt(data: object) -> tuple[Result, Project, dict[str, bytes]]:
    folder = Path(tempfile.mkdtemp(prefix="fhir-fuzz-"))
    practice = Project(folder / "practice")
    practice.write("goalsheet.yaml", "x: 1\n")
    practice.client(CLIENT)
    practice.entries(ENTRIES, name="e1.yaml")
    fhir_practice(practice)
    before = snapshot(practice.root)
    path = write_json(folder, data)
    result = invoke("import", path, "--project", practice.root, "--as-of", AS_OF)
    return result, practice, before


def assert_contract(result: Result, practice: Project, before: dict[str, bytes]) -> None:
    assert result.exit_code in (0, 1), (result.exit_code, result.output)
    assert "Traceback" not in result.output, result.output
    after = snapshot(practice.root)
    if result.exit_code == 1:
        assert after == before, sorted(set(after) ^ set(before))
        return
    assert all(after.get(name) == data for name, data in before.items())
    if set(after) - set(before):
        checked = invoke("check", "--project", practice.root, "--format", "json",
                         "--as-of", AS_OF)  # fmt: skip
        errors = [f for f in json.loads(checked.stdout)["findings"] if f["severity"] == "error"]
        assert not errors, errors


@pytest.mark.slow
@settings(max_examples=int(60 * SCALE), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])  # fmt: skip
@given(st.data())
def test_a_bundle_broken_anywhere_but_its_phq9_still_says_item_9(choose: st.DataObject) -> None:
    result, practice, before = attempt(mutate(base(), choose))
    assert_contract(result, practice, before)
    lines = result.output.splitlines()
    assert lines and lines[0].startswith("CRITICAL"), result.output
    said = [line for line in lines if line.startswith("CRITICAL") and "item 9: 2" in line]
    assert said, result.output


@pytest.mark.slow
@settings(max_examples=int(60 * SCALE), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])  # fmt: skip
@given(JSON | st.builds(lambda r: {"resourceType": "Bundle", "type": "collection",
                                   "entry": [{"resource": r}]}, JSON))  # fmt: skip
def test_any_json_is_imported_cleanly_or_refused_cleanly(data: object) -> None:
    result, practice, before = attempt(data)
    assert_contract(result, practice, before)
