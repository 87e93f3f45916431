"""The handout pages of content/ and its sub-folders: read, validated and rendered, with a
finding (file, line, what, how to fix) for everything wrong. A page that cannot be read is
left out of the site; a page, image or folder that leads into client data is left out
unread, and is an error; every other problem is a warning, so a normal build goes on and
`--strict` stops. Where each file is published is site/tree.py's; links between pages are
site/links.py's; front matter written for other tools is site/front_matter.py's.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from goalsheet.findings import Finding, GoalsheetError, Severity, display_path
from goalsheet.language.messages import _
from goalsheet.model.page import PageMeta
from goalsheet.read.contained import contained
from goalsheet.read.markdown_source import PageSource, read_page
from goalsheet.read.private_paths import PrivatePlaces
from goalsheet.read.yaml_source import SourceMap
from goalsheet.render.markdown import Rendered, content_id
from goalsheet.render.markdown_limits import PageTooComplex
from goalsheet.site.cache import MarkdownCache
from goalsheet.site.front_matter import page_meta
from goalsheet.site.links import Links, link_findings
from goalsheet.site.page import Page
from goalsheet.site.tree import (
    IMAGE_SUFFIXES,
    INDEX,
    PageFile,
    private_finding,
    readable,
    taken,
    walk,
)

__all__ = ["CONTENT_DIR", "IMAGE_SUFFIXES", "Content", "Page", "load_content", "private_finding"]

CONTENT_DIR = "content"


@dataclass(frozen=True)
class Content:
    pages: list[Page]  # in reading order
    images: list[str]  # image files under content/, relative to it
    findings: list[Finding]
    # content/index.md (and es/index.md...): the introduction of the home page of the site
    # (and of each language's), not a page of its own: index.html is the home page.
    homes: tuple[Page, ...] = ()

    @property
    def home(self) -> Page | None:
        """content/index.md, the home page's introduction, if the project has one."""
        return next((page for page in self.homes if page.id == INDEX), None)


def load_content(
    root: Path,
    worksheets: set[str],
    cache: MarkdownCache | None = None,
    name: str = CONTENT_DIR,
    output_folder: str = "",
    private: PrivatePlaces | None = None,
) -> Content:
    """Every page under content/ (or the folder `name`) and its sub-folders, and findings
    about them. `worksheets` are the IDs that exist, so a page's `worksheets:` can be
    checked; pages are written under `output_folder` in the site. Nothing that is or leads
    into the project's `private` places (client data) is read: each such file or folder is
    an error."""
    folder = root / name
    places = private or PrivatePlaces(root)
    findings: list[Finding] = []
    reached = places.reaches(folder)
    if reached is not None:
        return Content([], [], [private_finding(folder, root, reached)])
    files, images = walk(folder, root, places, findings) if folder.is_dir() else ([], [])
    files = [f for f in files if _inside(f.file, root, findings)]
    cache = cache or MarkdownCache(None)
    sources = [(f, _read(f.file, display_path(f.file, root), findings)) for f in files]
    readable_ = [(f, *source) for f, source in sources if source is not None]
    bodies = cache.render_all([source.body for _, source, _ in readable_])
    made: list[tuple[Page, PageFile]] = []
    for (file, source, meta), rendered in zip(readable_, bodies, strict=True):
        if isinstance(rendered, PageTooComplex):
            findings.append(_too_complex(source, rendered))
            continue
        findings.extend(_renamed_ids(source, rendered))
        made.append((_page(file, source, meta, rendered, findings, output_folder), file))
    pages = _unique([page for page, _ in made], findings)
    files_of = {page.file: file for page, file in made}
    paths = {page.id: files_of[page.file].path for page in pages}
    pages = _placed(pages, {page.id: files_of[page.file] for page in pages}, output_folder)
    links = Links(folder, pages, paths, images)
    for page in pages:
        findings.extend(link_findings(links, page))
        findings.extend(_worksheet_findings(page, worksheets))
    pages = [links.rewrite(page) for page in pages]
    homes = tuple(p for p in pages if output_folder == "" and _is_home(p, files_of[p.file]))
    pages = [page for page in pages if page not in homes]
    if output_folder == "":
        findings.extend(_taken(page) for page in pages if taken(page.id))
        pages = [page for page in pages if not taken(page.id)]
    pages.sort(key=lambda p: (p.meta.order, p.title.lower()))
    findings.extend(_translation_findings(pages))
    return Content(pages, images, sorted(findings), homes)


def _inside(file: Path, root: Path, findings: list[Finding]) -> bool:
    """Whether the page is in the project; a link to a file outside it is a warning."""
    if contained(file, [root]):
        return True
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
    return False


