"""Every file of the HTML site, as text, from the pages, the worksheet library and the
practice's settings. Nothing here reads client data: the site is made from content/,
goalsheet.yaml's practice settings and the worksheet catalogue only.

Each page is drawn in its own language (site/languages.py): its chrome, its navigation
(only the pages of that language) and its crisis text; every language but the site's own
has its shared pages (home, listings, tags, library, search) under its folder ("es/").
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from html import escape
from typing import Any, TypeVar
from urllib.parse import urljoin, urlsplit

from markupsafe import Markup

from goalsheet.language.messages import _, using
from goalsheet.model.config import Config
from goalsheet.render.markdown import is_local
from goalsheet.render.template import render_template
from goalsheet.resources import builtin_dir
from goalsheet.site.content import Content, Page
from goalsheet.site.context import (
    FAVICON,
    Voice,
    base_context,
    home_intro,
    library,
    page_context,
    tag_list,
)
from goalsheet.site.indexes import NOT_FOUND, robots, search_index, sitemap
from goalsheet.site.languages import (
    SiteLanguage,
    locale_for,
    page_language,
    page_switch,
    shared_switch,
    site_languages,
)
from goalsheet.site.navigation import AUDIENCE_INTROS, Link, audience_url, navigation, tag_url
from goalsheet.site.request import (
    ASSETS_DIR,
    GUIDE_DIR,
    HANDOUTS_DIR,
    LIBRARY,
    SEARCH,
    SEARCH_INDEX,
    WORKSHEETS_DIR,
    SiteRequest,
)

__all__ = [
    "ASSETS_DIR",
    "GUIDE_DIR",
    "HANDOUTS_DIR",
    "WORKSHEETS_DIR",
    "Fresh",
    "Keys",
    "SiteRequest",
    "handout_html",
    "render_site",
]

PAGE = "site/page.html.j2"
FAVICON_TEMPLATE = "site/favicon.svg.j2"

Fresh = Callable[[str, str], bool]  # (path, key): is the file there already up to date?
Keys = tuple[str, Callable[[Page], str]]  # the key every page shares, and a page's own
Emit = Callable[[str, str, Callable[[], str]], None]  # (path, key, how to render it)
T = TypeVar("T")


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
    Each page is rendered in its own language; what speaks no language (the search index,
    the sitemap) in the practice's (`locale` in goalsheet.yaml)."""
    with using(request.config.locale):
        return _render_site(request, keys, fresh, write)


def _render_site(
    request: SiteRequest,
    keys: Keys | None,
    fresh: Fresh | None,
    write: Callable[[str, str], None] | None,
) -> dict[str, tuple[str, str | None]]:
    voices = _voices(request)
    drawn = _Sidebars(request)
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

    languages = [voice.language for voice in voices]
    for voice in voices:
        for page in voice.language.pages:
            switch = page_switch(page, languages, request.config)
            make = _in(voice, _html, request, PAGE, page.output, drawn, voice, switch, page=page)
            emit(page.output, key_of(page), make)
    if request.guide is not None and request.guide.pages:
        _emit_guide(request, request.guide, drawn, key_of, emit)
    plans = {voice.language.code: _shared_pages(request, voice) for voice in voices}
    present = {
        voice.language.url(path) for voice in voices for path, *_ in plans[voice.language.code]
    }
    for voice in voices:
        for path, template, extra in plans[voice.language.code]:
            url = voice.language.url(path)
            switch = shared_switch(path, voice.language, languages, present)
            make = _in(voice, _html, request, template, url, drawn, voice, switch, **extra)
            emit(url, shared, make)
    files[FAVICON] = ("", _favicon(request, voices[0]))
    files[SEARCH_INDEX] = ("", search_index(request.content.pages, request.config.locale))
    files["sitemap.xml"] = ("", sitemap(request.config, sorted(files), request.today))
    files["robots.txt"] = ("", robots(request.config))
    return files


def _voices(request: SiteRequest) -> list[Voice]:
    """Every language of the site with its own navigation, named in that language."""
    languages = site_languages(request.content.pages, request.config)
    voices = []
    for language in languages:
        with using(language.locale):
            voices.append(Voice(language, navigation(language.pages), tuple(languages)))
    return voices


def _in(voice: Voice, make: Callable[..., T], *args: Any, **kwargs: Any) -> Callable[[], T]:
    """`make(*args, **kwargs)`, to be run later in the language of `voice`."""

    def run() -> T:
        with using(voice.language.locale):
            return make(*args, **kwargs)

    return run


def _shared_pages(request: SiteRequest, voice: Voice) -> list[tuple[str, str, dict[str, Any]]]:
    """The pages made from one language's pages: home, listings, tags, library, search,
    404; each (path as the site's own language has it, template, what it shows)."""
    nav, prefix = voice.nav, voice.language.prefix
    with using(voice.language.locale):
        home = {"home": home_intro(request.content.homes, voice.language, request.config)}
        pages: list[tuple[str, str, dict[str, Any]]] = [("index.html", "site/home.html.j2", home)]
        for audience, title, links in nav.audiences:
            intro = _(AUDIENCE_INTROS[audience])
            extra = {"title": title, "links": links, "intro": intro}
            pages.append((audience_url(audience), "site/listing.html.j2", extra))
        for tag, links in nav.tags.items():
            title = _("Tagged “{tag}”").format(tag=tag)
            extra = {"title": title, "links": links, "intro": ""}
            pages.append((tag_url(tag), "site/listing.html.j2", extra))
        tags = {"tags": tag_list(nav, prefix)}
        pages.append(("tags/index.html", "site/tags.html.j2", tags))
        sheets = {"worksheets": library(request, voice.language.pages)}
        pages.append((LIBRARY, "site/library.html.j2", sheets))
        pages.append((SEARCH, "site/search.html.j2", {}))
    # A host shows 404.html at any depth: it carries its styles, and links from site_url.
    not_found = {"inline_css": True, "root_override": _site_path(request.config)}
    pages.append((NOT_FOUND, "site/404.html.j2", not_found))
    return pages


