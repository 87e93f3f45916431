"""The command-line tests' practice: a fresh copy of the demo project for each test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers.project import REPO


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """A copy of the repository's demo project (fictional clients)."""
    root = tmp_path / "demo"
    root.mkdir()
    shutil.copy(REPO / "goalsheet.yaml", root / "goalsheet.yaml")
    shutil.copytree(REPO / "goalsheets", root / "goalsheets")
    return root
