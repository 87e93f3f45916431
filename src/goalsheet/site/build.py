"""Write the HTML site into site/: pages, listings, assets and images, then the search index.

The HTML is rendered in this process (it is fast); the handout PDFs are jobs for the build's
process pool. Only content/, the practice's settings, its logo and goalsheet's own assets
are read: nothing from goalsheets/ can reach site/.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from goalsheet.findings import Finding, Severity, display_path
from goalsheet.language.messages import _
from goalsheet.orphans import die_with_parent_after_exec
from goalsheet.output_record import recorded, remember
from goalsheet.project import Project
from goalsheet.read.contained import contained
from goalsheet.read.private_paths import CACHE as CACHE_DIR
from goalsheet.read.private_paths import PrivatePlaces
from goalsheet.render.environment import template_dirs
from goalsheet.resources import builtin_dir
from goalsheet.site.content import CONTENT_DIR
from goalsheet.site.policy import with_policy
from goalsheet.site.render import ASSETS_DIR, HANDOUTS_DIR, Fresh, Keys, SiteRequest, render_site
from goalsheet.site.search_pages import search_copy
from goalsheet.site.svg_images import published
from goalsheet.write import write_bytes_atomic, write_text_atomic

LOGO_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg"}
PAGEFIND_SECONDS = 300
MEMORY_FOLDER = "/dev/shm"  # Linux's folder in memory (tmpfs)


def site_assets() -> list[str]:
    """The site's own files (styles, scripts, icons): every file in goalsheet's
    templates/site/assets/; a practice's templates/ may replace any of them."""
    folder = builtin_dir("templates") / "site" / ASSETS_DIR
    return sorted(file.name for file in folder.iterdir() if file.is_file())


@dataclass(frozen=True)
class SiteResult:
    written: list[str]  # every file of the site, relative to its folder
    keys: dict[str, str]  # each page's key (site/keys: pipeline/keys.py), fresh or rendered


def logo_url(project: Project) -> tuple[str | None, list[Finding]]:
    """Where the practice's logo goes in the site, or a finding if it cannot be used."""
    logo = project.config.practice.logo
    if not logo:
        return None, []
    reached = PrivatePlaces(project.root, project.config.output.private).reaches(
        project.root / logo
    )
    if reached is not None:
        # NOTE: {logo} is the path given in goalsheet.yaml; {place} the private file or
        # folder it is in or leads to (goalsheets/, private/, an entries/ or scans/ folder).
        message = _("the logo '{logo}' leads to {place}, which is client data; it is not read")
        hint = _(
            "put the practice's logo in the project outside goalsheets/ and private/ "
            "(e.g. content/logo.png) and give its path"
        )
        where = ("practice", "logo")
        text = message.format(logo=logo, place=reached.place)
        return None, [project.config_source.finding(where, "GS312", text, hint)]
    file = (project.root / logo).resolve()
    inside = file.is_relative_to(project.root.resolve())
    if not inside or not file.is_file() or file.suffix.lower() not in LOGO_SUFFIXES:
        message = (
            _("the logo '{logo}' is outside the project; the site is built without it")
            if not inside
            else _("the logo '{logo}' is not an image file here; the site is built without it")
        )
        finding = project.config_source.finding(
            ("practice", "logo"),
            "GS306",
            message.format(logo=logo),
            _("put a PNG, JPEG or SVG in the project (e.g. content/logo.png) and give its path"),
            Severity.WARNING,
        )
        return None, [finding]
    return f"{ASSETS_DIR}/logo{file.suffix.lower()}", []


