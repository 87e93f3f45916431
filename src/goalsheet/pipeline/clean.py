"""`build --clean`: remove the site and private output folders, but only when goalsheet
wrote everything in them.

What goalsheet wrote is known from its records: the ledgers (each PDF, report and sheet a
job made, and the site's pages: pipeline/ledger.py) and output_record.py
(assets, logo, images, files written with -o), plus what only goalsheet makes there: the
search index, its temporary files, the site's assets and copies of content/'s images. A
folder that holds anything else (a file a person put there, a link, a device) is left
whole, and nothing at all is removed: the build stops and names what it found.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path, PurePosixPath

from goalsheet.language.messages import ngettext
from goalsheet.output_record import forget, recorded
from goalsheet.pipeline.ledger import SITE_LEDGER
from goalsheet.project import Project
from goalsheet.read import json_text
from goalsheet.read.private_paths import CACHE as CACHE_DIR
from goalsheet.site.build import site_assets
from goalsheet.site.content import CONTENT_DIR, IMAGE_SUFFIXES

SEARCH_DIRS = ("pagefind", ".pagefind-new", ".pagefind-old")  # what Pagefind writes
LOGO = re.compile(r"^assets/logo\.[a-z]+$")
TEMPORARY = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")  # write._temporary's names
SHOWN = 5  # unknown files named in the message


class CleanRefused(Exception):
    """A folder `--clean` would remove holds something goalsheet did not write."""


def clean_outputs(project: Project) -> None:
    """Remove output.site and output.private, or raise CleanRefused and remove nothing."""
    root = project.root
    folders = [project.config.output.site, project.config.output.private]
    known = _written(root, project.config.output.site)
    problems = []
    for folder in folders:
        unknown = _unknown(root, folder, known)
        if unknown:
            problems.append((folder, unknown))
    if problems:
        raise CleanRefused("\n".join(_refusal(folder, unknown) for folder, unknown in problems))
    for folder in folders:
        target = root / folder
        if target.is_symlink():  # a link to a folder inside the project: empty what it holds
            target = target.resolve()
            for child in list(target.iterdir()) if target.is_dir() else []:
                _remove(child)
        elif target.exists():
            _remove(target)
    # The records of what was there go too: a file put there later is nobody's but its own.
    forget(root, folders)
    (root / CACHE_DIR / SITE_LEDGER).unlink(missing_ok=True)


def _written(root: Path, site: str) -> set[str]:
    """Every output path goalsheet has a record of writing, relative to the project."""
    known = set(recorded(root))
    cache = root / CACHE_DIR
    for ledger in [cache / "build.json", *cache.glob("build-shard-*.json")]:
        known.update(_keys(ledger))
    # The site's pages: before issue 20 their record named them relative to the site folder,
    # so a project built by an older goalsheet can still be cleaned without a refusal.
    for page in _keys(cache / SITE_LEDGER):
        known.update((page, f"{site}/{page}"))
    return known


def _keys(record: Path) -> set[str]:
    try:
        data = json_text.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    return {str(key) for key in data} if isinstance(data, dict) else set()


def _unknown(root: Path, folder: str, known: set[str]) -> list[str]:
    """What is in `folder` that goalsheet did not write (links are never followed)."""
    base = (root / folder).resolve() if (root / folder).is_symlink() else root / folder
    if not base.is_dir():
        return [folder] if base.exists() or base.is_symlink() else []
    unknown = []
    for top, dirs, files in os.walk(base):
        here = Path(top)
        for name in [*dirs, *files]:
            path = here / name
            inside = path.relative_to(base).as_posix()
            odd = path.is_symlink() or not (path.is_dir() or path.is_file())  # link, device
            if odd or (path.is_file() and not _goalsheets(root, folder, inside, known)):
                unknown.append(f"{folder}/{inside}")
        dirs[:] = [name for name in dirs if not (here / name).is_symlink()]
    return sorted(unknown)


def _goalsheets(root: Path, folder: str, inside: str, known: set[str]) -> bool:
    """Whether goalsheet wrote the file `inside` (relative to the output `folder`)."""
    if f"{PurePosixPath(folder) / inside}" in known:
        return True
    if TEMPORARY.match(PurePosixPath(inside).name):
        return True
    if PurePosixPath(inside).parts[0] in SEARCH_DIRS or _site_asset(inside):
        return True
    copy = root / CONTENT_DIR / inside  # an image the site copied from content/
    return PurePosixPath(inside).suffix.lower() in IMAGE_SUFFIXES and copy.is_file()


def _site_asset(inside: str) -> bool:
    """The site's own styles, scripts and icons, or the practice's logo."""
    return LOGO.match(inside) is not None or inside in {f"assets/{n}" for n in site_assets()}


def _refusal(folder: str, unknown: list[str]) -> str:
    shown = ", ".join(unknown[:SHOWN]) + (", ..." if len(unknown) > SHOWN else "")
    # NOTE: {folder} is the output folder (site or private); {files} a list of paths in it.
    return ngettext(
        "--clean: {folder}/ holds {n} file goalsheet did not write ({files}); nothing was "
        "removed. Move it out of {folder}/, or remove it yourself. If a build that was "
        "stopped left it, run `goalsheet build` first: it records what it writes.",
        "--clean: {folder}/ holds {n} files goalsheet did not write ({files}); nothing was "
        "removed. Move them out of {folder}/, or remove them yourself. If a build that was "
        "stopped left them, run `goalsheet build` first: it records what it writes.",
        len(unknown),
    ).format(folder=folder, n=len(unknown), files=shown)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)
