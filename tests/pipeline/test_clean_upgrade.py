"""`build --clean` on a project an older goalsheet built: the site's record named its pages
relative to the site folder then; those pages are still known as goalsheet's, so the clean
goes ahead, while a file a person put there is still refused."""

from __future__ import annotations

import json

from helpers.cli import Run
from helpers.project import Project

RECORD = ".goalsheet-cache/site-keys.json"


def _older_record(project: Project) -> None:
    """Rewrite the site's record as goalsheet wrote it before issue 20."""
    record = project.root / RECORD
    keys = json.loads(record.read_text(encoding="utf-8"))
    assert keys and all(page.startswith("site/") for page in keys)
    older = {page.removeprefix("site/"): key for page, key in keys.items()}
    record.write_text(json.dumps(older), encoding="utf-8")


def test_an_older_site_record_still_lets_clean_remove_the_site(project: Project, run: Run) -> None:
    assert run("build", "--no-pdf", "--project", project.root).exit_code == 0
    _older_record(project)
    result = run("build", "--clean", "--no-pdf", "--project", project.root)
    assert result.exit_code == 0, result.output
    assert (project.root / "site" / "index.html").is_file()  # built again after the clean


def test_a_persons_file_is_still_refused(project: Project, run: Run) -> None:
    assert run("build", "--no-pdf", "--project", project.root).exit_code == 0
    _older_record(project)
    (project.root / "site" / "notes.txt").write_text("mine", encoding="utf-8")
    result = run("build", "--clean", "--no-pdf", "--project", project.root)
    assert result.exit_code != 0
    assert "notes.txt" in result.output
    assert (project.root / "site" / "notes.txt").read_text(encoding="utf-8") == "mine"
