"""Search in Chromium, on a small practice built for it: over HTTP, Pagefind's results mark
the words found and list the sections that match, each opening at its heading with the
words marked on the page; opened from the disk, the fallback ranks a title match first and
marks its excerpt; the Spanish search page finds Spanish pages; one search box; no axe
violations at desktop and phone widths."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from helpers.browser import axe_problems
from helpers.site import site_of

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDTHS = [{"width": 1280, "height": 900}, {"width": 390, "height": 844}]

PAGES = {
    # "lighthouse" is in this page's title and nowhere else in it...
    "content/lighthouse.md": """\
        ---
        title: The lighthouse
        summary: A calm picture to hold on to.
        ---

        # The lighthouse

        Picture a tower on the coast at night, its beam turning slowly.
        """,
    # ...and only in the body here, three times, under its own heading.
    "content/coping.md": """\
        ---
        title: Coping with panic
        summary: What to do when panic rises.
        ---

        # Coping with panic

        ## Slow breathing

        Breathe out for longer than you breathe in. Count four in and six out.

        ## Safe places

        Some people think of a lighthouse: a lighthouse keeps its light on, and a
        lighthouse does not move in a storm.
        """,
    "content/es/respirar.md": """\
        ---
        title: Respirar despacio
        summary: Una forma sencilla de calmar el cuerpo.
        ---

        # Respirar despacio

        ## Cómo hacerlo

        Suelte el aire más despacio de lo que lo toma. La respiración lenta calma.
        """,
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return site_of(tmp_path_factory.mktemp("search") / "practice", PAGES)


def _open(browser: Browser, url: str, viewport: dict[str, int] | None = None) -> Page:
    page = browser.new_page(viewport=viewport or WIDTHS[0])  # type: ignore[arg-type]
    page.set_default_timeout(10_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url, wait_until="load")
    page.errors = errors  # type: ignore[attr-defined]
    return page


def test_results_mark_the_words_and_open_at_the_section(browser: Browser, base: str) -> None:
    page = _open(browser, base + "search.html?q=breathe")
    expect(page.locator("#search-status")).to_have_text(re.compile(r"^1 result\(s\)"))
    result = page.locator("#search-results > li").first
    expect(result.locator("a.result-title")).to_have_text("Coping with panic")
    marks = result.locator("mark")
    expect(marks.first).to_be_visible()
    assert all(m.lower().startswith("breath") for m in marks.all_text_contents())  # stems too
    section = result.locator(".sub-results a").first
    expect(section).to_have_text("Slow breathing")
    assert re.search(
        r"coping\.html\?highlight=breathe#slow-breathing$", section.get_attribute("href") or ""
    )
    section.click()
    page.wait_for_url(re.compile(r"coping\.html\?highlight=breathe#slow-breathing$"))
    hits = page.locator("main mark.search-hit")
    expect(hits.first).to_be_visible()
    assert {h.lower() for h in hits.all_text_contents()} == {"breathe"}
    assert page.errors == []  # type: ignore[attr-defined]
    page.close()


def test_one_search_box_on_the_search_page(browser: Browser, base: str) -> None:
    page = _open(browser, base + "search.html")
    assert page.get_by_role("searchbox").count() == 1
    assert page.get_by_role("search").count() == 1
    page.close()
    handout = _open(browser, base + "coping.html")
    assert handout.locator("main mark").count() == 0  # no words to mark without ?highlight=
    handout.close()


def test_from_the_disk_a_title_match_ranks_first(browser: Browser, site: Path) -> None:
    page = _open(browser, (site / "search.html").as_uri() + "?q=lighthouse")
    expect(page.locator("#search-status")).to_have_text(re.compile(r"^2 result\(s\)"))
    titles = page.locator("#search-results a.result-title").all_text_contents()
    assert titles == ["The lighthouse", "Coping with panic"], titles
    second = page.locator("#search-results > li").nth(1)
    assert [m.lower() for m in second.locator("mark").all_text_contents()][:1] == ["lighthouse"]
    # More of the words first: both words are only in the coping page.
    page.locator("#search-q").fill("lighthouse storm")
    expect(page.locator("#search-results a.result-title").first).to_have_text("Coping with panic")
    page.locator("#search-results a.result-title").first.click()
    page.wait_for_load_state("load")
    assert page.url.startswith("file:") and "highlight=" in page.url
    assert {h.lower() for h in page.locator("main mark.search-hit").all_text_contents()} == {
        "lighthouse",
        "storm",
    }
    page.close()


def test_the_spanish_search_page_finds_spanish_pages(
    browser: Browser, base: str, site: Path
) -> None:
    assert (site / "es" / "search.html").is_file()
    page = _open(browser, base + "es/search.html?q=despacio")
    titles = page.locator("#search-results a.result-title")
    expect(titles.first).to_have_text("Respirar despacio")
    assert titles.count() == 1
    page.goto(base + "es/search.html?q=lighthouse")  # an English word: not in this index
    expect(page.locator("#search-status")).to_have_text(re.compile(r"^0 "))
    page.close()
    disk = _open(browser, (site / "es" / "search.html").as_uri() + "?q=despacio")
    expect(disk.locator("#search-results a.result-title")).to_have_text(["Respirar despacio"])
    disk.close()


@pytest.mark.parametrize("viewport", WIDTHS, ids=["1280", "390"])
def test_the_search_page_has_no_axe_violations(
    browser: Browser, base: str, viewport: dict[str, int]
) -> None:
    page = _open(browser, base + "search.html?q=lighthouse", viewport)
    expect(page.locator("#search-results mark").first).to_be_visible()
    assert axe_problems(page) == []
    page.emulate_media(color_scheme="dark")
    assert axe_problems(page) == []
    page.goto(base + "coping.html?highlight=lighthouse")
    expect(page.locator("mark.search-hit").first).to_be_visible()
    assert axe_problems(page) == []
    page.close()
