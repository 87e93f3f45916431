"""Shared fixtures: small projects written into a temporary folder, and a CLI runner."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from helpers.browser import chromium, served
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


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, one per module (helpers.browser.chromium)."""
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def base(site: Path) -> Iterator[str]:
    """The module's built `site` (its own fixture) over HTTP: http://127.0.0.1:PORT/."""
    with served(site) as url:
        yield url


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


# The modules that take longest, longest first (summed test times of a whole run, junit):
# with --dist loadfile --no-loadscope-reorder xdist hands each worker one module at a time in
# collection order, so these start first and none is left running alone at the end. A module
# not listed keeps its place after them.
LONGEST_FIRST = (
    "pipeline/test_incremental.py",
    "pipeline/test_hostile_concurrency.py",
    "language/test_languages.py",
    "pipeline/test_reproducible.py",
    "intake/scan/test_scan_corpus.py",
    "report/test_report_docs.py",
    "render/test_hostile_fetch.py",
    "site/test_hostile_markdown.py",
    "paper/test_diaries.py",
    "pipeline/test_hostile_crash.py",
    "intake/scan/test_scan.py",
    "intake/scan/test_scan_weekly.py",
    "report/test_attention_list.py",
    "report/test_report_clinician.py",
    "intake/scan/test_scan_pages.py",
    "site/test_site_browser.py",
    "paper/test_paper_pdf.py",
    "site/test_site_build.py",
    "test_wheel.py",
    "test_hostile_fuzz.py",
    "site/test_hostile_csp.py",
    "pipeline/test_hostile_faults.py",
    "cli/test_first_hour.py",
    "intake/test_import_pdf.py",
    "test_startup.py",
    "intake/test_forms_measures.py",
    "intake/test_import_weekly.py",
    "cli/test_paper_cli.py",
    "report/test_report_browser.py",
    "pipeline/test_hostile_cache.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the longest modules first (a stable sort: each module keeps its tests' order)."""
    rank = {name: n for n, name in enumerate(LONGEST_FIRST)}
    root = Path(__file__).parent

    def place(item: pytest.Item) -> int:
        if not item.path.is_relative_to(root):
            return len(rank)
        return rank.get(item.path.relative_to(root).as_posix(), len(rank))

    items.sort(key=place)
