"""Any bytes or text through the YAML reader and validation: a result or findings, never a
traceback (property-based, with hypothesis)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goalsheet.findings import GoalsheetError
from goalsheet.model.client import ClientSheet
from goalsheet.model.entries import EntryFile
from goalsheet.project.validate import validate
from goalsheet.read.yaml_source import parse_yaml, read_yaml

YAMLISH = st.text(
    alphabet=st.sampled_from(
        list("abc:-[]{}&*!|>#'\"\n\t ,.?%@`0123456789\\yesno\u00e9\ufeff\x00\x85")
    ),
    max_size=200,
)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _survives(text: str) -> None:
    try:
        document = parse_yaml(text, "f.yaml")
    except GoalsheetError as error:
        assert error.findings and all(f.line >= 1 and f.column >= 1 for f in error.findings)
        return
    for model in (ClientSheet, EntryFile):
        try:
            validate(model, document)
        except GoalsheetError as error:
            assert all(f.code.startswith("GS") and f.message for f in error.findings)


@SETTINGS
@given(YAMLISH)
def test_yaml_like_text_never_raises_anything_else(text: str) -> None:
    _survives(text)


@pytest.mark.slow
@SETTINGS
@given(
    st.dictionaries(
        st.sampled_from(
            ["client", "goals", "trackers", "diary", "ratings", "measures", "reviews", "x"]
        ),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=8) | st.dates(),
            lambda inner: (
                st.lists(inner, max_size=3)
                | st.dictionaries(st.text(max_size=5), inner, max_size=3)
            ),
            max_leaves=10,
        ),
        max_size=4,
    )
)
def test_any_shape_validates_or_gives_findings(data: dict) -> None:  # type: ignore[type-arg]
    import yaml

    _survives(yaml.safe_dump(data, default_flow_style=False))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_from_disk(tmp_path_factory: object, raw: bytes) -> None:  # type: ignore[no-untyped-def]
    folder = Path(tmp_path_factory.mktemp("fuzz"))  # type: ignore[attr-defined]
    file = folder / "x.yaml"
    file.write_bytes(raw)
    try:
        read_yaml(file, "x.yaml")
    except GoalsheetError as error:
        assert error.findings[0].code in ("GS001", "GS002", "GS003", "GS004")