def _taken(page: Page) -> Finding:
    return Finding(
        page.source,
        1,
        1,
        "GS304",
        # NOTE: {output} is where the page would be published, e.g. "search.html".
        _("the site makes {output} itself; the page is left out").format(output=page.output),
        _("give the page another file name, or another address with 'slug:'"),
        Severity.WARNING,
    )


def _is_home(page: Page, file: PageFile) -> bool:
    """content/index.md, or es/index.md at the top of a language folder: the home page's
    introduction (unless `slug:` publishes it as a page of its own)."""
    if not file.is_index:
        return False
    if len(file.path.parts) == 1:
        return page.id == INDEX
    top = file.language
    return top is not None and len(file.path.parts) == 2 and page.id == f"{top}/{INDEX}"


def _placed(pages: list[Page], files: dict[str, PageFile], output_folder: str) -> list[Page]:
    """Each page with its language, navigation section and original: a page in a folder is
    in the section of its top folder (under the language folder, if any), titled by that
    folder's index.md or its name made readable, unless its `section:` says otherwise;
    content/es/x.md translates content/x.md (see `_mirror`), unless `translation_of:` says."""
    by_path = {files[p.id].path.as_posix(): p for p in pages}
    indexes = {files[p.id].folder.as_posix(): p for p in pages if files[p.id].is_index}
    languages = sorted({file.language for file in files.values() if file.language})
    placed = []
    for page in pages:
        file = files[page.id]
        prefix = file.folder.parts[:1] if file.language else ()
        folders = file.folder.parts[len(prefix) :]
        section = page.meta.section
        if section is None and folders:
            index = indexes.get("/".join([*prefix, folders[0]]))
            section = index.title if index is not None else readable(folders[0])
        original = page.meta.translation_of
        if original is not None:
            original = output_folder + original
        elif file.language is not None:
            original = _mirror(file, languages, by_path)
        placed.append(
            dataclasses.replace(
                page,
                lang=page.meta.lang or file.language,
                section=section,
                original=original or page.id,
            )
        )
    return placed


def _mirror(file: PageFile, languages: list[str], by_path: dict[str, Page]) -> str | None:
    """The original of a page in a language folder: the same file in the main tree, else
    in the first language folder (by name) that has it, so every translation of a page
    names the same original (content/en/x.md and content/es/x.md: both "en/x")."""
    rest = PurePosixPath(*file.path.parts[1:])
    for candidate in [rest, *(PurePosixPath(code) / rest for code in languages)]:
        if candidate.as_posix() in by_path:
            return by_path[candidate.as_posix()].id
    return None


def _read(file: Path, display: str, findings: list[Finding]) -> tuple[PageSource, PageMeta] | None:
    """The page's text and front matter, or None (and findings) when it cannot be used.
    A front matter key goalsheet does not know is a warning, and the page is still read."""
    try:
        source = read_page(file, display)
        meta, warnings = page_meta(source)
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
    findings.extend(warnings)
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
    file: PageFile,
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
        named = file.folder.name if file.is_index and file.folder.name else ""  # a landing page
        title = readable(named) if named else file.file.stem.replace("-", " ").capitalize()
    front = source.front.source if source.front is not None else SourceMap(source.path)
    page_id = file.page_id(meta.slug, output_folder)
    return Page(page_id, source.path, file.file, meta, title, rendered, source.body_line, front)


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


def _worksheet_findings(page: Page, worksheets: set[str]) -> list[Finding]:
    return [
        page.front.finding(
            ("worksheets", index),
            "GS305",
            _("unknown worksheet '{name}'").format(name=name),
            _("`goalsheet list worksheets` lists the IDs"),
            Severity.WARNING,
        )
        for index, name in enumerate(page.meta.worksheets)
        if name not in worksheets
    ]


def _translation_findings(pages: list[Page]) -> list[Finding]:
    """`translation_of:` naming a page that is not there."""
    ids = {page.id for page in pages}
    return [
        page.front.finding(
            ("translation_of",),
            "GS310",
            _("translation_of: there is no page '{slug}'").format(slug=page.original),
            _(
                "give the id of the original page: its path in content/ without .md, e.g. "
                "anxiety/panic"
            ),
            Severity.WARNING,
        )
        for page in pages
        if page.meta.translation_of is not None and page.original not in ids
    ]


def _warning(source: PageSource, line: int, code: str, message: str, hint: str) -> Finding:
    return Finding(source.path, line, 1, code, message, hint, Severity.WARNING)
