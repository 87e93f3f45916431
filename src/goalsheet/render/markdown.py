"""Markdown to sanitised HTML for the site and the handout PDFs.

Python-Markdown (tables, admonitions, footnotes, definition lists, attribute lists, a table
of contents) passes raw HTML through, so every page goes through nh3 afterwards: no script,
no event handler, no iframe, no `javascript:`, `data:` or `file:` URL, and images only from
relative paths inside the site. Links to other pages (`other.md#part`) become `.html` links.
An id from a page never takes one the site itself uses (see `content_id`).
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

EXTENSIONS = [
    "tables",
    "admonition",
    "footnotes",
    "def_list",
    "attr_list",
    "fenced_code",
    "sane_lists",
    "toc",
]
EXTENSION_CONFIGS: dict[str, dict[str, Any]] = {"toc": {"toc_depth": "2-3"}}

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div",
    "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i",
    "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong",
    "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ATTRIBUTES = {
    "*": {"class", "id", "title", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "style", "scope"},
    "ol": {"start"},
}
LINK_SCHEMES = {"http", "https", "mailto", "tel"}
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_HEADING = re.compile(r"<h1\b[^>]*>(.*?)</h1>\s*", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_IMAGE_SRC = re.compile(r"""<img\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.I)
_EMPTY_IMAGE = re.compile(r"<img(?![^>]*\bsrc=)[^>]*>")
_BODY_ID = re.compile(r'\bid="([^"]+)"')

# Every id the site's own pages use (templates/site/*.html.j2, site.js and the global it
# reads): a page's element with one of them would take the site's place (site.js finds the
# search form by its id; the skip link goes to #main).
SITE_IDS = frozenset({
    "main", "q", "site-search", "search-q", "search-status", "search-results",
    "all-pages-section", "all-pages", "all-pages-list", "sheets-title", "nav-guide",
    "goalsheetPages", "site-menu", "languages-top", "languages-menu",
    "library-filters", "library-count", "library-list",
})  # fmt: skip
_SITE_ID_PATTERN = re.compile(r"(?:nav|s)-[0-9]+\Z")  # sidebar groups, home page sections
CONTENT_ID_PREFIX = "content-"


@dataclass(frozen=True)
class TocEntry:
    id: str
    title: str
    level: int
    children: tuple[TocEntry, ...] = ()


@dataclass(frozen=True)
class Rendered:
    html: str
    title: str | None  # the first level-1 heading's text, taken out of the body
    toc: tuple[TocEntry, ...]
    anchors: frozenset[str]  # as a link to the page writes them (before `content_id`)
    links: tuple[str, ...] = field(default_factory=tuple)  # every href, as written
    images: tuple[str, ...] = field(default_factory=tuple)  # every img src, as written
    renamed: tuple[str, ...] = field(default_factory=tuple)  # ids written in the page that
    # the site uses itself, so `content_id` renamed them (headings' own ids are not listed)


@functools.cache
def _converter() -> Any:
    """One Markdown converter per process, reset before each page: building one for every
    page loads and configures eight extensions again (measured: 117 pages, 19 ms of 270)."""
    # Loaded when a page is converted: a rebuild whose pages are all cached never needs it.
    import markdown

    return markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)


