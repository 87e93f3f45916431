"""The demo project built once per test session and shared by every xdist worker: the first
worker to ask builds it under a file lock; the others wait and use it. Tests only read it; a
test that changes files works on its own copy (`copy_built`).

The build happens at its final path (a test checks that no PDF holds the project's path, so
the folder is not renamed after the build); the build's output, written last, marks it
complete, and a folder without it (an interrupted build) is built again."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from filelock import FileLock

from helpers.cli import invoke
from helpers.project import REPO

AS_OF = "2026-11-20"
DEMO_FILES = ("goalsheet.yaml", "goalsheets", "templates", "content", "branding")
NAME = "built-demo"


@dataclass(frozen=True)
class BuiltDemo:
    root: Path  # the project, after `goalsheet build --jobs 2 --as-of 2026-11-20`
    output: str  # what the build printed


def copy_demo(root: Path) -> Path:
    """The demo project's own files, without anything built or installed."""
    root.mkdir(parents=True)
    shutil.copy(REPO / "goalsheet.yaml", root)
    for folder in DEMO_FILES[1:]:
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, root / folder)
    return root


def _shared(factory: pytest.TempPathFactory) -> Path:
    """The session's folder every worker sees (xdist gives each worker a folder inside it)."""
    base = factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def built_demo(factory: pytest.TempPathFactory) -> BuiltDemo:
    """The demo, copied and built once for the whole session. Read it, never change it."""
    shared = _shared(factory)
    folder = shared / NAME
    complete = folder / "build-output.txt"
    with FileLock(str(shared / f"{NAME}.lock")):
        if not complete.is_file():
            shutil.rmtree(folder, ignore_errors=True)
            root = copy_demo(folder / "practice")
            result = invoke("build", "--project", root, "--jobs", "2", "--as-of", AS_OF)
            assert result.exit_code == 0, result.output
            partial = complete.with_suffix(".partial")
            partial.write_text(result.output, encoding="utf-8")
            partial.rename(complete)
    return BuiltDemo(folder / "practice", complete.read_text(encoding="utf-8"))


def copy_built(demo: BuiltDemo, root: Path) -> Path:
    """A copy of the built demo that a test may change (modes and times kept)."""
    shutil.copytree(demo.root, root, symlinks=True)
    return root
