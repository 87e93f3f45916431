"""Every file of the HTML site, as text, from the pages, the worksheet library and the
practice's settings. Nothing here reads client data: the site is made from content/,
goalsheet.yaml's practice settings and the worksheet catalogue only.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from markupsafe import Markup

from goalsheet.language.catalogues import html_lang, language_name
from goalsheet.language.messages import _, using
from goalsheet.model.config import Config
from goalsheet.paper.catalogue import Worksheet
from goalsheet.paper.names import PAPER_CSS, default_file_name
from goalsheet.render.markdown import is_local
from goalsheet.render.template import render_template
from goalsheet.resources import builtin_dir
from goalsheet.site.colours import readable_colour
from goalsheet.site.content import Content, Page
from goalsheet.site.indexes import NOT_FOUND, robots, search_index, sitemap
from goalsheet.site.navigation import (
    AUDIENCE_INTROS,
    Link,
    Navigation,
    audience_url,
    navigation,
    tag_url,
)

WORKSHEETS_DIR = "worksheets"
HANDOUTS_DIR = "handouts"
ASSETS_DIR = "assets"
LIBRARY = "worksheets.html"
SEARCH = "search.html"
SEARCH_INDEX = "assets/search-index.js"
PAGE = "site/page.html.j2"


@dataclass(frozen=True)
class SiteRequest:
    root: Path | None  # the project, for its template overrides
    config: Config
    content: Content
    catalogue: dict[str, Worksheet]
    pdf: bool  # handouts have a PDF beside them
    logo: str | None  # the logo's URL in the site, if it has one
    today: dt.date  # the sitemap's lastmod
    # Without PDFs (--no-pdf, serve), the worksheet PDFs an earlier build left in site/:
    # only those are linked, so a preview has no dead links.
    pdfs_present: frozenset[str] = frozenset()
    guide: Content | None = None  # the practitioner's guide, published under guide/


Fresh = Callable[[str, str], bool]  # (path, key): is the file there already up to date?
Keys = tuple[str, Callable[[Page], str]]  # the key every page shares, and a page's own
Emit = Callable[[str, str, Callable[[], str]], None]  # (path, key, how to render it)


def render_site(
    request: SiteRequest,
    keys: Keys | None = None,
    fresh: Fresh | None = None,
    write: Callable[[str, str], None] | None = None,
) -> dict[str, tuple[str, str | None]]:
    """Every text file of the site: path inside site/ -> (key, text). With `keys` (the
    shared key and a page's key) and `fresh`, a file that is up to date is not rendered
    again: its text is None. With `write`, each file is handed to it as soon as it is
    rendered and not kept (its text is None too), so a big site never sits in memory.
    The interface is in the practice's language (`locale` in goalsheet.yaml)."""
    with using(request.config.locale):
        return _render_site(request, keys, fresh, write)


def _render_site(
    request: SiteRequest,
    keys: Keys | None,
    fresh: Fresh | None,
    write: Callable[[str, str], None] | None,
) -> dict[str, tuple[str, str | None]]:
    pages = request.content.pages
    nav = navigation(pages)
    drawn = _Sidebars(request, nav)
    shared, key_of = keys if keys is not None else ("", lambda page: "")
    files: dict[str, tuple[str, str | None]] = {}

    def emit(path: str, key: str, make: Callable[[], str]) -> None:
        if fresh is not None and fresh(path, key):
            files[path] = (key, None)
        elif write is not None:
            write(path, make())
            files[path] = (key, None)
        else:
            files[path] = (key, make())

    for page in pages:
        context = _page(page, nav, request)
        make = functools.partial(_html, request, PAGE, page.output, drawn, page=context)
        emit(page.output, key_of(page), make)
    if request.guide is not None and request.guide.pages:
        _emit_guide(request, request.guide, drawn, key_of, emit)
    _emit_shared(request, drawn, shared, emit)
    files[SEARCH_INDEX] = ("", search_index(pages))
    files["sitemap.xml"] = ("", sitemap(request.config, sorted(files), request.today))
    files["robots.txt"] = ("", robots(request.config))
    return files


def _emit_shared(request: SiteRequest, drawn: _Sidebars, shared: str, emit: Emit) -> None:
    """The pages made from every page: home, listings, tags, library, search, 404."""
    nav = drawn.nav

    def page(url: str, template: str, **extra: Any) -> None:
        emit(url, shared, functools.partial(_html, request, template, url, drawn, **extra))

    page("index.html", "site/home.html.j2")
    for audience, title, links in nav.audiences:
        intro = _(AUDIENCE_INTROS[audience])
        page(audience_url(audience), "site/listing.html.j2", title=title, links=links, intro=intro)
    for tag, links in nav.tags.items():
        title = _("Tagged “{tag}”").format(tag=tag)
        page(tag_url(tag), "site/listing.html.j2", title=title, links=links, intro="")
    page("tags/index.html", "site/tags.html.j2", tags=_tag_list(nav))
    page(LIBRARY, "site/library.html.j2", worksheets=_library(request))
    page(SEARCH, "site/search.html.j2")
    # A host shows 404.html at any depth: it carries its styles, and links from site_url.
    root = _site_path(request.config)
    page(NOT_FOUND, "site/404.html.j2", inline_css=True, root_override=root)


GUIDE_DIR = "guide"


def _emit_guide(
    request: SiteRequest,
    guide: Content,
    drawn: _Sidebars,
    key_of: Callable[[Page], str],
    emit: Emit,
) -> None:
    """The practitioner's guide: its pages under guide/, with their own navigation."""
    links = [Link(page.title, page.output, page.summary) for page in guide.pages]
    sidebar = render_template(
        request.root, "site/guide-sidebar.html.j2", {"root": "../", "guide": links}
    )
    for index, page in enumerate(guide.pages):
        context = {
            **_page(page, drawn.nav, request),
            "previous": links[index - 1] if index > 0 else None,
            "next": links[index + 1] if index + 1 < len(links) else None,
        }
        emit(
            page.output,
            key_of(page),
            functools.partial(
                _html,
                request,
                "site/guide-page.html.j2",
                page.output,
                drawn,
                page=context,
                sidebar_html=sidebar,
            ),
        )


def handout_html(request: SiteRequest, page: Page) -> str:
    """The print version of a handout, for WeasyPrint (its base URL is content/)."""
    with using(request.config.locale):
        return _handout_html(request, page)


def _handout_html(request: SiteRequest, page: Page) -> str:
    nav = navigation(request.content.pages)
    fonts = builtin_dir("templates") / "assets" / "fonts"
    html = _html(
        request,
        "site/handout-print.html.j2",
        page.output,
        _Sidebars(request, nav),
        page=_page(page, nav, request),
        fonts=fonts.as_uri() + "/",
    )
    return _HREF.sub(lambda m: _printed_link(m.group(1), request.config.site_url), html)


_HREF = re.compile(r'\shref="([^"]*)"')


def _printed_link(href: str, site_url: str | None) -> str:
    """A link in a printed handout: to the published site when `site_url` is set, else
    none (a relative link would point into the computer that made the PDF)."""
    if href.startswith("#") or not is_local(html.unescape(href)):
        return f' href="{href}"'
    if site_url:
        base = site_url if site_url.endswith("/") else site_url + "/"
        return f' href="{escape(urljoin(base, html.unescape(href)))}"'
    return ""


def _site_path(config: Config) -> str | None:
    """The site's path on its host ("/" or "/handouts/"), from `site_url`, if set."""
    if not config.site_url:
        return None
    path = urlsplit(config.site_url).path or "/"
    return path if path.endswith("/") else path + "/"


def _html(request: SiteRequest, template: str, url: str, sidebars: _Sidebars, **extra: Any) -> str:
    depth = url.count("/")
    root_override = extra.pop("root_override", None)
    root = root_override if root_override is not None else "../" * depth
    context = _base_context(request, root, sidebars.nav)
    own_sidebar = extra.pop("sidebar_html", None)
    sidebar = own_sidebar if own_sidebar is not None else sidebars.at(root)
    context.update(url=url, sidebar=_current(sidebar, root, url), **extra)
    return render_template(request.root, template, context)


class _Sidebars:
    """The navigation, drawn once for each folder depth of the site: it is the same on
    every page there, but for the mark on the current page."""

    def __init__(self, request: SiteRequest, nav: Navigation) -> None:
        self.request, self.nav = request, nav
        self.drawn: dict[str, str] = {}

    def at(self, root: str) -> str:
        if root not in self.drawn:
            context = _base_context(self.request, root, self.nav)
            self.drawn[root] = render_template(self.request.root, "site/sidebar.html.j2", context)
        return self.drawn[root]


def _current(sidebar: str, root: str, url: str) -> Markup:
    """The sidebar with the link to `url` marked as the current page."""
    link = f'href="{escape(root + url)}"'
    return Markup(sidebar.replace(link, f'{link} aria-current="page"', 1))


def _base_context(request: SiteRequest, root: str, nav: Navigation) -> dict[str, Any]:
    config = request.config
    primary = readable_colour(config.practice.colours.primary)
    return {
        "root": root,
        "site": {
            "name": config.practice.name,
            "url": config.site_url,  # the published site's address, if set
            "contact": config.practice.contact,
            "crisis_line": _(config.practice.crisis_line),
            "primary": primary,
            "logo": request.logo,
            "lang": html_lang(config.locale),
            "library": LIBRARY,
            "search": SEARCH,
            "pdf": request.pdf,
            "paper_css": PAPER_CSS[config.paper],
            "guide": request.guide is not None and bool(request.guide.pages),
        },
        "nav": nav,
        "audience_url": audience_url,
        "tag_url": tag_url,
    }


def _page(page: Page, nav: Navigation, request: SiteRequest) -> dict[str, Any]:
    sheets = [request.catalogue[name] for name in page.meta.worksheets if name in request.catalogue]
    return {
        "slug": page.slug,
        "title": page.title,
        "summary": page.summary,
        "section": page.meta.section,
        "audience": page.meta.audience,
        "tags": page.meta.tags,
        "sensitive": page.meta.sensitive,
        "body": Markup(_table_label(page.rendered.html)),
        "toc": page.rendered.toc,
        "worksheets": [_sheet_links(sheet, request) for sheet in sheets],
        "previous": nav.previous.get(page.slug),
        "next": nav.next.get(page.slug),
        "pdf": f"{HANDOUTS_DIR}/{page.slug}.pdf",
        "lang": html_lang(page.meta.lang) if page.meta.lang else None,
        "translations": _translations(page, request),
        "source": page.source,
    }


def _library(request: SiteRequest) -> list[dict[str, Any]]:
    pages_for: dict[str, list[Page]] = {}
    for page in request.content.pages:
        for name in page.meta.worksheets:
            pages_for.setdefault(name, []).append(page)
    return [
        {**_sheet_links(sheet, request), "pages": pages_for.get(sheet.id, [])}
        for sheet in request.catalogue.values()
    ]


def _translations(page: Page, request: SiteRequest) -> list[dict[str, str]]:
    """The other languages this page is in (`translation_of`, either way round): each
    with its URL and the language's own name ("español", "English")."""
    pages = request.content.pages
    original = page.meta.translation_of or page.slug
    family = [p for p in pages if p.slug == original or p.meta.translation_of == original]
    return [
        {"url": other.output, "lang": html_lang(other.meta.lang or request.config.locale),
         "name": language_name(other.meta.lang or request.config.locale)}
        for other in family
        if other.slug != page.slug
    ]  # fmt: skip


def _table_label(body: str) -> str:
    """Markdown tables are labelled "Table" when rendered (and cached, whatever the
    language): the label a screen reader announces is put in the site's language here."""
    label = _("Table")
    if label == "Table":
        return body
    return body.replace('aria-label="Table"', f'aria-label="{escape(label)}"')


def _sheet_links(sheet: Worksheet, request: SiteRequest) -> dict[str, Any]:
    def link(fillable: bool) -> str | None:
        path = f"{WORKSHEETS_DIR}/{default_file_name(sheet.id, fillable=fillable)}"
        return path if request.pdf or path in request.pdfs_present else None

    return {
        "id": sheet.id,
        "title": _(sheet.title),
        "description": _(sheet.purpose),
        "print": link(False),
        "fillable": link(True) if sheet.fillable else None,
    }


def _tag_list(nav: Navigation) -> list[dict[str, Any]]:
    return [
        {"tag": tag, "url": tag_url(tag), "count": len(links)} for tag, links in nav.tags.items()
    ]
