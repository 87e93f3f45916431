"""Printing a page of the site from the browser (site.css's print stylesheet): the practice's
name and logo at the top, the text with its links' addresses, the crisis box; no navigation,
search, menu, page tools, pager, PDF buttons or skip link. Checked with print media emulated
in Chromium, and in the PDF Chromium prints (its text read back with pdftotext)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from goalsheet.paper.catalogue import load_catalogue
from goalsheet.paper.names import default_file_name
from helpers.browser import served
from helpers.cli import invoke
from helpers.project import REPO

pytestmark = pytest.mark.browser

PRACTICE = "Riverside Talking Therapies (demo)"
SITE_URL = "https://riverside.example/"
HANDOUT = "smart-goals.html"
# Screen-only parts of a page, by what a reader would see of them.
NOT_PRINTED = {
    "skip link": ".skip",
    "search": ".masthead form[role=search]",
    "menu button": ".menu-button",
    "menu link": ".menu-link",
    "navigation": "#site-menu",
    "breadcrumbs": ".breadcrumbs",
    "page tools": ".page-tools",
    "contents": ".toc",
    "pager": ".pager",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo's handouts, built with the demo's site_url and a placeholder for each
    worksheet PDF (so the pages carry their "Print version (PDF)" links); its base URL."""
    root = tmp_path_factory.mktemp("print") / "practice"
    root.mkdir()
    shutil.copy(REPO / "goalsheet.yaml", root)
    for folder in ("content", "branding"):
        shutil.copytree(REPO / folder, root / folder)
    assert f"site_url: {SITE_URL}" in (root / "goalsheet.yaml").read_text(encoding="utf-8")
    sheets = root / "site" / "worksheets"
    sheets.mkdir(parents=True)
    for sheet in load_catalogue(root).values():
        for fillable in {False, sheet.fillable}:
            (sheets / default_file_name(sheet.id, fillable=fillable)).write_bytes(b"%PDF-1.7")
    result = invoke("build", "--no-pdf", "--project", root)
    assert result.exit_code == 0, result.output
    with served(root / "site") as base:
        yield base


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(10_000)
    try:
        yield context.new_page()
    finally:
        context.close()


def printed_text(page: Page, folder: Path) -> str:
    """The page as Chromium prints it to PDF, as pdftotext reads it."""
    pdf = folder / "page.pdf"
    page.pdf(path=str(pdf), format="A4")
    found = shutil.which("pdftotext")
    assert found is not None, "pdftotext is missing: install poppler-utils"
    return subprocess.run(
        [found, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_print_media_shows_the_practice_and_hides_the_screen_parts(page: Page, site: str) -> None:
    page.goto(site + HANDOUT, wait_until="load")
    page.emulate_media(media="print")
    assert page.locator(".masthead .brand-name").is_visible()
    assert page.locator(".masthead .logo").is_visible()  # the demo has a logo
    assert page.locator("main h1").is_visible()
    assert page.locator(".footer .crisis").is_visible()
    shown = [
        name for name, selector in NOT_PRINTED.items() if page.locator(selector).first.is_visible()
    ]
    assert not shown, f"printed: {shown}"
    # Headings stay with what follows.
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.prose h2')).breakAfter") == "avoid"
    )


def test_links_in_the_text_print_their_published_address(page: Page, site: str) -> None:
    page.goto(site + HANDOUT, wait_until="load")
    page.emulate_media(media="print")
    link = page.locator(".prose a[href='baseline-tracking.html']").first
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert after == f'" ({SITE_URL}baseline-tracking.html)"', after
    # A link to a part of the same page prints nothing more.
    inner = page.locator(".prose a[href^='#']")
    for index in range(inner.count()):
        assert inner.nth(index).evaluate("a => getComputedStyle(a, '::after').content") == "none"


def test_the_printed_handout_pdf(page: Page, site: str, tmp_path: Path) -> None:
    page.goto(site + HANDOUT, wait_until="load")
    text = printed_text(page, tmp_path)
    assert PRACTICE in text.split("SMART goals")[0], "the practice does not head the page"
    assert f"{SITE_URL}baseline-tracking.html" in text
    assert "If you need help now" in text
    assert "SMART goal worksheet" in text  # the worksheets that go with it, without buttons
    for screen_only in ("Menu", "Print this page", "Download as PDF", "Skip to the content",
                        "On this page", "Previous", "Worksheet library", "Print version (PDF)"):  # fmt: skip
        assert screen_only not in text, screen_only


def test_the_printed_library_has_no_pdf_buttons(page: Page, site: str, tmp_path: Path) -> None:
    page.goto(site + "worksheets.html", wait_until="load")
    page.emulate_media(media="print")
    assert page.locator(".downloads").count() > 0
    assert not page.locator(".downloads").first.is_visible()
    text = printed_text(page, tmp_path)
    assert PRACTICE in text
    assert "Print version (PDF)" not in text
    assert "Fill in on screen (PDF)" not in text
    assert "Search" not in text
