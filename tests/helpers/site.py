"""A small practice's HTML site, built for a test: its files written, `build --no-pdf` run."""

from __future__ import annotations

from pathlib import Path

from helpers.cli import invoke
from helpers.project import Project

CONFIG = "practice: {name: Test Practice}\n"


def site_of(root: Path, files: dict[str, str], config: str = CONFIG) -> Path:
    """The project at `root` with goalsheet.yaml `config` and `files` (path -> text),
    built without PDFs as of 2026-11-20; its site/ folder."""
    project = Project(root)
    project.write("goalsheet.yaml", config)
    for path, text in files.items():
        project.write(path, text)
    result = invoke("build", "--no-pdf", "--as-of", "2026-11-20", "--project", root)
    assert result.exit_code == 0, result.output
    return root / "site"
