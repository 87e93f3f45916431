"""The built handout site in a real browser: accessibility (axe-core), navigation, search,
file:// use, keyboard access, phone width, no external requests and basic HTML validity.

The demo project's site is built once (``--no-pdf``) and served over HTTP from a sub-path
(``/site/``) to prove the site works when it is not at the root of a web server. The browser
is Debian's Chromium, driven by Playwright; nothing is downloaded.
"""

from __future__ import annotations

import functools
import re
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from goalsheet.paper.catalogue import load_catalogue
from goalsheet.paper.names import default_file_name
from helpers.browser import CHROMIUM, axe_problems, served
from helpers.cli import invoke
from helpers.project import REPO

pytestmark = pytest.mark.browser  # the demo site served and opened in Chromium

HANDOUT = "baseline-tracking.html"
HANDOUT_TITLE = "Baseline tracking"
HOME_TITLE = "Handouts and worksheets"
LIBRARY_TITLE = "Worksheet library"
# The fixed pages every site has, besides one page per handout and one per tag.
FIXED_PAGES = {
    "index.html",
    "for-clients.html",
    "for-parents.html",
    "for-clinicians.html",
    "tags/index.html",
    "worksheets.html",
    "search.html",
    "404.html",
}
# Pages checked in both colour schemes; "search.html?q=baseline" is the search page with
# Pagefind's results drawn into it.
REPRESENTATIVE = ["index.html", HANDOUT, "worksheets.html", "search.html", "search.html?q=baseline"]
PHONE = {"width": 390, "height": 844}


# --- the site, the server, the browser ---------------------------------------------------


