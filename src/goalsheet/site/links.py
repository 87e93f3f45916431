"""Links between pages as MkDocs reads them: a relative link to a Markdown file
(`../anxiety/panic.md#what-happens`, `./x.md`, `sub/`, `sub/index.md`) is found from the
linking page's file in content/ and written as the target's address relative to the
linking page's address in the site. Images in other folders likewise. A link that starts
with "/" is read from content/ (as MkDocs' `absolute_links: relative_to_docs` does), so it
keeps working when the site is published in a sub-folder of a host.

The page's HTML from the Markdown cache is rewritten here, after the cache, so a cached
conversion serves every folder a page may be moved to; `check` uses the same resolution, so
a broken link is named with its file and line. An image that would lead out of content/ is
taken out of the page (the site loads nothing from outside itself).
"""

from __future__ import annotations

import dataclasses
import functools
import html
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote

from goalsheet.findings import Finding, Severity
from goalsheet.language.messages import _
from goalsheet.render.markdown import content_id, is_local, page_link
from goalsheet.site.image_files import image_problem
from goalsheet.site.page import Page
from goalsheet.site.tree import IMAGE_SUFFIXES

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
# nh3 writes every attribute in double quotes; a value may hold ">" (alt="a>b"), so a tag's
# attributes are read value by value, never up to the first ">".
_ATTRS = r'(?:[^>"]|"[^"]*")*?'
_HREF = re.compile(rf'(<a\b{_ATTRS}\shref=")([^"]*)(")')
_IMG = re.compile(rf'<img\b{_ATTRS}\ssrc="([^"]*)"(?:[^>"]|"[^"]*")*>')


@dataclass(frozen=True)
class Target:
    """Where a link leads: a page (and a heading on it), an image, or nothing that exists.
    `url` is the address to write (None: keep the link as written)."""

    url: str | None
    page: Page | None = None
    anchor: str = ""
    image: str | None = None  # the image file, relative to content/
    found: bool = True


class Links:
    """Every page (and home page) and image of one content folder, found by file."""

    def __init__(
        self, folder: Path, pages: list[Page], paths: dict[str, PurePosixPath], images: list[str]
    ) -> None:
        self.folder = folder
        self.paths = paths  # page id -> its file, relative to content/
        self.by_source = {paths[p.id].as_posix(): p for p in pages}
        self.by_output = {p.output: p for p in pages}
        self.folders: dict[str, Page] = {}
        for page in pages:
            path = paths[page.id]
            if path.name.lower() in ("index.md", "readme.md"):
                self.folders.setdefault(_folder(path.parent), page)
        self.images = frozenset(images)

    def resolve(self, page: Page, href: str) -> Target | None:
        """Where `href` (as written on `page`) leads in the site; None for a link that is
        not into it (another site, mail, phone) or that leads out of content/."""
        if not href or _SCHEME.match(href) or href.startswith("//") or "\\" in href:
            return None
        path, _hash, anchor = href.partition("#")
        path = path.partition("?")[0]
        if not path:
            return Target(None, page, anchor)
        raw = unquote(path)
        joined = _join(self.paths[page.id].parent.as_posix(), raw)
        if joined is None:
            return None
        target: Page | None
        if raw.endswith("/") or joined in self.folders:
            target = self.folders.get(joined)
        elif raw.lower().endswith(".md"):
            target = self.by_source.get(joined)
        elif raw.lower().endswith(".html"):
            output = _join(page.folder, raw)
            target = self.by_source.get(joined[:-5] + ".md") or self.by_output.get(output or "")
        elif joined in self.images:
            return Target(_relative(quote(joined), page), image=joined)
        else:
            target = None
        if target is None:
            return Target(None, anchor=anchor, found=False)
        fragment = f"#{content_id(anchor)}" if anchor else ""
        return Target(_relative(target.output, page) + fragment, target, anchor)

    def image(self, page: Page, src: str) -> str | None:
        """The image's file relative to content/, or None if `src` leads out of content/ or
        off the site."""
        if _SCHEME.match(src) or src.startswith(("/", "//")) or "\\" in src:
            return None
        return _join(self.paths[page.id].parent.as_posix(), unquote(src.partition("#")[0]))

    def rewrite(self, page: Page) -> Page:
        """The page with every link and image written as the site's address of its target."""
        written = {_as_rendered(href): href for href in reversed(page.rendered.links)}

        def link(match: re.Match[str]) -> str:
            href = written.get(html.unescape(match.group(2)))
            target = self.resolve(page, href) if href is not None else None
            if target is None or target.url is None:
                return match.group(0)
            return match.group(1) + html.escape(target.url) + match.group(3)

        def image(match: re.Match[str]) -> str:
            src = html.unescape(match.group(1))
            file = self.image(page, src)
            if file is None:
                return ""  # out of content/: never loaded
            url = html.escape(_relative(quote(file), page))
            return match.group(0).replace(f'src="{match.group(1)}"', f'src="{url}"', 1)

        text = _IMG.sub(image, _HREF.sub(link, page.rendered.html))
        if text == page.rendered.html:
            return page
        return dataclasses.replace(page, rendered=dataclasses.replace(page.rendered, html=text))