def write_site(
    request: SiteRequest, project: Project, out: Path, keys: Keys, fresh: Fresh
) -> SiteResult:
    """Render and write every text file, the assets and the images. A page `fresh` says
    is up to date (its key, from `keys`, as when it was last written, and the file still
    there) is not rendered again. The caller records the keys and indexes for search."""

    def write(path: str, text: str) -> None:
        _write_if_changed(out / path, _page_bytes(path, text))

    rendered = render_site(request, keys, fresh, write)
    files: dict[str, bytes] = {
        path: _page_bytes(path, text) for path, (_, text) in rendered.items() if text is not None
    }
    for name in site_assets():
        files[f"{ASSETS_DIR}/{name}"] = _builtin_asset(project.root, name).read_bytes()
    copies: dict[str, Path] = {image: project.root / CONTENT_DIR / image
                               for image in request.content.images}  # fmt: skip
    if request.logo is not None and project.config.practice.logo:
        copies[request.logo] = project.root / project.config.practice.logo
    for path, source in copies.items():
        # An SVG is rebuilt safe, or left out; site_findings (plan.py) gives its warning.
        data, _warnings = published(source, project.root)
        if data is not None:
            files[path] = data
    for path, data in files.items():
        _write_if_changed(out / path, data)
    remember(project.root, [out / path for path in files])  # so `build --clean` knows them
    _remove_stale_copies(out, project.root, set(files))
    _remove_stale_handouts(out, {p.id for p in request.content.pages})
    page_keys = {path: key for path, (key, _) in rendered.items() if key}
    return SiteResult(list(rendered) + [p for p in files if p not in rendered], page_keys)


def _page_bytes(path: str, text: str) -> bytes:
    """A page as written: HTML always with a Content-Security-Policy (site/policy.py)."""
    return (with_policy(text) if path.endswith(".html") else text).encode()


def _remove_stale_handouts(out: Path, ids: set[str]) -> None:
    """Remove the handout PDF of a page that no longer exists (whichever build or shard
    made it), in handouts/ and its sub-folders (handouts/anxiety/panic.pdf is the page
    "anxiety/panic"). Nothing else in site/ is touched; links are not walked into."""
    handouts = out / HANDOUTS_DIR
    if handouts.is_dir() and not handouts.is_symlink():
        for pdf in handouts.rglob("*.pdf"):
            if pdf.relative_to(handouts).with_suffix("").as_posix() not in ids:
                with contextlib.suppress(OSError):
                    pdf.unlink()


def _remove_stale_copies(out: Path, root: Path, written: set[str]) -> None:
    """Remove images and logos an earlier build copied that this one did not: a content/
    image removed or now refused (a link into client data, say), an old logo. Only what
    goalsheet recorded copying, a copy of a content/ file still there, or a logo."""
    site = Path(os.path.relpath(os.path.abspath(out), os.path.abspath(root))).as_posix()
    candidates = {
        PurePosixPath(path).relative_to(site).as_posix()
        for path in recorded(root)
        if PurePosixPath(path).is_relative_to(site)
    }
    for top, dirs, names in os.walk(out):
        dirs[:] = [name for name in dirs if not name.startswith((".", "pagefind"))]
        for name in names:
            path = (Path(top) / name).relative_to(out).as_posix()
            copied = os.path.lexists(root / CONTENT_DIR / path)
            logo = path.startswith(f"{ASSETS_DIR}/logo.")
            if PurePosixPath(name).suffix.lower() in LOGO_SUFFIXES and (copied or logo):
                candidates.add(path)
    inside = out.resolve()
    for path in candidates - written:
        with contextlib.suppress(OSError):
            if PurePosixPath(path).suffix.lower() not in LOGO_SUFFIXES:
                continue
            if (out / path).parent.resolve().is_relative_to(inside):  # no link out of site/
                (out / path).unlink()  # a link is removed itself, never what it points to


def _write_if_changed(target: Path, data: bytes) -> None:
    """Leave a file that already holds `data` alone (its date too); else write atomically."""
    with contextlib.suppress(OSError):
        if target.stat().st_size == len(data) and target.read_bytes() == data:
            return
    write_bytes_atomic(target, data, sync=False)


