"""The site's design in Chromium at a desktop (1280 px) and a phone (390 px) width: the phone's
menu button, the first screen of a handout, the sticky navigation column, the contents
column, the language switch, the favicon, and no axe violations in either colour scheme.

The demo project's handouts are built once (``--no-pdf``) and served over HTTP."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.request import urlopen

import pytest
from playwright.sync_api import Browser, Page, expect

from helpers.browser import axe_problems, served
from helpers.cli import invoke
from helpers.project import REPO, Project

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
HANDOUT = "smart-goals.html"  # a handout with a table of contents
LIBRARY = "worksheets.html"
PAGES = ["index.html", HANDOUT, LIBRARY, "es/index.html", "es/" + HANDOUT]
LINE = 26  # about one line of body text on a phone, in CSS pixels


def build(root: Path) -> Path:
    """`goalsheet build --no-pdf` of the project at `root`; its site/ folder."""
    result = invoke("build", "--no-pdf", "--project", root)
    assert result.exit_code == 0, result.output
    return root / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo's handout site (its content, branding and config), served: its base URL."""
    root = tmp_path_factory.mktemp("design") / "practice"
    root.mkdir()
    shutil.copy(REPO / "goalsheet.yaml", root)
    for folder in ("content", "branding"):
        shutil.copytree(REPO / folder, root / folder)
    build(root)
    with served(root / "site") as base:
        yield base


@contextmanager
def opened(browser: Browser, url: str, **options: Any) -> Iterator[Page]:
    """`url` in a fresh browser context (viewport, colour scheme, JavaScript...)."""
    context = browser.new_context(**options)
    context.set_default_timeout(10_000)
    try:
        page = context.new_page()
        response = page.goto(url, wait_until="load")
        assert response is not None and response.status == 200, url
        yield page
    finally:
        context.close()


def focus_inside(page: Page, selector: str) -> bool:
    return bool(page.evaluate(f"!!document.activeElement.closest({selector!r})"))


# --- the phone ---------------------------------------------------------------------------


def test_the_menu_button_opens_and_closes_the_navigation_by_mouse(
    browser: Browser, site: str
) -> None:
    with opened(browser, site + HANDOUT, viewport=PHONE) as page:
        button = page.get_by_role("button", name="Menu")
        library = page.locator("#site-menu").get_by_role("link", name="Worksheet library")
        expect(button).to_be_visible()
        expect(button).to_have_attribute("aria-expanded", "false")
        expect(button).to_have_attribute("aria-controls", "site-menu")
        expect(library).to_be_hidden()
        button.click()
        expect(button).to_have_attribute("aria-expanded", "true")
        expect(library).to_be_visible()
        assert library.bounding_box()["y"] < PHONE["height"]  # type: ignore[index]
        assert focus_inside(page, "#site-menu"), "focus did not move into the menu"
        button.click()
        expect(button).to_have_attribute("aria-expanded", "false")
        expect(library).to_be_hidden()
        # The menu takes the reader to a page.
        button.click()
        library.click()
        page.wait_for_url("**/" + LIBRARY)


def test_the_menu_opens_and_closes_from_the_keyboard(browser: Browser, site: str) -> None:
    with opened(browser, site + HANDOUT, viewport=PHONE) as page:
        button = page.get_by_role("button", name="Menu")
        button.focus()
        page.keyboard.press("Enter")
        expect(button).to_have_attribute("aria-expanded", "true")
        assert focus_inside(page, "#site-menu")
        page.keyboard.press("Tab")  # moving on inside the panel leaves it open
        expect(button).to_have_attribute("aria-expanded", "true")
        page.keyboard.press("Escape")
        expect(button).to_have_attribute("aria-expanded", "false")
        expect(button).to_be_focused()
        expect(page.locator("#site-menu nav.sidebar")).to_be_hidden()
        page.keyboard.press("Space")
        expect(button).to_have_attribute("aria-expanded", "true")
        assert axe_problems(page) == []  # the open panel too
        page.keyboard.press("Escape")
        expect(button).to_have_attribute("aria-expanded", "false")
        # Focus that leaves the panel for the text behind it closes the panel.
        page.keyboard.press("Enter")
        expect(button).to_have_attribute("aria-expanded", "true")
        page.locator("main .prose a").first.focus()
        expect(button).to_have_attribute("aria-expanded", "false")
        expect(page.locator("main .prose a").first).to_be_in_viewport()