def _folder(path: PurePosixPath) -> str:
    text = path.as_posix()
    return "" if text == "." else text


def _join(here: str, raw: str) -> str | None:
    """`raw` read from the folder `here` (both relative to content/; "/..." from content/
    itself), or None when it leads out of content/."""
    joined = posixpath.normpath(raw.lstrip("/") if raw.startswith("/") else f"{here}/{raw}")
    joined = "" if joined == "." else joined.lstrip("/")
    if joined == ".." or joined.startswith("../"):
        return None
    return joined


def _relative(output: str, page: Page) -> str:
    """`output` (a path in the site) as a link from `page`'s address."""
    return _relpath(output, page.folder.rstrip("/") or ".")


@functools.lru_cache(maxsize=4096)
def _relpath(output: str, start: str) -> str:
    """posixpath.relpath, kept: each page's links are resolved twice (checked, then
    rewritten), and relpath asks the system for the working folder every time."""
    return posixpath.relpath(output, start)


def _as_rendered(href: str) -> str:
    """The href as render_markdown writes it (other.md -> other.html, #main -> #content-main)."""
    linked = page_link(href)
    path, hash_, anchor = linked.partition("#")
    if not hash_ or not anchor or not is_local(linked):
        return linked
    return path + hash_ + content_id(anchor)


def at(page: Page, needle: str, code: str, message: str, hint: str) -> Finding:
    """A warning on the line of the page's file where `needle` first appears."""
    try:
        text = page.file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    before = text[: max(text.find(needle), 0)]
    return Finding(page.source, before.count("\n") + 1, 1, code, message, hint, Severity.WARNING)


def link_findings(links: Links, page: Page) -> list[Finding]:
    """A warning for each link to a page or heading that is not there, and each image
    that cannot be shown, on the line of the page's file where it is written."""
    findings = []
    for href in page.rendered.links:
        target = links.resolve(page, href)
        if target is None:
            continue
        if not target.found:
            findings.append(
                at(page, href, "GS301",
                   _("link to a page that does not exist: {href}").format(href=href),
                   _("check the file name; a link is read from the page's own folder in "
                     "content/, e.g. other-page.md or ../other-folder/page.md"))
            )  # fmt: skip
        elif (
            target.page is not None
            and target.anchor
            and (target.anchor not in target.page.rendered.anchors)
        ):
            findings.append(
                at(page, href, "GS302",
                   _("'{page}' has no heading '#{anchor}'").format(
                       page=target.page.source, anchor=target.anchor),
                   _("anchors are the heading in lower case with hyphens for spaces"))
            )  # fmt: skip
    for src in page.rendered.images:
        findings += _image_findings(links, page, src)
    return findings


def _image_findings(links: Links, page: Page, src: str) -> list[Finding]:
    file = links.image(page, src) if is_local(src) or _climbs(src) else None
    if file is None:
        return [
            at(page, src, "GS303",
               _("image from outside the site was removed: {src}").format(src=src),
               _("put the image in content/ beside the page and link it by its file name"))
        ]  # fmt: skip
    on_disk = links.folder / file
    unshown = on_disk.suffix.lower() not in IMAGE_SUFFIXES and on_disk.is_file()
    if file not in links.images and unshown:
        return [
            at(page, src, "GS303",
               _("not an image the site can show: {src}").format(src=src),
               _("save it as PNG, JPEG, GIF, WebP or SVG and link that file"))
        ]  # fmt: skip
    if file not in links.images:
        return [
            at(page, src, "GS303", _("image not found in content/: {src}").format(src=src),
               _("add the file to content/ or correct its name"))
        ]  # fmt: skip
    problem = image_problem(on_disk)
    if problem is None:
        return []
    return [
        # NOTE: {problem} says what is wrong with the file, e.g. "the file is empty".
        at(page, src, "GS303",
           _("image {src} cannot be shown: {problem}").format(src=src, problem=problem),
           _("save the image again as PNG or JPEG; until then pages are made without it"))
    ]  # fmt: skip


def _climbs(src: str) -> bool:
    """A relative path that goes up folders first (../images/x.png), then stays local."""
    rest = src
    while rest.startswith("../"):
        rest = rest[3:]
    return rest != src and is_local(rest)
