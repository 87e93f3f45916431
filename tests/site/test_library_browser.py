"""The worksheet library in Chromium: the thumbnail a build made loads and has its size
written on it, the filters hide and show cards and say how many are shown, every card is
there without JavaScript, and axe finds nothing at desktop and phone widths in either
theme."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from goalsheet.paper.catalogue import load_catalogue
from helpers.browser import axe_problems
from helpers.cli import invoke
from helpers.project import Project

pytestmark = [pytest.mark.browser, pytest.mark.slow]

AS_OF = "2026-11-20"
SHEET = "goal-ladder"
WIDTHS = [{"width": 1280, "height": 900}, {"width": 390, "height": 844}]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The goal ladder's PDF and thumbnail (the one shard of 64 that holds them), then the
    HTML site without PDFs, which links what is there."""
    practice = Project(tmp_path_factory.mktemp("library") / "practice")
    practice.write("goalsheet.yaml", "practice: {name: Test Practice}\n")
    pdf = f"site/worksheets/{SHEET}.pdf"
    index = int(hashlib.sha256(pdf.encode()).hexdigest(), 16) % 64 + 1
    for extra in (["--shard", f"{index}/64"], ["--no-pdf"]):
        result = invoke("build", "--as-of", AS_OF, "--project", practice.root, *extra)
        assert result.exit_code == 0, result.output
    return practice.root / "site"


def test_the_thumbnail_loads_with_its_size(browser: Browser, base: str) -> None:
    page = browser.new_page()
    page.goto(base + "worksheets.html", wait_until="load")
    picture = page.locator(f"#{SHEET} img.sheet-thumb")
    picture.scroll_into_view_if_needed()  # it loads lazily
    expect(picture).to_have_attribute("width", "240")
    expect(picture).to_have_attribute("height", "339")
    page.wait_for_function(f"document.querySelector('#{SHEET} img').complete")
    assert picture.evaluate("img => img.naturalWidth") == 240
    assert picture.evaluate("img => img.naturalHeight") == 339
    # Only the worksheet whose thumbnail was made shows one: no broken pictures.
    assert page.locator("img.sheet-thumb").count() == 1
    page.close()


def test_the_filters_hide_and_show_cards_and_say_how_many(browser: Browser, base: str) -> None:
    catalogue = load_catalogue(None)
    total = len(catalogue)
    page = browser.new_page()
    page.goto(base + "worksheets.html", wait_until="load")
    cards = page.locator("#library-list > li")
    visible = page.locator("#library-list > li:visible")
    expect(visible).to_have_count(total)
    expect(page.locator("#library-count")).to_have_text("")  # nothing to say yet
    status = page.get_by_role("status")

    page.get_by_role("group", name="Type").get_by_label("Worksheets").uncheck()
    page.get_by_role("group", name="Type").get_by_label("Diaries").uncheck()
    measures = [s for s in catalogue.values() if s.kind == "measure"]
    expect(visible).to_have_count(len(measures))
    expect(status).to_have_text(f"{len(measures)} of {total} worksheets shown.")
    for card in visible.all():
        assert card.get_attribute("data-kind") == "measure"

    page.get_by_role("group", name="Type").get_by_label("Worksheets").check()
    for who in ("Clients", "Parents and carers"):
        page.get_by_role("group", name="For").get_by_label(who).uncheck()
    expected = [
        s
        for s in catalogue.values()
        if "therapists" in s.audience and s.kind in ("measure", "worksheet")
    ]
    expect(visible).to_have_count(len(expected))
    expect(status).to_have_text(re.compile(rf"^{len(expected)} of {total} "))
    assert cards.count() == total  # hidden, not removed
    page.close()


def test_without_javascript_every_worksheet_is_listed(browser: Browser, base: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "worksheets.html", wait_until="load")
    expect(page.locator("#library-list > li:visible")).to_have_count(len(load_catalogue(None)))
    expect(page.locator("#library-filters")).to_be_hidden()  # filters that could not work
    context.close()


@pytest.mark.parametrize("viewport", WIDTHS, ids=["1280", "390"])
def test_the_library_has_no_axe_violations(
    browser: Browser, base: str, viewport: dict[str, int]
) -> None:
    page = browser.new_page(viewport=viewport)  # type: ignore[arg-type]
    page.goto(base + "worksheets.html", wait_until="load")
    expect(page.locator("#library-filters")).to_be_visible()
    assert axe_problems(page) == []
    page.get_by_role("group", name="Type").get_by_label("Diaries").uncheck()
    expect(page.get_by_role("status")).not_to_have_text("")
    page.emulate_media(color_scheme="dark")
    assert axe_problems(page) == []
    page.close()