def test_without_javascript_the_navigation_follows_the_content(browser: Browser, site: str) -> None:
    with opened(browser, site + HANDOUT, viewport=PHONE, java_script_enabled=False) as page:
        expect(page.locator(".menu-button")).to_be_hidden()  # a button that would do nothing
        link = page.locator(".masthead").get_by_role("link", name="Menu")
        expect(link).to_be_visible()
        expect(link).to_have_attribute("href", "#site-menu")
        menu = page.locator("#site-menu").bounding_box()
        main = page.locator("main").bounding_box()
        assert menu is not None and main is not None
        assert menu["y"] >= main["y"] + main["height"], "the navigation comes before the text"
        link.click()
        expect(
            page.locator("#site-menu").get_by_role("link", name="Worksheet library")
        ).to_be_in_viewport()


def test_the_first_screen_of_every_handout_starts_the_reading(browser: Browser, site: str) -> None:
    content = REPO / "content"
    handouts = sorted(
        p.relative_to(content).with_suffix(".html").as_posix() for p in content.rglob("*.md")
    )
    assert "es/" + HANDOUT in handouts
    late = {}
    with opened(browser, site + HANDOUT, viewport=PHONE) as page:
        for name in handouts:
            page.goto(site + name, wait_until="load")
            heading = page.locator("main h1").bounding_box()
            first = page.locator(".prose > :is(p, ul, ol, dl)").first.bounding_box()
            assert heading is not None and first is not None, name
            # The title is on screen and at least three lines of the text below it.
            if (
                heading["y"] + heading["height"] > PHONE["height"]
                or first["y"] + 3 * LINE > PHONE["height"]
            ):
                late[name] = round(first["y"])
            assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"], name
    assert not late, f"text starts too far down at 390x844 (y of its first block): {late}"


def test_the_contents_are_folded_on_a_phone_and_a_column_on_a_desktop(
    browser: Browser, site: str
) -> None:
    with opened(browser, site + HANDOUT, viewport=PHONE) as page:
        toc = page.locator(".toc details")
        expect(toc).not_to_have_attribute("open", "")
        page.get_by_text("On this page").click()
        expect(page.locator(".toc a").first).to_be_visible()
    with opened(browser, site + HANDOUT, viewport=DESKTOP) as page:
        expect(page.locator(".toc a").first).to_be_visible()
        toc_box = page.locator(".toc").bounding_box()
        text_box = page.locator(".prose").bounding_box()
        assert toc_box is not None and text_box is not None
        assert toc_box["x"] >= text_box["x"] + text_box["width"], "contents not beside the text"
        assert toc_box["y"] < DESKTOP["height"]


def test_nothing_scrolls_sideways_at_390_even_with_the_menu_open(
    browser: Browser, site: str
) -> None:
    for name in PAGES:
        with opened(browser, site + name, viewport=PHONE) as page:
            assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"], name
            page.locator(".menu-button").click()  # "Menu", "Menú"
            assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"], name


# --- the desktop -------------------------------------------------------------------------


def test_the_desktop_navigation_is_a_sticky_column(browser: Browser, site: str) -> None:
    with opened(browser, site + HANDOUT, viewport=DESKTOP) as page:
        expect(page.locator(".menu-button")).to_be_hidden()
        expect(page.locator(".masthead .menu-link")).to_be_hidden()
        nav = page.locator("#site-menu")
        library = nav.get_by_role("link", name="Worksheet library")
        expect(library).to_be_visible()
        assert (
            page.evaluate("getComputedStyle(document.getElementById('site-menu')).position")
            == "sticky"
        )
        before = nav.bounding_box()
        main = page.locator("main").bounding_box()
        assert before is not None and main is not None
        assert before["x"] + before["width"] <= main["x"], "the navigation is not beside the text"
        page.evaluate("window.scrollTo(0, 1200)")
        after = nav.bounding_box()
        assert after is not None
        assert page.evaluate("window.scrollY") == 1200
        assert abs(after["y"]) <= 1, f"the navigation scrolled away (top at {after['y']})"
        expect(library).to_be_in_viewport()
        # Its own scroll: never taller than the window.
        assert after["height"] <= DESKTOP["height"] + 1