def _emit_guide(
    request: SiteRequest,
    guide: Content,
    drawn: _Sidebars,
    key_of: Callable[[Page], str],
    emit: Emit,
) -> None:
    """The practitioner's guide (`guide: true`): its pages under guide/, with their own
    navigation, in English (the language it is written in)."""
    english = SiteLanguage("en", locale_for("en", request.config), "", ())
    voice = Voice(english, navigation([]), (english,))
    links = [Link(page.title, page.output, page.summary) for page in guide.pages]
    context = {"root": "../", "guide": links}
    sidebar = _in(voice, render_template, request.root, "site/guide-sidebar.html.j2", context)()
    for index, page in enumerate(guide.pages):
        own = {
            "previous": links[index - 1] if index > 0 else None,
            "next": links[index + 1] if index + 1 < len(links) else None,
        }
        template = "site/guide-page.html.j2"
        make = _in(
            voice, _html, request, template, page.output, drawn, voice, [],
            page=page, page_extra=own, sidebar_html=sidebar,
        )  # fmt: skip
        emit(page.output, key_of(page), make)


def handout_html(request: SiteRequest, page: Page) -> str:
    """The print version of a handout, for WeasyPrint (its base URL is content/), in the
    page's own language."""
    code = page_language(page, request.config)
    voice = next(v for v in _voices(request) if v.language.code == code)
    with using(voice.language.locale):
        fonts = builtin_dir("templates") / "assets" / "fonts"
        template = "site/handout-print.html.j2"
        sidebars = _Sidebars(request)
        text = _html(
            request,
            template,
            page.output,
            sidebars,
            voice,
            [],
            page=page,
            fonts=fonts.as_uri() + "/",
        )
    site_url = request.config.site_url
    return _HREF.sub(lambda m: _printed_link(m.group(1), site_url, page.output), text)


_HREF = re.compile(r'\shref="([^"]*)"')


def _printed_link(href: str, site_url: str | None, page_url: str = "") -> str:
    """A link in a printed handout. One within the site goes to the published site when
    `site_url` is set, read from the page's own folder as a browser would (on es/x.html,
    "y.html" is es/y.html and "../worksheets.html" the top one); without `site_url`, or
    from the server root or out of the site, it is dropped: on paper a relative link would
    point into the computer that made the PDF. Others (https:, tel:, mailto:, #) stay."""
    target = html.unescape(href)
    if href.startswith("#") or urlsplit(target).scheme:
        return f' href="{href}"'
    if not site_url or not is_local(re.sub(r"^(?:\.\./)+", "", target)):
        return ""
    base = site_url if site_url.endswith("/") else site_url + "/"
    resolved = urljoin(urljoin(base, page_url), target)
    return f' href="{escape(resolved)}"' if resolved.startswith(base) else ""


def _site_path(config: Config) -> str | None:
    """The site's path on its host ("/" or "/handouts/"), from `site_url`, if set."""
    if not config.site_url:
        return None
    path = urlsplit(config.site_url).path or "/"
    return path if path.endswith("/") else path + "/"


def _favicon(request: SiteRequest, voice: Voice) -> str:
    """The site's icon, drawn from the practice's colour and name (site/favicon.svg.j2)."""
    with using(voice.language.locale):
        context = base_context(request, "", voice, [])
        return render_template(request.root, FAVICON_TEMPLATE, context)


def _html(
    request: SiteRequest,
    template: str,
    url: str,
    sidebars: _Sidebars,
    voice: Voice,
    switch: list[dict[str, Any]],
    **extra: Any,
) -> str:
    """One page at `url`, in the language being spoken. `page` (a Page) is drawn with its
    own parts (and `page_extra` added to them); `sidebar_html` replaces the navigation;
    `root_override` is the way to the site's root when it cannot be relative (404)."""
    depth = url.count("/")
    root_override = extra.pop("root_override", None)
    root = root_override if root_override is not None else "../" * depth
    context = base_context(request, root, voice, switch)
    own_sidebar = extra.pop("sidebar_html", None)
    sidebar = own_sidebar if own_sidebar is not None else sidebars.at(voice, root)
    page = extra.pop("page", None)
    page_extra = extra.pop("page_extra", None) or {}
    if page is not None:
        extra["page"] = {**page_context(page, voice.nav, request), **page_extra}
    context.update(url=url, sidebar=_current(sidebar, root, url), **extra)
    return render_template(request.root, template, context)


class _Sidebars:
    """The navigation of each language, drawn once for each folder depth of the site: it
    is the same on every page there, but for the mark on the current page. Its language
    switch leads to each language's home page (the page's own switch is in its header)."""

    def __init__(self, request: SiteRequest) -> None:
        self.request = request
        self.drawn: dict[tuple[str, str], str] = {}

    def at(self, voice: Voice, root: str) -> str:
        key = (voice.language.code, root)
        if key not in self.drawn:
            languages = list(voice.languages)
            homes = {language.url("index.html") for language in languages}
            switch = shared_switch("index.html", voice.language, languages, homes)
            context = base_context(self.request, root, voice, switch)
            self.drawn[key] = render_template(self.request.root, "site/sidebar.html.j2", context)
        return self.drawn[key]


def _current(sidebar: str, root: str, url: str) -> Markup:
    """The sidebar with the link to `url` marked as the current page."""
    link = f'href="{escape(root + url)}"'
    return Markup(sidebar.replace(link, f'{link} aria-current="page"', 1))