@dataclass(frozen=True)
class Site:
    root: Path  # the folder that holds site/ (served over HTTP)
    dir: Path  # site/
    base: str  # http://127.0.0.1:PORT/site/

    @property
    def pages(self) -> list[str]:
        """Every HTML page, as a path relative to site/ with forward slashes."""
        return sorted(p.relative_to(self.dir).as_posix() for p in self.dir.rglob("*.html"))

    @property
    def handouts(self) -> list[str]:
        """One page per content/*.md file."""
        return sorted(f"{p.stem}.html" for p in (self.root / "content").glob("*.md"))

    def url(self, page: str) -> str:
        return self.base + page

    def file_url(self, page: str) -> str:
        return (self.dir / page).as_uri()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the demo project with its site built (no PDFs); the project folder."""
    root = tmp_path_factory.mktemp("site-browser")
    # Published under /site/ (as served below): site_url says so, which the 404 page uses.
    config = (REPO / "goalsheet.yaml").read_text()
    (root / "goalsheet.yaml").write_text(
        config.replace(
            "site_url: https://riverside.example/", "site_url: https://riverside.example/site/"
        )
    )
    assert "riverside.example/site/" in (root / "goalsheet.yaml").read_text()
    for folder in ("goalsheets", "content", "branding"):
        shutil.copytree(REPO / folder, root / folder)
    # The worksheet PDFs an earlier full build left (placeholders: this build is --no-pdf,
    # and links only the PDFs that are there).
    (root / "site" / "worksheets").mkdir(parents=True)
    for pdf in pdfs_a_full_build_writes(root):
        (root / "site" / pdf).write_bytes(b"%PDF-1.7 placeholder")
    # The first of 64 shards writes the whole HTML site and none of the demo clients'
    # reports (private/, which no test here opens).
    result = invoke("build", "--no-pdf", "--shard", "1/64", "--jobs", "2", "--as-of",
                    "2026-11-20", "--project", root)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (root / "site" / "index.html").is_file(), result.output
    assert (root / "site" / "pagefind" / "pagefind.js").is_file(), "no search index was built"
    return root


@pytest.fixture(scope="module")
def site(built: Path) -> Iterator[Site]:
    """The built site, served from the folder that holds it: pages are under /site/."""
    with served(built) as address:
        yield Site(built, built / "site", f"{address}site/")


@contextmanager
def open_page(browser: Browser, **context_options: Any) -> Iterator[Page]:
    """A page in a fresh browser context (colour scheme, viewport, JavaScript...)."""
    context = browser.new_context(**context_options)
    context.set_default_timeout(10_000)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    with open_page(browser) as opened:
        yield opened


# --- helpers ------------------------------------------------------------------------------


def visit(page: Page, url: str) -> None:
    """Load a page and insist it arrived (a 200 over HTTP; file:// has no status)."""
    response = page.goto(url, wait_until="load")
    if url.startswith("http"):
        assert response is not None and response.status == 200, f"{url}: {response}"


def wait_for_search(page: Page) -> None:
    """Wait until search.html has finished: Pagefind's answer or the fallback's."""
    expect(page.locator("#search-status")).to_have_text(re.compile(r"result\(s\)|page\(s\)"))


def report(found: dict[str, list[str]]) -> str:
    return "\n".join(f"{page}:\n  " + "\n  ".join(lines) for page, lines in found.items())


def styled(page: Page) -> bool:
    """Whether assets/site.css applies (it sets the body's margin to 0; browsers use 8px)."""
    return page.evaluate("getComputedStyle(document.body).marginTop") == "0px"


def is_dark(page: Page) -> bool:
    """Whether the page's background is dark (every channel below 100 of 255)."""
    colour = page.evaluate("getComputedStyle(document.body).backgroundColor")
    return all(int(channel) < 100 for channel in re.findall(r"\d+", colour)[:3])


def h1(page: Page) -> str:
    return page.locator("h1").inner_text().strip()


def sidebar(page: Page) -> Locator:
    return page.get_by_role("navigation", name="Handouts")


class PageFacts(HTMLParser):
    """What one HTML file says about itself: headings, title, landmarks, ids and links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.h1 = 0
        self.lang: str | None = None
        self.titles: list[str] = []
        self.mains: list[str | None] = []
        self.ids: list[str] = []
        self.links: list[str] = []  # a[href]
        self.resources: list[str] = []  # link[href], script[src], img[src]
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        if attr.get("id") is not None:
            self.ids.append(attr["id"] or "")
        if tag == "html":
            self.lang = attr.get("lang")
        elif tag == "h1":
            self.h1 += 1
        elif tag == "title":
            self._in_title = True
            self.titles.append("")
        elif tag == "main":
            self.mains.append(attr.get("id"))
        elif tag == "a" and attr.get("href") is not None:
            self.links.append(attr["href"] or "")
        elif tag in ("link", "script", "img"):
            source = attr.get("href") if tag == "link" else attr.get("src")
            if source:
                self.resources.append(source)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.titles[-1] += data


@functools.cache
def facts(path: Path) -> PageFacts:
    parser = PageFacts()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def is_internal(href: str) -> bool:
    return not re.match(r"^(https?:|mailto:|tel:|#|//)", href) and href != ""


def pdfs_a_full_build_writes(root: Path) -> set[str]:
    """The worksheet PDFs a build without --no-pdf writes into site/worksheets/."""
    names = set()
    for sheet in load_catalogue(root).values():
        names.add(f"worksheets/{default_file_name(sheet.id, fillable=False)}")
        if sheet.fillable:
            names.add(f"worksheets/{default_file_name(sheet.id, fillable=True)}")
    return names


def sweep(
    browser: Browser, site: Site, check: Callable[[Page, str], list[str]], **options: Any
) -> dict[str, list[str]]:
    """Run check(page, name) on every page of the site; {page: problems} for the failures."""
    found: dict[str, list[str]] = {}
    with open_page(browser, **options) as page:
        for name in site.pages:
            visit(page, site.url(name))
            problems = check(page, name)
            if problems:
                found[name] = problems
    return found


# --- tests --------------------------------------------------------------------------------


def test_chromium_is_installed() -> None:
    assert CHROMIUM.is_file(), f"{CHROMIUM} is missing: these tests need Debian's chromium"


@pytest.mark.slow
def test_the_build_wrote_every_page(site: Site) -> None:
    pages = set(site.pages)
    assert pages >= FIXED_PAGES
    assert set(site.handouts) <= pages
    assert len(site.handouts) >= 16
    assert any(p.startswith("tags/") and p != "tags/index.html" for p in pages)


# 1. Accessibility


@pytest.mark.slow
def test_axe_finds_nothing_on_any_page_in_light_mode(browser: Browser, site: Site) -> None:
    found = sweep(browser, site, lambda page, _: axe_problems(page), color_scheme="light")
    assert not found, "axe-core (light colour scheme):\n" + report(found)


@pytest.mark.slow
def test_axe_reports_what_it_finds(page: Page, site: Site) -> None:
    """The harness itself: a planted contrast failure and an unlabelled field are caught."""
    visit(page, site.url("index.html"))
    page.evaluate(
        """() => document.querySelector('main').insertAdjacentHTML('beforeend',
             '<p style="color:#999;background:#fff">faint</p><input type="text">')"""
    )
    rules = {line.split(" ", 1)[0] for line in axe_problems(page)}
    assert {"color-contrast", "label"} <= rules, rules


@pytest.mark.slow
@pytest.mark.parametrize("target", REPRESENTATIVE)
def test_axe_finds_nothing_in_dark_mode(browser: Browser, site: Site, target: str) -> None:
    with open_page(browser, color_scheme="dark") as page:
        visit(page, site.url(target))
        if target.startswith("search.html?q="):
            wait_for_search(page)
            expect(page.locator("#search-results li").first).to_be_visible()
        assert is_dark(page), "the dark palette is not in use: the test would prove nothing"
        problems = axe_problems(page)
    assert not problems, f"axe-core (dark colour scheme) on {target}:\n  " + "\n  ".join(problems)


@pytest.mark.slow
def test_axe_finds_nothing_on_search_results_in_light_mode(page: Page, site: Site) -> None:
    visit(page, site.url("search.html?q=baseline"))
    wait_for_search(page)
    expect(page.locator("#search-results li").first).to_be_visible()
    problems = axe_problems(page)
    assert not problems, "axe-core on search results:\n  " + "\n  ".join(problems)


# 2. Navigation and links


@pytest.mark.slow
def test_navigation_by_sidebar_cards_pager_and_breadcrumbs(page: Page, site: Site) -> None:
    visit(page, site.url("index.html"))
    assert h1(page) == HOME_TITLE
    sidebar(page).get_by_role("link", name=LIBRARY_TITLE, exact=True).click()
    expect(page).to_have_url(site.url("worksheets.html"))
    assert h1(page) == LIBRARY_TITLE
    current = sidebar(page).locator("a[aria-current=page]")
    expect(current).to_have_text(LIBRARY_TITLE)

    visit(page, site.url("index.html"))
    card = page.locator("main .card a").first
    title = card.inner_text().strip()
    card.click()
    expect(page.locator("h1")).to_have_text(title)
    assert page.title().startswith(title)

    following = page.locator("a[rel=next]")
    expected = following.inner_text().replace("Next", "", 1).strip()
    assert expected and expected != title
    following.click()
    expect(page.locator("h1")).to_have_text(expected)
    assert h1(page) != title
    assert page.title().startswith(expected)
    expect(page.locator("a[rel=prev]")).to_contain_text(title)

    page.get_by_role("navigation", name="Breadcrumb").get_by_role(
        "link", name="Home", exact=True
    ).click()
    expect(page).to_have_url(site.url("index.html"))
    assert h1(page) == HOME_TITLE


@pytest.mark.slow
def test_every_internal_link_leads_to_a_file_in_the_site(site: Site) -> None:
    pdfs = pdfs_a_full_build_writes(site.root)
    broken: dict[str, list[str]] = {}
    for name in site.pages:
        path = site.dir / name
        found = facts(path)
        for href in [*found.links, *found.resources]:
            if not is_internal(href):
                continue
            link = unquote(urlsplit(href).path)
            if link.startswith("/site/"):  # 404.html links from site_url's path, /site/
                target = (site.dir / link.removeprefix("/site/")).resolve()
            else:
                target = (path.parent / link).resolve()
            inside = target.is_relative_to(site.dir.resolve())
            relative = target.relative_to(site.dir.resolve()).as_posix() if inside else None
            if relative in pdfs:
                continue  # a worksheet PDF: only a build with PDFs writes it (see below)
            if not inside or not target.is_file():
                broken.setdefault(name, []).append(href)
    assert not broken, "links to nothing:\n" + report(broken)


@pytest.mark.slow
def test_worksheet_pdf_links_name_the_files_a_pdf_build_writes(site: Site) -> None:
    """--no-pdf writes no PDFs, so these links are checked against the catalogue instead."""
    pdfs = pdfs_a_full_build_writes(site.root)
    linked = {href for href in facts(site.dir / "worksheets.html").links if href.endswith(".pdf")}
    assert linked == pdfs


@pytest.mark.slow
def test_every_fragment_link_points_at_an_id(site: Site) -> None:
    missing: dict[str, list[str]] = {}
    for name in site.pages:
        path = site.dir / name
        for href in facts(path).links:
            parts = urlsplit(href)
            if not parts.fragment or parts.scheme or parts.netloc:
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if not (target.suffix == ".html" and target.is_file()):
                continue  # a broken link: the test above reports it
            if unquote(parts.fragment) not in facts(target).ids:
                missing.setdefault(name, []).append(href)
    assert not missing, "fragments with no matching id:\n" + report(missing)


@pytest.mark.slow
def test_the_not_found_page_works_at_any_depth(page: Page, site: Site) -> None:
    """A host serves 404.html at the missing URL, which may be deeper than the site's root:
    its stylesheet and links must still work there."""
    problems: dict[str, list[str]] = {}
    for missing in ("no-such-page.html", "tags/no-such-page.html"):
        response = page.goto(site.url(missing), wait_until="load")
        assert response is not None and response.status == 404
        expect(page.locator("h1")).to_have_text("Page not found")
        wrong = []
        if not styled(page):
            wrong.append("assets/site.css did not load")
        home = page.get_by_role("link", name="Go to the home page").evaluate("a => a.href")
        if home != site.url("index.html"):
            wrong.append(f"'Go to the home page' leads to {home}")
        library = page.get_by_role("link", name="Browse the worksheet library")
        if (href := library.evaluate("a => a.href")) != site.url("worksheets.html"):
            wrong.append(f"'Browse the worksheet library' leads to {href}")
        if wrong:
            problems[missing] = wrong
    assert not problems, "404.html served for a missing page:\n" + report(problems)


# 3. Full-text search (Pagefind, over HTTP)


@pytest.mark.slow
def test_search_finds_the_baseline_handout(page: Page, site: Site) -> None:
    visit(page, site.url("search.html?q=baseline"))
    expect(page.locator("#search-results li").first).to_be_visible()
    expect(page.locator("#search-status")).to_have_text(
        re.compile(r"^[1-9]\d* result\(s\) for “baseline”\.$")
    )
    expect(page.locator("#search-q")).to_have_value("baseline")
    hrefs = page.locator("#search-results li a").evaluate_all("links => links.map(a => a.href)")
    # Each result opens with the words found marked (?highlight=), at a section (#...).
    assert site.url(HANDOUT) + "?highlight=baseline" in hrefs, hrefs
    assert all(href.startswith(site.base) for href in hrefs), hrefs
    expect(page.locator("#all-pages-section")).to_be_hidden()

    page.locator(f"#search-results a[href*='/{HANDOUT}?']").first.click()
    expect(page.locator("h1")).to_have_text(HANDOUT_TITLE)


@pytest.mark.slow
def test_search_for_nonsense_finds_nothing(page: Page, site: Site) -> None:
    visit(page, site.url("search.html?q=zqxjvwk"))
    expect(page.locator("#search-status")).to_have_text("0 result(s) for “zqxjvwk”.")
    expect(page.locator("#search-results li")).to_have_count(0)


@pytest.mark.slow
def test_the_search_box_in_the_header_searches_the_whole_text(page: Page, site: Site) -> None:
    visit(page, site.url("tags/index.html"))
    page.get_by_role("searchbox", name="Search the handouts").fill("baseline")
    page.get_by_role("search").get_by_role("button", name="Search").click()
    expect(page).to_have_url(site.url("search.html?q=baseline"))
    expect(page.locator("#search-status")).to_have_text(re.compile(r"^[1-9]\d* result\(s\)"))


# 4. Opened straight from the disk (file://)


@pytest.mark.slow
def test_search_from_disk_finds_words_in_the_text(page: Page, site: Site) -> None:
    """Pagefind cannot run from file://: the pages' text comes from a script file instead.
    "antecedent" is in the ABC chart handout's text, not its title or summary."""
    visit(page, site.file_url("search.html"))
    page.locator("#search-q").press_sequentially("antecedent")
    expect(page.locator("#search-status")).to_have_text(
        re.compile(r"^[1-9]\d* result\(s\) for “antecedent”\.$")
    )
    hrefs = page.locator("#search-results li a").evaluate_all("links => links.map(a => a.href)")
    assert site.file_url("abc-charts.html") + "?highlight=antecedent" in hrefs, hrefs
    expect(page.locator("#all-pages-section")).to_be_hidden()
    excerpts = page.locator("#search-results li p").all_inner_texts()
    assert any("antecedent" in text.lower() for text in excerpts), excerpts
    page.locator("#search-q").fill("")
    page.locator("#search-q").press("Backspace")
    expect(page.locator("#all-pages-section")).to_be_visible()
    page.locator("#search-q").press_sequentially("zzqxnotaword")
    expect(page.locator("#search-status")).to_have_text("0 result(s) for “zzqxnotaword”.")


@pytest.mark.slow
def test_relative_links_work_from_disk(page: Page, site: Site) -> None:
    visit(page, site.file_url("index.html"))
    page.locator("main .card a", has_text=HANDOUT_TITLE).click()
    expect(page).to_have_url(site.file_url(HANDOUT))
    expect(page.locator("h1")).to_have_text(HANDOUT_TITLE)

    # Down into tags/ and back up again: links written relative to each page's depth.
    page.locator("p.tags a").first.click()
    expect(page).to_have_url(re.compile(r"/site/tags/[^/]+\.html$"))
    sidebar(page).get_by_role("link", name=LIBRARY_TITLE, exact=True).click()
    expect(page).to_have_url(site.file_url("worksheets.html"))
    expect(page.locator("h1")).to_have_text(LIBRARY_TITLE)
    assert styled(page), "the stylesheet did not load from disk"


# 5. Keyboard: the skip link


@pytest.mark.slow
def test_the_skip_link_is_first_visible_and_moves_to_the_content(page: Page, site: Site) -> None:
    visit(page, site.url(HANDOUT))
    page.keyboard.press("Tab")
    skip = page.locator("a.skip")
    expect(skip).to_be_focused()
    expect(skip).to_have_text("Skip to the content")
    style = page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
                   return [s.outlineStyle, s.outlineWidth]; }"""
    )
    assert style[0] != "none" and style[1] != "0px", f"no visible focus outline: {style}"
    box = skip.bounding_box()
    assert box is not None and box["y"] >= 0, f"the focused skip link is off screen: {box}"

    page.keyboard.press("Enter")
    expect(page).to_have_url(site.url(HANDOUT) + "#main")
    assert page.evaluate("document.querySelector(':target')?.id") == "main"
    assert page.evaluate("document.activeElement.id") == "main"
    # The next Tab goes on from inside the content, not back to the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('main').contains(document.activeElement)")


# 6. Phone width


def overflow(page: Page, _: str = "") -> list[str]:
    """Why the page scrolls sideways at phone width (nothing if it does not)."""
    width = page.evaluate("document.documentElement.scrollWidth")
    if width <= PHONE["width"] + 1:
        return []
    wide = page.evaluate(
        """limit => [...document.querySelectorAll('main *')]
             .filter(e => e.getBoundingClientRect().right > limit)
             .slice(0, 1).map(e => e.outerHTML.slice(0, 120))""",
        PHONE["width"] + 1,
    )
    return [f"scrollWidth {width} > {PHONE['width']}; first too wide: {wide}"]


@pytest.mark.slow
def test_the_handout_does_not_scroll_sideways_on_a_phone(browser: Browser, site: Site) -> None:
    with open_page(browser, viewport=PHONE) as page:
        visit(page, site.url(HANDOUT))
        assert page.evaluate("window.innerWidth") == PHONE["width"]
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1, (
            overflow(page)
        )


@pytest.mark.slow
def test_no_page_scrolls_sideways_on_a_phone(browser: Browser, site: Site) -> None:
    found = sweep(browser, site, overflow, viewport=PHONE)
    assert not found, "sideways scrolling at 390 px:\n" + report(found)


# 7. Nothing is loaded from elsewhere


@pytest.mark.slow
def test_every_request_goes_to_the_site_itself(browser: Browser, site: Site) -> None:
    requests: list[str] = []
    failures: list[str] = []
    errors: list[str] = []
    origin = site.base.split("/site/")[0] + "/"
    with open_page(browser) as page:
        # On the context, so that requests from workers are seen as well as the page's own.
        page.context.on("request", lambda request: requests.append(request.url))
        page.context.on(
            "response",
            lambda r: failures.append(f"{r.status} {r.url}") if r.status >= 400 else None,
        )
        page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
        for name in site.pages:
            visit(page, site.url(name))
        # And a search, so that Pagefind's script, WebAssembly and index are fetched too.
        visit(page, site.url("search.html?q=baseline"))
        expect(page.locator("#search-results li").first).to_be_visible()
    assert len(requests) > len(site.pages)
    elsewhere = [url for url in requests if not url.startswith(origin)]
    assert not elsewhere, f"requests that leave 127.0.0.1: {elsewhere}"
    assert any(url.endswith("/site/pagefind/pagefind.js") for url in requests), requests
    assert any("/site/pagefind/fragment/" in url for url in requests), requests
    # The pages say lang="en-GB", so Pagefind loads its English (en-gb) word stemmer.
    assert any(re.search(r"/site/pagefind/wasm\.en(-gb)?\.pagefind$", url) for url in requests)
    assert not failures, f"failed requests: {failures}"
    assert not errors, f"JavaScript errors: {errors}"


# 8. The print button


@pytest.mark.slow
def test_the_print_button_shows_when_javascript_runs(browser: Browser, site: Site) -> None:
    with open_page(browser) as page:
        visit(page, site.url(HANDOUT))
        button = page.locator("button[data-print]")
        expect(button).to_be_visible()
        expect(button).to_have_text("Print this page")
    with open_page(browser, java_script_enabled=False) as page:
        visit(page, site.url(HANDOUT))
        expect(page.locator("button[data-print]")).to_be_hidden()


# 9. Valid HTML basics (no browser needed)


@pytest.mark.slow
def test_every_page_has_the_html_basics(site: Site) -> None:
    problems: dict[str, list[str]] = {}
    for name in site.pages:
        found = facts(site.dir / name)
        wrong = []
        if found.h1 != 1:
            wrong.append(f"{found.h1} <h1> elements")
        if not found.lang:
            wrong.append("no <html lang>")
        if len(found.titles) != 1 or not found.titles[0].strip():
            wrong.append(f"titles: {found.titles}")
        if found.mains != ["main"]:
            wrong.append(f"<main> ids: {found.mains}")
        duplicates = sorted({i for i in found.ids if found.ids.count(i) > 1})
        if duplicates:
            wrong.append(f"duplicate ids: {duplicates}")
        if "" in found.ids:
            wrong.append("an empty id")
        if wrong:
            problems[name] = wrong
    assert not problems, "HTML basics:\n" + report(problems)
