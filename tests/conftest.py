"""Shared fixtures: small projects written into a temporary folder, and a CLI runner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers.cli import Run, invoke
from helpers.project import ENTRIES, REPO, Project


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A valid one-client project (config, client sheet, one entries file)."""
    made = Project(tmp_path / "practice")
    made.write("goalsheet.yaml", "practice: {name: Test Practice}\n")
    made.client()
    made.entries(ENTRIES, name="e1.yaml")
    return made


@pytest.fixture
def run() -> Run:
    """Run the CLI in-process: run("check", "--project", dir), env=, input=, catch=."""
    return invoke


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the demo project (config, client sheets, content, branding), one per module."""
    root = tmp_path_factory.mktemp("scan") / "practice"
    root.mkdir()
    shutil.copy(REPO / "goalsheet.yaml", root / "goalsheet.yaml")
    for folder in ("goalsheets", "content", "branding"):
        shutil.copytree(REPO / folder, root / folder)
    return root