def index_for_search(out: Path, root: Path) -> list[Finding]:
    """Run Pagefind over the site, unless no HTML page changed since it last did; a failure
    is a warning (the site works without search)."""
    stamp = root / CACHE_DIR / "pagefind.sha256"
    pages = hashlib.sha256()
    html: dict[str, bytes] = {}
    for page in sorted(out.rglob("*.html")):
        if "pagefind" not in page.relative_to(out).parts:
            html[page.relative_to(out).as_posix()] = data = page.read_bytes()
            pages.update(page.relative_to(out).as_posix().encode() + b"\0" + data)
    digest = pages.hexdigest()
    with contextlib.suppress(OSError):
        if (out / "pagefind" / "pagefind.js").is_file() and stamp.read_text() == digest:
            return []
    with _scratch() as scratch:
        copies = _search_copies(Path(scratch), html) if scratch else None
        findings = _run_pagefind(out, root, copies or out)
    if not findings:
        with contextlib.suppress(OSError):
            write_text_atomic(stamp, digest, sync=False)
    return findings


def _scratch() -> contextlib.AbstractContextManager[str | None]:
    """A private folder in memory (/dev/shm), removed afterwards, for the pages as Pagefind
    is given them; None where the system has none: written on disk, the copies cost more
    (~45 ms) than Pagefind saves on them (~25 ms), so site/ is indexed itself."""
    try:
        if os.path.isdir(MEMORY_FOLDER) and os.access(MEMORY_FOLDER, os.W_OK):
            return tempfile.TemporaryDirectory(
                prefix="goalsheet-search-", dir=MEMORY_FOLDER, ignore_cleanup_errors=True
            )
    except OSError:
        pass
    return contextlib.nullcontext(None)


def _search_copies(folder: Path, html: dict[str, bytes]) -> Path | None:
    """The pages as Pagefind is given them (site/search_pages.py), written into `folder`;
    None (index site/ itself) where they cannot be written."""
    made: set[Path] = set()
    try:
        for path, data in html.items():
            target = folder / path
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            target.write_bytes(search_copy(data))
    except OSError:
        return None
    return folder


def _run_pagefind(out: Path, root: Path, pages: Path) -> list[Finding]:
    """A fresh bundle of the pages in `pages` (site/ or copies of its HTML), made beside
    the old one and swapped in, so fragments of pages that are gone do not stay behind and
    an interrupted run leaves the old search working."""
    fresh, old = out / ".pagefind-new", out / ".pagefind-old"
    for folder in (fresh, old):
        shutil.rmtree(folder, ignore_errors=True)
    command = [*_pagefind(), "--site", str(pages), "--output-path", str(fresh), "--silent"]
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=PAGEFIND_SECONDS, check=False,
            preexec_fn=die_with_parent_after_exec,  # a build killed outright stops indexing too
        )  # fmt: skip
    except (OSError, subprocess.TimeoutExpired) as error:
        shutil.rmtree(fresh, ignore_errors=True)
        return [_search_warning(out, root, str(error))]
    if result.returncode != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        return [_search_warning(out, root, (result.stderr or result.stdout).strip()[-300:])]
    with contextlib.suppress(FileNotFoundError):
        (out / "pagefind").rename(old)
    fresh.rename(out / "pagefind")
    shutil.rmtree(old, ignore_errors=True)
    return []


def _pagefind() -> list[str]:
    """Pagefind's own binary (from `pagefind[bin]`): no second Python to start."""
    try:
        # optional: pagefind[bin]'s binary where installed, else `python -m pagefind`
        from pagefind_bin import get_executable  # type: ignore[import-untyped]

        return [str(get_executable())]
    except (ImportError, FileNotFoundError):
        return [sys.executable, "-m", "pagefind"]


def _search_warning(out: Path, root: Path, why: str) -> Finding:
    return Finding(
        display_path(out, root),
        1,
        1,
        "GS308",
        _("the search index could not be built: {why}").format(why=why),
        _("reinstall goalsheet (it brings Pagefind); the site works without search"),
        Severity.WARNING,
    )


def _builtin_asset(root: Path, name: str) -> Path:
    """The practice's own templates/site/assets/NAME if it has one, else the built-in."""
    for folder in template_dirs(root):
        candidate = folder / "site" / ASSETS_DIR / name
        if contained(candidate, [folder]):
            return candidate
    raise FileNotFoundError(name)
