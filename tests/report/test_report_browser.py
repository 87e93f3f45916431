"""HTML reports in Debian's Chromium: axe-core finds no WCAG 2.2 A or AA violation."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from click.testing import Result

from helpers.browser import AXE_OPTIONS, CHROMIUM, chromium
from helpers.project import REPO

pytestmark = pytest.mark.browser

Run = Callable[..., Result]


@pytest.mark.slow
@pytest.mark.parametrize("client", ["Y-0207", "C-0315", "C-0421"])
def test_html_reports_have_no_accessibility_violations(
    run: Run, tmp_path: Path, client: str
) -> None:
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package")
    files = []
    for audience in ("clinician", "client"):
        out = tmp_path / f"{client}-{audience}.html"
        result = run("report", client, "--audience", audience, "--format", "html",
                     "--as-of", "2026-11-20", "--project", REPO, "-o", out)  # fmt: skip
        assert result.exit_code == 0, result.output
        files.append(out)
    summary = tmp_path / "summary.html"
    assert run("summary", "--format", "html", "--project", REPO, "-o", summary).exit_code == 0
    files.append(summary)
    with chromium() as browser:
        page = browser.new_page()
        found = {}
        for file in files:
            page.goto(file.as_uri())
            results = Axe().run(page, options=AXE_OPTIONS)
            violations = results.response["violations"]
            found[file.name] = [(v["id"], v["nodes"][0]["html"][:120]) for v in violations]
    assert all(not v for v in found.values()), found
