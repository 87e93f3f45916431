"""goalsheet's own records (.goalsheet-cache/: the build ledger, the site's page keys, the
Markdown cache, the record of what it wrote, the lock's holder) are files anyone can change.
A record that is damaged, or nested 1,100 deep to exhaust the parser, is read as no record:
the next build makes what it needs again and no traceback reaches the user."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from helpers.project import Project

pytestmark = pytest.mark.slow  # every test here takes more than ~2 s

Run = Callable[..., Result]
DEEP = "[" * 1100 + "]" * 1100
DEEP_OBJECT = '{"a":' * 1100 + "1" + "}" * 1100
PAGE = "---\ntitle: Sleep\n---\n# Sleep\n\nKeep a regular time to get up.\n"


def build(run: Run, root: Path) -> Result:
    return run("build", "--project", root, "--as-of", "2026-11-20", "--no-pdf", "--jobs", "1")


@pytest.mark.parametrize("text", [DEEP, DEEP_OBJECT, "{not json", "\x00\x01"])
def test_a_damaged_or_deep_record_is_no_record(project: Project, run: Run, text: str) -> None:
    project.write("content/sleep.md", PAGE)
    first = build(run, project.root)
    assert first.exit_code == 0, first.output
    cache = project.root / ".goalsheet-cache"
    records = [p for p in cache.rglob("*.json") if p.is_file()]
    assert len(records) >= 3, sorted(str(p) for p in records)  # ledger, page keys, Markdown
    for record in records:
        record.write_text(text, encoding="utf-8")
    (cache / "lock.json").write_text(text, encoding="utf-8")

    again = build(run, project.root)

    assert again.exit_code == 0, again.output
    assert "Traceback" not in again.output and "RecursionError" not in again.output
    page = (project.root / "site" / "sleep.html").read_text(encoding="utf-8")
    assert "Keep a regular time to get up." in page
    checked = run("check", "--project", project.root, "--as-of", "2026-11-20")
    assert "Traceback" not in checked.output, checked.output
