"""The handout pages of content/: read, validated and rendered, with a finding (file, line,
what, how to fix) for everything wrong. A page that cannot be read is left out of the site;
a page, image or folder that leads into client data is left out unread, and is an error;
every other problem is a warning, so a normal build goes on and `--strict` stops.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from goalsheet.findings import Finding, GoalsheetError, Severity, display_path
from goalsheet.language.messages import _
from goalsheet.model.page import PageMeta
from goalsheet.project.validate import validate
from goalsheet.read.contained import contained
from goalsheet.read.markdown_source import PageSource, read_page
from goalsheet.read.private_paths import PrivatePlaces, Reached
from goalsheet.read.yaml_source import SourceMap
from goalsheet.render.markdown import Rendered, content_id, is_local, page_link
from goalsheet.render.markdown_limits import PageTooComplex
from goalsheet.site.cache import MarkdownCache
from goalsheet.site.image_files import image_problem

CONTENT_DIR = "content"
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg"}
_SLUG_CHARS = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Page:
    """One page of the site. `id` is its path in the site without ".html" ("smart-goals",
    "anxiety/panic", "es/smart-goals", "guide/install"): unique, and the key other code
    finds a page by."""

    id: str
    source: str  # the file, relative to the project, for messages
    file: Path
    meta: PageMeta
    title: str
    rendered: Rendered
    body_line: int
    front: SourceMap  # where each front matter value sits (empty without front matter)
    lang: str | None = None  # the language of its text (language folder or `lang:`); None:
    # the site's
    section: str | None = None  # its navigation group: `section:`, else its folder's title
    original: str = ""  # the id of the page it translates, else its own id

    @property
    def output(self) -> str:
        return f"{self.id}.html"

    @property
    def slug(self) -> str:
        """The last part of the id (the file's own name in the URL)."""
        return self.id.rpartition("/")[2]

    @property
    def folder(self) -> str:
        """The folders before the slug in the id, with a trailing slash ("" at the top)."""
        return self.id[: len(self.id) - len(self.slug)]

    @property
    def summary(self) -> str:
        return self.meta.summary or ""


@dataclass(frozen=True)
class Content:
    pages: list[Page]  # in reading order
    images: list[str]  # image files under content/, relative to it
    findings: list[Finding]


def load_content(
    root: Path,
    worksheets: set[str],
    cache: MarkdownCache | None = None,
    name: str = CONTENT_DIR,
    output_folder: str = "",
    private: PrivatePlaces | None = None,
) -> Content:
    """Every page under content/ (or the folder `name`), and findings about them.
    `worksheets` are the IDs that exist, so a page's `worksheets:` can be checked; pages are
    written under `output_folder` in the site. Nothing that is or leads into the project's
    `private` places (client data) is read: each such file or folder is an error."""
    folder = root / name
    places = private or PrivatePlaces(root)
    findings: list[Finding] = []
    pages: list[Page] = []
    reached = places.reaches(folder)
    if reached is not None:
        return Content([], [], [private_finding(folder, root, reached)])
    files = sorted(folder.glob("*.md")) if folder.is_dir() else []
    files = [file for file in files if not _leads_to_private(file, root, places, findings)]
    outside = [file for file in files if not contained(file, [root])]
    for file in outside:
        findings.append(
            Finding(
                display_path(file, root),
                1,
                1,
                "GS309",
                _(
                    "the page is a link to a file outside the project (or not a regular file); "
                    "it is not read"
                ),
                _("copy the page into content/ instead of linking to it"),
                Severity.WARNING,
            )
        )
    files = [file for file in files if file not in outside]
    cache = cache or MarkdownCache(None)
    sources = [(file, _read(file, display_path(file, root), findings)) for file in files]
    readable = [(file, *source) for file, source in sources if source is not None]
    bodies = cache.render_all([source.body for _, source, _ in readable])
    for (file, source, meta), rendered in zip(readable, bodies, strict=True):
        if isinstance(rendered, PageTooComplex):
            findings.append(_too_complex(source, rendered))
            continue
        findings.extend(_renamed_ids(source, rendered))
        pages.append(_page(file, source, meta, rendered, findings, output_folder))
    images = _images(folder, root, places, findings)
    pages = _unique(pages, findings)
    pages.sort(key=lambda p: (p.meta.order, p.title.lower()))
    by_name = {PurePosixPath(p.source).name: p for p in pages} | {p.output: p for p in pages}
    for page in pages:
        findings.extend(_link_findings(page, by_name, set(images), worksheets))
    ids = {page.id for page in pages}
    for page in pages:
        original = page.meta.translation_of
        if original is not None and original not in ids:
            findings.append(
                page.front.finding(
                    ("translation_of",),
                    "GS310",
                    _("translation_of: there is no page '{slug}'").format(slug=original),
                    _("give the slug of the original page (its file name without .md)"),
                    Severity.WARNING,
                )
            )
    return Content(pages, images, sorted(findings))


def _images(folder: Path, root: Path, places: PrivatePlaces, findings: list[Finding]) -> list[str]:
    """The image files under `folder`, relative to it. Links to folders are not walked
    into; a folder or image that is or leads into client data is left out, with an error."""
    images: list[str] = []
    if not folder.is_dir():
        return images
    for top, dirs, files in os.walk(folder):
        here = Path(top)
        for name in sorted(dirs):
            if _leads_to_private(here / name, root, places, findings):
                dirs.remove(name)
        for name in files:
            file = here / name
            if file.suffix.lower() not in IMAGE_SUFFIXES:
                continue
            if _leads_to_private(file, root, places, findings):
                continue
            if contained(file, [root]):
                images.append(PurePosixPath(file.relative_to(folder)).as_posix())
    return sorted(images)


def _leads_to_private(
    path: Path, root: Path, places: PrivatePlaces, findings: list[Finding]
) -> bool:
    """Whether `path` is or leads into client data; if so, an error says where."""
    reached = places.reaches(path)
    if reached is not None:
        findings.append(private_finding(path, root, reached))
    return reached is not None


def private_finding(path: Path, root: Path, reached: Reached) -> Finding:
    """An error naming the file or folder (as the user wrote it, links not followed) and
    the private place it leads to; nothing is read from there."""
    shown = Path(os.path.relpath(os.path.abspath(path), os.path.abspath(root))).as_posix()
    if reached.hard_link:
        # NOTE: {path} is a file in content/; {place} the file in goalsheets/ (or private/)
        # that is the same file under another name.
        message = _("{path} is a hard link to {place}, which is client data; it is not read")
    else:
        # NOTE: {path} is a file or folder in content/ (or a link there); {place} where it
        # leads: goalsheets/, private/, the cache, or an entries/ or scans/ folder.
        message = _("{path} leads to {place}, which is client data; it is not read")
    return Finding(
        shown,
        1,
        1,
        "GS311",
        message.format(path=shown, place=reached.place),
        _(
            "nothing from goalsheets/, private/, the cache or an entries/ or scans/ folder "
            "may be published: remove the link, or put a file of its own in content/"
        ),
        Severity.ERROR,
    )


def slug_of(file: Path) -> str:
    return _SLUG_CHARS.sub("-", file.stem.lower()).strip("-") or "page"


def _read(file: Path, display: str, findings: list[Finding]) -> tuple[PageSource, PageMeta] | None:
    """The page's text and front matter, or None (and findings) when it cannot be used."""
    try:
        source = read_page(file, display)
        meta = validate(PageMeta, source.front) if source.front is not None else PageMeta()
    except GoalsheetError as error:
        findings.extend(
            Finding(
                f.path,
                f.line,
                f.column,
                f.code,
                f.message,
                _("{hint}; the page is left out of the site until fixed").format(hint=f.hint)
                if f.hint
                else _("the page is left out of the site until fixed"),
            )
            for f in error.findings
        )
        return None
    return source, meta


def _too_complex(source: PageSource, problem: PageTooComplex) -> Finding:
    """A page over a conversion limit is left out of the site, as an unreadable one is."""
    message, hint = problem.describe()
    line = source.body_line + problem.line - 1
    hint = _("{hint}; the page is left out of the site until fixed").format(hint=hint)
    return Finding(source.path, line, 1, "GS313", message, hint)


def _renamed_ids(source: PageSource, rendered: Rendered) -> list[Finding]:
    """An id the site uses itself is renamed in the page, so links from elsewhere miss it."""
    findings = []
    for value in rendered.renamed:
        written = re.search(rf"""\bid\s*=\s*["']?{re.escape(value)}\b|#{re.escape(value)}\b""",
                            source.body)  # fmt: skip
        at = written.start() if written is not None else source.body.find(value)
        line = source.body_line + source.body[: max(at, 0)].count("\n")
        findings.append(
            _warning(
                source,
                line,
                "GS314",
                # NOTE: {id} is an HTML id from the page, {new} the id the site gives it.
                _("the id '{id}' is one the site uses itself; on the page it is '{new}'").format(
                    id=value, new=content_id(value)
                ),
                _(
                    "give the element another id (links in the site to '#{id}' are changed too)"
                ).format(id=value),
            )
        )
    return findings


def _page(
    file: Path,
    source: PageSource,
    meta: PageMeta,
    rendered: Rendered,
    findings: list[Finding],
    output_folder: str,
) -> Page:
    title = meta.title or rendered.title
    if title is None:
        findings.append(
            _warning(
                source,
                1,
                "GS307",
                _("the page has no title"),
                _("add 'title:' to its front matter or start it with a '# Heading'"),
            )
        )
        title = file.stem.replace("-", " ").capitalize()
    front = source.front.source if source.front is not None else SourceMap(source.path)
    page_id = output_folder + (meta.slug or slug_of(file))
    return Page(
        page_id,
        source.path,
        file,
        meta,
        title,
        rendered,
        source.body_line,
        front,
        lang=meta.lang,
        section=meta.section,
        original=meta.translation_of or page_id,
    )


def _unique(pages: list[Page], findings: list[Finding]) -> list[Page]:
    seen: dict[str, Page] = {}
    for page in pages:
        if page.id in seen:
            findings.append(
                Finding(
                    page.source,
                    1,
                    1,
                    "GS304",
                    _("two pages would both be {output} (the other is {other})").format(
                        output=page.output, other=seen[page.id].source
                    ),
                    _("give one of them a different file name or 'slug:'"),
                    Severity.WARNING,
                )
            )
            continue
        seen[page.id] = page
    return list(seen.values())


def _link_findings(
    page: Page, by_name: dict[str, Page], images: set[str], worksheets: set[str]
) -> list[Finding]:
    """`by_name` finds a page by its file name (other.md) or its output (other.html)."""
    findings = []
    for href in page.rendered.links:
        path, _hash, anchor = href.partition("#")
        if not is_local(href) or href.startswith(("mailto:", "tel:")):
            continue
        if path == "":
            target: Page | None = page
        else:
            target = by_name.get(path) or by_name.get(page_link(path))
        if target is None:
            findings.append(
                _at(page, href, "GS301",
                    _("link to a page that does not exist: {href}").format(href=href),
                    _("check the file name in content/ (links are written as other-page.md)"))
            )  # fmt: skip
        elif anchor and anchor not in target.rendered.anchors:
            findings.append(
                _at(page, href, "GS302",
                    _("'{page}' has no heading '#{anchor}'").format(
                        page=target.source, anchor=anchor),
                    _("anchors are the heading in lower case with hyphens for spaces"))
            )  # fmt: skip
    for src in page.rendered.images:
        if not is_local(src):
            findings.append(
                _at(page, src, "GS303",
                    _("image from outside the site was removed: {src}").format(src=src),
                    _("put the image in content/ beside the page and link it by its file name"))
            )  # fmt: skip
        elif src.split("#")[0] not in images and _unshown_type(page, src):
            findings.append(
                _at(page, src, "GS303",
                    _("not an image the site can show: {src}").format(src=src),
                    _("save it as PNG, JPEG, GIF, WebP or SVG and link that file"))
            )  # fmt: skip
        elif src.split("#")[0] not in images:
            findings.append(
                _at(page, src, "GS303", _("image not found in content/: {src}").format(src=src),
                    _("add the file to content/ or correct its name"))
            )  # fmt: skip
        elif (problem := image_problem(page.file.parent / src.split("#")[0])) is not None:
            findings.append(
                # NOTE: {problem} says what is wrong with the file, e.g. "the file is empty".
                _at(page, src, "GS303",
                    _("image {src} cannot be shown: {problem}").format(src=src, problem=problem),
                    _("save the image again as PNG or JPEG; until then pages are made without it"))
            )  # fmt: skip
    for index, name in enumerate(page.meta.worksheets):
        if name not in worksheets:
            findings.append(
                page.front.finding(
                    ("worksheets", index),
                    "GS305",
                    _("unknown worksheet '{name}'").format(name=name),
                    _("`goalsheet list worksheets` lists the IDs"),
                    Severity.WARNING,
                )
            )
    return findings


def _unshown_type(page: Page, src: str) -> bool:
    """A file that is there, of a type the site does not publish (x.bmp, notes.txt)."""
    file = page.file.parent / src.split("#")[0]
    return file.suffix.lower() not in IMAGE_SUFFIXES and file.is_file()


def _at(page: Page, needle: str, code: str, message: str, hint: str) -> Finding:
    """A warning on the line of the page's file where `needle` first appears."""
    try:
        text = page.file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    before = text[: max(text.find(needle), 0)]
    return Finding(page.source, before.count("\n") + 1, 1, code, message, hint, Severity.WARNING)


def _warning(source: PageSource, line: int, code: str, message: str, hint: str) -> Finding:
    return Finding(source.path, line, 1, code, message, hint, Severity.WARNING)