def test_links_in_the_text_are_underlined_and_focus_is_visible(browser: Browser, site: str) -> None:
    with opened(browser, site + HANDOUT, viewport=DESKTOP) as page:
        link = page.locator(".prose p a").first
        assert "underline" in link.evaluate("a => getComputedStyle(a).textDecorationLine")
        link.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")
        outline = link.evaluate(
            "a => getComputedStyle(a).outlineStyle + ' ' + getComputedStyle(a).outlineWidth"
        )
        assert outline.startswith("solid") and not outline.endswith(" 0px"), outline


@pytest.mark.slow
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_no_axe_violations(
    browser: Browser, site: str, scheme: str, viewport: dict[str, int]
) -> None:
    found = {}
    with opened(browser, site + "index.html", viewport=viewport, color_scheme=scheme) as page:
        dark = page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
        assert dark == (scheme == "dark")
        for name in PAGES:
            page.goto(site + name, wait_until="load")
            problems = axe_problems(page)
            if problems:
                found[name] = problems
    assert not found, found


# --- languages and the favicon -----------------------------------------------------------


def test_the_language_switch_links_each_language(browser: Browser, project: Project) -> None:
    project.write("goalsheet.yaml", "practice: {name: Harbour Therapy}\nlocale: en_GB\n")
    project.write("content/calm.md", "---\ntitle: Keeping calm\n---\nBreathe out slowly.\n")
    project.write("content/es/calm.md", "---\ntitle: Mantener la calma\n---\nEspira despacio.\n")
    build(project.root)
    with served(project.root / "site") as base:
        with opened(browser, base + "es/calm.html", viewport=DESKTOP) as page:
            switch = page.locator(".masthead .languages")
            expect(switch).to_be_visible()
            current = switch.locator("a[aria-current]")
            expect(current).to_have_count(1)
            expect(current).to_have_attribute("hreflang", re.compile(r"^es\b"))
            expect(current).to_have_attribute("lang", re.compile(r"^es\b"))
            english = switch.locator("a[hreflang^=en]")
            expect(english).to_have_attribute("lang", "en-GB")
            expect(english).not_to_have_attribute("aria-current", re.compile("."))
            english.click()
            page.wait_for_url("**/calm.html")
            expect(page.locator("h1")).to_have_text("Keeping calm")
        with opened(browser, base + "calm.html", viewport=PHONE) as page:
            expect(page.locator(".masthead .languages")).to_be_hidden()
            page.get_by_role("button", name="Menu").click()
            expect(page.locator("#site-menu .languages a[hreflang^=es]")).to_be_visible()
            assert axe_problems(page) == []


def test_the_favicon_is_linked_from_a_nested_page(browser: Browser, site: str) -> None:
    with opened(browser, site + "tags/index.html", viewport=DESKTOP) as page:
        icon = page.locator("link[rel=icon]")
        expect(icon).to_have_count(1)
        href = icon.evaluate("link => link.href")
    with urlopen(href) as response:  # the icon's address, resolved from tags/
        assert response.status == 200
        assert response.read(200).lstrip().startswith(b"<")


def test_a_one_language_site_without_a_logo(project: Project) -> None:
    """No language switch; the favicon is the practice's initial on its colour."""
    project.write(
        "goalsheet.yaml", "practice: {name: harbour therapy, colours: {primary: '#2a5d3c'}}\n"
    )
    project.write("content/calm.md", "---\ntitle: Keeping calm\n---\nBreathe out slowly.\n")
    site_dir = build(project.root)
    page = (site_dir / "calm.html").read_text(encoding="utf-8")
    assert '<link rel="icon" href="assets/favicon.svg" type="image/svg+xml">' in page
    icon = (site_dir / "assets" / "favicon.svg").read_text(encoding="utf-8")
    assert ">H</text>" in icon
    assert 'fill="#2a5d3c"' in icon
    assert 'class="languages"' not in page
