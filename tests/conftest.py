"""Shared fixtures: small projects written into a temporary folder, and a CLI runner."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from goalsheet.cli import main
from helpers.project import ENTRIES, Project


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A valid one-client project (config, client sheet, one entries file)."""
    made = Project(tmp_path / "practice")
    made.write("goalsheet.yaml", "practice: {name: Test Practice}\n")
    made.client()
    made.entries(ENTRIES, name="e1.yaml")
    return made


@pytest.fixture
def run() -> Callable[..., Result]:
    """Run the CLI in-process: run("check", "--project", dir)."""

    def invoke(*args: str | Path) -> Result:
        return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)

    return invoke
