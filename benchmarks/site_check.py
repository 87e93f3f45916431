"""What a built site holds, judged the same way for both tools: which Markdown pages have an
HTML page, and which internal links (every `<a href>` in every HTML file) lead nowhere.

A link is internal when it has no scheme and does not start with `//`. It resolves when the
file it names (a folder means its index.html) exists in the output and, if it has a
fragment, that file has an element with that id (or an `<a name>`). Search bundles
(pagefind/, search/) are files the browser loads, not pages, so they are not crawled.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
SKIPPED = {"pagefind", "search"}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "a":
            if values.get("name"):
                self.ids.add(str(values["name"]))
            href = values.get("href")
            if href is not None:
                self.hrefs.append(href)


@dataclass(frozen=True)
class SiteCheck:
    pages: int  # Markdown pages of the corpus
    missing: list[str]  # Markdown pages with no HTML page
    links: int  # internal links crawled
    broken: list[tuple[str, str]]  # (HTML page, href) that lead nowhere


def expected_html(markdown: PurePosixPath) -> str:
    """The HTML page a Markdown page becomes (both tools, with MkDocs'
    `use_directory_urls: false`)."""
    return markdown.with_suffix(".html").as_posix()


def check_site(site: Path, markdown: list[PurePosixPath]) -> SiteCheck:
    parsed: dict[str, _Page] = {}
    for file in sorted(site.rglob("*.html")):
        relative = file.relative_to(site)
        if relative.parts[0] in SKIPPED and len(relative.parts) > 1:
            continue
        page = _Page()
        page.feed(file.read_text(encoding="utf-8", errors="replace"))
        parsed[relative.as_posix()] = page
    missing = [md.as_posix() for md in markdown if not (site / expected_html(md)).is_file()]
    links = 0
    broken: list[tuple[str, str]] = []
    for name, page in parsed.items():
        for href in page.hrefs:
            if _SCHEME.match(href) or href.startswith("//"):
                continue
            links += 1
            if not _resolves(site, name, href, parsed):
                broken.append((name, href))
    return SiteCheck(len(markdown), missing, links, broken)


def _resolves(site: Path, page: str, href: str, parsed: dict[str, _Page]) -> bool:
    parts = urlsplit(href)
    path = unquote(parts.path)
    if not path:
        target = page
    else:
        base = "" if path.startswith("/") else posixpath.dirname(page)  # "/" is the root
        target = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
        if target.startswith(".."):
            return False
        if path.endswith("/") or (site / target).is_dir():
            target = posixpath.join(target, "index.html")
    if target == "." or not (site / target).is_file():
        return False
    if not parts.fragment:
        return True
    held = parsed.get(target)
    return held is not None and unquote(parts.fragment) in held.ids
