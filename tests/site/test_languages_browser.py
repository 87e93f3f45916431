"""A bilingual site in Chromium, at desktop and phone width: from the Spanish home page the
language switch leads to the English one and back, each page says its own language
(document.documentElement.lang), and axe finds nothing wrong."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from helpers.browser import axe_problems, served
from helpers.site import site_of

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}

PAGES = {
    "content/smart-goals.md": "---\ntitle: SMART goals\n---\nA SMART goal is specific.\n",
    "content/es/smart-goals.md": "---\ntitle: Metas SMART\n---\nUna meta SMART es concreta.\n",
    "content/es/solo.md": "---\ntitle: Solo en español\n---\nSin versión en inglés.\n",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    config = "practice: {name: Riverside (test)}\nlocale: en_GB\n"
    return site_of(tmp_path_factory.mktemp("languages") / "practice", PAGES, config)


def switch_to(page: Page, lang: str) -> None:
    """Follow the language switch to `lang`, opening the phone menu first if the switch is
    inside it."""
    links = page.locator(f'nav.languages a[hreflang="{lang}"]:visible')
    if links.count() == 0:
        page.locator("button.menu-button").click()
    with page.expect_navigation():
        links.first.click()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_switch_goes_from_spanish_to_english_and_back(
    browser: Browser, site: Path, width: str
) -> None:
    with served(site) as base:
        page = browser.new_page(viewport=WIDTHS[width])  # type: ignore[arg-type]
        try:
            page.goto(base + "es/index.html")
            assert page.evaluate("document.documentElement.lang") == "es-ES"
            assert axe_problems(page) == []
            switch_to(page, "en-GB")
            assert page.url == base + "index.html"
            assert page.evaluate("document.documentElement.lang") == "en-GB"
            assert axe_problems(page) == []
            page.goto(base + "smart-goals.html")
            switch_to(page, "es-ES")
            assert page.url == base + "es/smart-goals.html"
            assert page.evaluate("document.documentElement.lang") == "es-ES"
            assert axe_problems(page) == []
            switch_to(page, "en-GB")
            assert page.url == base + "smart-goals.html"
            assert page.evaluate("document.documentElement.lang") == "en-GB"
        finally:
            page.close()
