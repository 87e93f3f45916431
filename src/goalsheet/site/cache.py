"""A cache of rendered Markdown, so a rebuild converts only the pages that changed.

Each entry is keyed by a hash of goalsheet's version and the page body, and holds only
what the page's own text produced (public content, never client data). Entries a build did
not use are removed afterwards, so the cache never grows beyond the pages there are. Pages
are converted within limits (site/conversion.py); one over a limit is not cached.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path
from typing import Any

from goalsheet import __version__
from goalsheet.read import json_text
from goalsheet.read.private_paths import CACHE as CACHE_DIR  # the one name for the folder
from goalsheet.render.markdown import Rendered, TocEntry, render_markdown
from goalsheet.render.markdown_limits import PageTooComplex
from goalsheet.site.conversion import convert_pages
from goalsheet.write import write_text_atomic

PARALLEL_FROM = 12  # fewer pages to convert than this are quicker done in this process


class MarkdownCache:
    """`write=False` reads entries but adds none (for `check`, which only reads).
    `workers` above 1 converts many uncached pages at once, one process per core."""

    def __init__(self, root: Path | None, *, write: bool = True, workers: int = 1) -> None:
        self.folder = root / CACHE_DIR / "markdown" if root is not None else None
        self.write = write
        self.workers = workers
        self.used: set[str] = set()

    def render(self, body: str) -> Rendered | PageTooComplex:
        return self.render_all([body])[0]

    def render_all(self, bodies: list[str]) -> list[Rendered | PageTooComplex]:
        """Each body as HTML, in order: from the cache where it can, else converted; or
        the limit it broke (a page too deep, too slow or too big to convert)."""
        done: dict[int, Rendered | PageTooComplex] = {}
        keys = [_key(body) for body in bodies]
        for index, key in enumerate(keys):
            cached = self._read(key)
            if cached is not None:
                done[index] = cached
        missing = [index for index in range(len(bodies)) if index not in done]
        converted = self._convert([bodies[index] for index in missing])
        for index, rendered in zip(missing, converted, strict=True):
            done[index] = rendered
        self.used.update(keys)
        return [done[index] for index in range(len(bodies))]

    def _convert(self, bodies: list[str]) -> list[Rendered | PageTooComplex]:
        parallel = self.workers >= 2 and len(bodies) >= PARALLEL_FROM
        if parallel:
            render_markdown("")  # load Markdown and nh3 once, before the workers fork
        return convert_pages(bodies, self._render_and_store, self.workers, parallel)

    def _render_and_store(self, body: str) -> Rendered:
        """Convert a page and cache it, where it was converted: a worker process writes
        its own pages' entries, on its own core, while this process waits for the rest."""
        rendered = render_markdown(body)
        self._store(_key(body), rendered)
        return rendered

    def _read(self, key: str) -> Rendered | None:
        if self.folder is None:
            return None
        try:
            return _from_json(json_text.loads((self.folder / f"{key}.json").read_text("utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _store(self, key: str, rendered: Rendered) -> None:
        if self.folder is None or not self.write:
            return
        with contextlib.suppress(OSError):  # a read-only project builds, uncached
            data = json.dumps(_to_json(rendered))
            write_text_atomic(self.folder / f"{key}.json", data, sync=False)

    def prune(self) -> None:
        """Remove the entries this build did not use, and any half-written entry a worker
        stopped at its page's deadline left behind (the conversion is over by now)."""
        if self.folder is None or not self.folder.is_dir():
            return
        for file in self.folder.glob("*.json"):
            if file.stem not in self.used:
                file.unlink(missing_ok=True)
        for file in self.folder.glob(".*.json.*.tmp"):
            file.unlink(missing_ok=True)


def _key(body: str) -> str:
    return hashlib.sha256(f"{__version__}\0{body}".encode()).hexdigest()


def _to_json(rendered: Rendered) -> dict[str, Any]:
    return {
        "html": rendered.html,
        "title": rendered.title,
        "toc": [_toc_json(entry) for entry in rendered.toc],
        "anchors": sorted(rendered.anchors),
        "links": list(rendered.links),
        "images": list(rendered.images),
        "renamed": list(rendered.renamed),
    }


def _toc_json(entry: TocEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "title": entry.title,
        "level": entry.level,
        "children": [_toc_json(child) for child in entry.children],
    }


def _from_json(data: dict[str, Any]) -> Rendered:
    return Rendered(
        data["html"],
        data["title"],
        tuple(_toc(entry) for entry in data["toc"]),
        frozenset(data["anchors"]),
        tuple(data["links"]),
        tuple(data["images"]),
        tuple(data["renamed"]),
    )


def _toc(data: dict[str, Any]) -> TocEntry:
    return TocEntry(
        data["id"], data["title"], data["level"], tuple(_toc(c) for c in data["children"])
    )
