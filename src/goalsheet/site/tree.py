"""The Markdown files of content/, found in its sub-folders, and where each is published.

content/anxiety/panic.md is the page "anxiety/panic" (anxiety/panic.html); a folder's
index.md (or README.md) is its landing page, "anxiety/index"; folder and file names become
URL parts as `url_part` makes them ("Sleep and Rest" -> "sleep-and-rest"). A top-level
folder named by a language code (es, fr...) holds pages in that language, published under
es/... A link to a folder is not walked into (so a folder that links to itself cannot loop
the walk), and nothing that is or leads into client data is read.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from goalsheet.findings import Finding, Severity
from goalsheet.language.messages import _
from goalsheet.model.page import AUDIENCES
from goalsheet.read.contained import contained
from goalsheet.read.private_paths import PrivatePlaces, Reached

PAGE_SUFFIX = ".md"
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg"})
INDEX_NAMES = ("index.md", "readme.md")  # a folder's landing page, as in MkDocs
INDEX = "index"
LANGUAGE_FOLDER = re.compile(r"[a-z]{2}\Z")
_URL_CHARS = re.compile(r"[^a-z0-9]+")
# What the site makes itself at its top and at the top of each language folder (see
# site/render.py): a page there would be overwritten by it, or lost with the search bundle.
SITE_PAGES = frozenset({"search", "worksheets", "404", *(f"for-{a}" for a in AUDIENCES)})
SITE_FOLDERS = ("tags", "pagefind")


@dataclass(frozen=True)
class PageFile:
    """A Markdown file of content/, as the walk found it (links not followed)."""

    file: Path
    path: PurePosixPath  # relative to content/, as on disk: "Anxiety/panic attacks.md"

    @property
    def is_index(self) -> bool:
        return self.path.name.lower() in INDEX_NAMES

    @property
    def language(self) -> str | None:
        """The language code of the language folder the file is in, if it is in one."""
        first = self.path.parts[0] if len(self.path.parts) > 1 else ""
        return first if LANGUAGE_FOLDER.match(first) else None

    @property
    def folder(self) -> PurePosixPath:
        return self.path.parent

    def page_id(self, slug: str | None, output_folder: str = "") -> str:
        """Where the page is published, without ".html": its folders' URL parts, then its
        own (`slug:` from its front matter if it has one, else its file name's)."""
        folders = [url_part(name) for name in self.folder.parts]
        own = slug or (INDEX if self.is_index else url_part(self.path.stem))
        return output_folder + "/".join([*folders, own])


def taken(page_id: str) -> bool:
    """Whether the site makes a file of its own where this page would be published."""
    parts = page_id.split("/")
    if len(parts) > 1 and LANGUAGE_FOLDER.match(parts[0]):
        parts = parts[1:]
    return (len(parts) == 1 and parts[0] in SITE_PAGES) or (
        len(parts) > 1 and parts[0] in SITE_FOLDERS
    )


def url_part(name: str, empty: str = "page") -> str:
    """A folder, file or tag name as a part of a URL: lower case, words joined by hyphens,
    letters without their accents ("Ansiedad y pánico" -> "ansiedad-y-panico"); `empty`
    when nothing of it is left."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return _URL_CHARS.sub("-", plain.lower()).strip("-") or empty


def readable(name: str) -> str:
    """A folder's name as a section title: "sleep-and-rest" -> "Sleep and rest"."""
    words = re.sub(r"[-_]+", " ", name).strip()
    return words[:1].upper() + words[1:] if words else name


def walk(
    folder: Path, root: Path, places: PrivatePlaces, findings: list[Finding]
) -> tuple[list[PageFile], list[str]]:
    """Every Markdown file under `folder` and every image (relative to it), in a stable
    order, from one walk. A folder or file that leads into client data is left out unread,
    with an error; a link to a folder is not walked into, with a warning; an image that is
    a link out of the project is left out; hidden folders and files (".git", ".obsidian")
    are skipped."""
    pages: list[PageFile] = []
    images: list[str] = []
    for top, dirs, files in os.walk(folder):
        here = Path(top)
        for name in sorted(dirs):
            path = here / name
            if name.startswith(".") or leads_to_private(path, root, places, findings):
                dirs.remove(name)
            elif path.is_symlink():
                dirs.remove(name)
                findings.append(_linked_folder(path, root))
        dirs.sort()
        for name in sorted(files):
            file = here / name
            suffix = PurePosixPath(name).suffix.lower()
            if name.startswith(".") or suffix not in {PAGE_SUFFIX, *IMAGE_SUFFIXES}:
                continue
            if leads_to_private(file, root, places, findings):
                continue
            relative = PurePosixPath(file.relative_to(folder).as_posix())
            if suffix == PAGE_SUFFIX:
                pages.append(PageFile(file, relative))
            elif contained(file, [root]):
                images.append(relative.as_posix())
    return pages, sorted(images)


def leads_to_private(
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


def _linked_folder(path: Path, root: Path) -> Finding:
    """The link named as the user wrote it (not where it leads, which may be /proc)."""
    shown = Path(os.path.relpath(os.path.abspath(path), os.path.abspath(root))).as_posix()
    return Finding(
        shown,
        1,
        1,
        "GS309",
        _("the folder is a link to another folder; its pages are not read"),
        _("move or copy the folder into content/ instead of linking to it"),
        Severity.WARNING,
    )
