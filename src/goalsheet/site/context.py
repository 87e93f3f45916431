"""The plain data the site's templates are given: the practice's chrome for one language,
a handout page, the worksheet library. Called inside `using()` of the language being
drawn, so every `_()` here speaks it."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from html import escape
from typing import Any

from markupsafe import Markup

from goalsheet.language.catalogues import html_lang, language_name
from goalsheet.language.messages import _
from goalsheet.model.config import Config
from goalsheet.paper.catalogue import Worksheet
from goalsheet.paper.names import PAPER_CSS, default_file_name
from goalsheet.site.colours import readable_colour
from goalsheet.site.content import Page
from goalsheet.site.languages import SiteLanguage, page_language
from goalsheet.site.navigation import Navigation, audience_url, tag_url
from goalsheet.site.request import HANDOUTS_DIR, LIBRARY, SEARCH, WORKSHEETS_DIR, SiteRequest
from goalsheet.site.thumbnails import size as thumbnail_size
from goalsheet.site.thumbnails import thumbnail_name

FAVICON = "assets/favicon.svg"


@dataclass(frozen=True)
class Voice:
    """One language of the site as it is drawn: its pages' own navigation, and every
    language of the site (for the switch)."""

    language: SiteLanguage
    nav: Navigation
    languages: tuple[SiteLanguage, ...]


def favicon_url(request: SiteRequest) -> str:
    """The practice's logo when it has one, else the icon made from its colours."""
    return request.logo or FAVICON


def base_context(
    request: SiteRequest, root: str, voice: Voice, switch: list[dict[str, Any]]
) -> dict[str, Any]:
    """What every page of the site shows around its own text, in `voice`'s language;
    `switch` is `site.languages`: the same page in each language of the site."""
    config = request.config
    language = voice.language
    return {
        "root": root,
        "site": {
            "name": config.practice.name,
            "url": config.site_url,  # the published site's address, if set
            "contact": config.practice.contact,
            "crisis_line": config.crisis_text(language.code),
            "primary": readable_colour(config.practice.colours.primary),
            "logo": request.logo,
            "favicon": favicon_url(request),
            "lang": language.lang,
            "languages": switch,
            "home": language.url("index.html"),
            "tags": language.url("tags/index.html"),
            "library": language.url(LIBRARY),
            "search": language.url(SEARCH),
            "pdf": request.pdf,
            "paper_css": PAPER_CSS[config.paper],
        },
        "nav": voice.nav,
        "audience_url": functools.partial(audience_url, prefix=language.prefix),
        "tag_url": functools.partial(tag_url, prefix=language.prefix),
    }


def page_context(page: Page, nav: Navigation, request: SiteRequest) -> dict[str, Any]:
    """A handout page's own parts, for page.html.j2 and the print version."""
    catalogue = request.catalogue
    sheets = [catalogue[name] for name in page.meta.worksheets if name in catalogue]
    return {
        "id": page.id,
        "slug": page.slug,
        "title": page.title,
        "summary": page.summary,
        "section": page.section,
        "audience": page.meta.audience,
        "tags": page.meta.tags,
        "sensitive": page.meta.sensitive,
        "body": Markup(_table_label(page.rendered.html)),
        "toc": page.rendered.toc,
        "worksheets": [sheet_links(sheet, request) for sheet in sheets],
        "previous": nav.previous.get(page.id),
        "next": nav.next.get(page.id),
        "pdf": f"{HANDOUTS_DIR}/{page.id}.pdf",
        "lang": html_lang(page.meta.lang) if page.meta.lang else None,
        "translations": _translations(page, request),
        "source": page.source,
    }


def home_intro(
    homes: tuple[Page, ...], language: SiteLanguage, config: Config
) -> dict[str, Any] | None:
    """The home page's own title and text in `language`: content/index.md (es/index.md
    for Spanish), when the practice wrote one; else None and the home page says its own."""
    for page in homes:
        if page_language(page, config) == language.code:
            return {"title": page.title, "body": Markup(_table_label(page.rendered.html))}
    return None


def library(request: SiteRequest, pages: tuple[Page, ...]) -> list[dict[str, Any]]:
    """Every worksheet, with the pages (of one language: `pages`) that go with it."""
    pages_for: dict[str, list[Page]] = {}
    for page in pages:
        for name in page.meta.worksheets:
            pages_for.setdefault(name, []).append(page)
    return [
        {**sheet_links(sheet, request), "pages": pages_for.get(sheet.id, [])}
        for sheet in request.catalogue.values()
    ]


def tag_list(nav: Navigation, prefix: str) -> list[dict[str, Any]]:
    """The tags of one language's pages, for its tags/index.html."""
    return [
        {"tag": tag, "url": tag_url(tag, prefix), "count": len(links)}
        for tag, links in nav.tags.items()
    ]


def sheet_links(sheet: Worksheet, request: SiteRequest) -> dict[str, Any]:
    """A worksheet's title and purpose in the language being drawn, and its PDFs (only
    those there are: a preview without PDFs links none that are missing)."""

    def link(fillable: bool) -> str | None:
        path = f"{WORKSHEETS_DIR}/{default_file_name(sheet.id, fillable=fillable)}"
        return path if request.pdf or path in request.pdfs_present else None

    return {
        "id": sheet.id,
        "title": _(sheet.title),
        "description": _(sheet.purpose),
        "print": link(False),
        "fillable": link(True) if sheet.fillable else None,
        "audience": sheet.audience,
        "kind": sheet.kind,
        "thumbnail": _thumbnail(sheet, request),
    }


def _thumbnail(sheet: Worksheet, request: SiteRequest) -> dict[str, Any] | None:
    """The picture of the worksheet's first page, linked as its PDF is (site/thumbnails.py)."""
    path = f"{WORKSHEETS_DIR}/{thumbnail_name(sheet.id)}"
    if not (request.pdf or path in request.pdfs_present):
        return None
    width, height = thumbnail_size(request.config.paper)
    return {"url": path, "width": width, "height": height}


def _translations(page: Page, request: SiteRequest) -> list[dict[str, str]]:
    """The other languages this page is in ("This page in:"): each with its URL and the
    language's own name ("español", "English")."""
    config: Config = request.config
    family = [p for p in request.content.pages if p.original == page.original]
    return [
        {"url": other.output, "lang": html_lang(other.lang or config.locale),
         "name": language_name(other.lang or config.locale)}
        for other in family
        if other.id != page.id
    ]  # fmt: skip


def _table_label(body: str) -> str:
    """Markdown tables are labelled "Table" when rendered (and cached, whatever the
    language): the label a screen reader announces is put in the page's language here."""
    label = _("Table")
    if label == "Table":
        return body
    return body.replace('aria-label="Table"', f'aria-label="{escape(label)}"')
