"""Which languages the site speaks, and where each one's pages live.

The site's own language (goalsheet.yaml's `locale`) is at the top of the site; every other
language a page is written in has its own copy of the shared pages (home, listings, tags,
library, search) under `<code>/`. A page is drawn in its own language: chrome, navigation
and crisis text. Pure: pages and settings in, plain data out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from goalsheet.language.catalogues import html_lang, language_name, language_of
from goalsheet.model.config import Config
from goalsheet.site.content import Page

# The locale a language is spoken in when the site's own locale is of another language:
# the one its catalogue is written for.
DEFAULT_LOCALES = {"en": "en_GB", "es": "es_ES"}


@dataclass(frozen=True)
class SiteLanguage:
    """One language of the site: its pages, and where its shared pages are."""

    code: str  # "en", "es"
    locale: str  # what its pages are rendered in: "en_GB", "es_ES"
    prefix: str  # "" for the site's own language, else "es/"
    pages: tuple[Page, ...]  # in reading order

    def url(self, path: str) -> str:
        """A shared page of this language ("index.html" -> "es/index.html")."""
        return self.prefix + path

    @property
    def lang(self) -> str:
        """Its `lang` attribute (en-GB, es-ES)."""
        return html_lang(self.locale)


def page_language(page: Page, config: Config) -> str:
    """The language of a page's text: its own (folder or `lang:`), else the site's."""
    return language_of(page.lang or config.locale)


def locale_for(code: str, config: Config) -> str:
    """The locale a language is rendered in: the site's own when it is that language
    (en_US stays en_US), else the one its catalogue is written for."""
    if language_of(config.locale) == code:
        return config.locale
    return DEFAULT_LOCALES.get(code, code)


def site_languages(pages: list[Page], config: Config) -> list[SiteLanguage]:
    """The site's own language first (always, even with no page in it), then every other
    language a page is written in, by code."""
    own = language_of(config.locale)
    by_code: dict[str, list[Page]] = {own: []}
    for page in pages:
        by_code.setdefault(page_language(page, config), []).append(page)
    codes = [own, *sorted(code for code in by_code if code != own)]
    return [
        SiteLanguage(
            code,
            locale_for(code, config),
            "" if code == own else f"{code}/",
            tuple(by_code[code]),
        )
        for code in codes
    ]


def page_switch(page: Page, languages: list[SiteLanguage], config: Config) -> list[dict[str, Any]]:
    """`site.languages` for a page: the same page in every language of the site (its
    translation, found through `Page.original`), or that language's home page when it has
    none; the page's own language is marked current. Empty for a one-language site."""
    if len(languages) < 2:
        return []
    own = page_language(page, config)
    urls = {}
    for language in languages:
        twin = next((p for p in language.pages if p.original == page.original), None)
        urls[language.code] = twin.output if twin is not None else language.url("index.html")
    urls[own] = page.output
    return [_entry(language, urls[language.code], language.code == own) for language in languages]


def shared_switch(
    path: str, current: SiteLanguage, languages: list[SiteLanguage], present: set[str]
) -> list[dict[str, Any]]:
    """`site.languages` for a shared page (`path` as the site's own language has it,
    "worksheets.html"): the same page in every language, or its home page where that
    language has no such page (`present`: every shared page made)."""
    if len(languages) < 2:
        return []
    entries = []
    for language in languages:
        url = language.url(path)
        if url not in present:
            url = language.url("index.html")
        entries.append(_entry(language, url, language.code == current.code))
    return entries


def _entry(language: SiteLanguage, url: str, current: bool) -> dict[str, Any]:
    return {
        "name": language_name(language.locale),
        "lang": language.lang,
        "url": url,
        "current": current,
    }