def render_markdown(text: str) -> Rendered:
    """The page body as safe HTML, its title, table of contents, anchors, links and images."""
    # Loaded when a page is converted: a rebuild whose pages are all cached never needs it.
    import nh3

    md = _converter()
    md.reset()  # no footnote, heading id or contents entry of an earlier page stays
    raw = md.convert(text)
    links: list[str] = []
    images: list[str] = []
    body = nh3.clean(
        raw,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=LINK_SCHEMES,
        attribute_filter=_filter(links, images),
        filter_style_properties={"text-align"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    body = _EMPTY_IMAGE.sub("", body)  # an image whose source was refused
    # Wide tables scroll inside their own box on a phone, reachable by keyboard.
    body = body.replace(
        "<table>", '<div class="table-wrap" tabindex="0" role="region" aria-label="Table">\n<table>'
    ).replace("</table>", "</table>\n</div>")
    # A long line of code scrolls inside its block (site.css), so the block takes focus too.
    body = body.replace("<pre>", '<pre tabindex="0">')
    title = None
    heading = _HEADING.search(body)
    if heading is not None:
        title = html.unescape(_TAG.sub("", heading.group(1))).strip() or None
        body = body[: heading.start()] + body[heading.end() :]
    toc = tuple(_toc(entry) for entry in getattr(md, "toc_tokens", []))
    flat = [e for top in toc for e in _walk(top)]
    if title is not None:  # the h1 is the page title, not a contents entry
        toc = tuple(e for e in toc if e.level > 1) or tuple(c for e in toc for c in e.children)
    written = {_written_id(value) for value in _BODY_ID.findall(body)}
    headings = {_written_id(e.id) for e in flat}
    anchors = frozenset(headings | written)
    renamed = sorted(v for v in written - headings if content_id(v) != v)
    # nh3 drops an image with a refused scheme (ftp:, file:, data:) before the filter sees
    # it; find those in the unsanitised HTML too, so `check` can say they were removed.
    images += [html.unescape(next(v for v in m.groups() if v is not None))
               for m in _IMAGE_SRC.finditer(raw)]  # fmt: skip
    return Rendered(
        body, title, toc, anchors, tuple(links), tuple(dict.fromkeys(images)), tuple(renamed)
    )


def content_id(value: str) -> str:
    """An id from a page as the site writes it. One the site uses itself, or one that starts
    with `content-`, gets `content-` in front: no page id can be the site's, two different
    ids stay different, and the same rule on links (`#main` -> `#content-main`) keeps them
    pointing at their target."""
    if value in SITE_IDS or _SITE_ID_PATTERN.match(value) or value.startswith(CONTENT_ID_PREFIX):
        return CONTENT_ID_PREFIX + value
    return value


def _written_id(value: str) -> str:
    """The id as the page wrote it: `content_id` undone (only it makes `content-` ids)."""
    return value.removeprefix(CONTENT_ID_PREFIX)


def page_link(href: str) -> str:
    """`other.md#part` becomes `other.html#part`; anything else is kept."""
    path, hash_, anchor = href.partition("#")
    if path.endswith(".md") and not _SCHEME.match(path):
        return path[:-3] + ".html" + hash_ + anchor
    return href


def is_local(url: str) -> bool:
    """A relative URL inside the site: no scheme, not from the server root, no `..` out.

    Judged as a browser reads it: a browser drops spaces and control characters around a
    URL and tabs and line breaks inside it, reads a backslash as a slash and decodes %2e,
    so a URL with any of those is not trusted as local at all."""
    if url != url.strip() or any(ord(ch) < 0x20 or ch == "\x7f" for ch in url):
        return False
    path = unquote(url).replace("\\", "/")
    return not (_SCHEME.match(path) or path.startswith("/") or ".." in path.split("/"))


def _filter(links: list[str], images: list[str]) -> Any:
    def keep(tag: str, attribute: str, value: str) -> str | None:
        if tag == "img" and attribute == "src":
            images.append(value)
            # ../images/x.png (an image in another folder of content/) is kept for
            # site/links.py, which writes it as the site's address or drops the image when
            # it leads out of content/.
            up = value.lstrip("./") if value.startswith("../") else ""
            return value if is_local(value) or (up and is_local(up)) else None
        if tag == "a" and attribute == "href":
            links.append(value)
            return _fragment(page_link(value))
        if attribute == "id":
            return content_id(value)
        return value

    return keep


def _fragment(href: str) -> str:
    """A link into a page of the site reaches the id as `content_id` wrote it."""
    path, hash_, anchor = href.partition("#")
    if not hash_ or not anchor or not is_local(href):
        return href
    return path + hash_ + content_id(anchor)


def _toc(token: dict[str, Any]) -> TocEntry:
    return TocEntry(
        content_id(token["id"]),
        html.unescape(_TAG.sub("", token["name"])),
        token["level"],
        tuple(_toc(child) for child in token.get("children", [])),
    )


def _walk(entry: TocEntry) -> list[TocEntry]:
    return [entry, *(e for child in entry.children for e in _walk(child))]
