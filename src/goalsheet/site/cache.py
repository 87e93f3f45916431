"""A cache of rendered Markdown, so a rebuild converts only the pages that changed.

Each entry is keyed by a hash of goalsheet's version and the page body, and holds only
what the page's own text produced (public content, never client data). Entries a build did
not use are removed afterwards, so the cache never grows beyond the pages there are.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path
from typing import Any

from goalsheet import __version__
from goalsheet.render.markdown import Rendered, TocEntry, render_markdown
from goalsheet.write import write_text_atomic

CACHE_DIR = ".goalsheet-cache"


class MarkdownCache:
    """`write=False` reads entries but adds none (for `check`, which only reads)."""

    def __init__(self, root: Path | None, *, write: bool = True) -> None:
        self.folder = root / CACHE_DIR / "markdown" if root is not None else None
        self.write = write
        self.used: set[str] = set()

    def render(self, body: str) -> Rendered:
        if self.folder is None:
            return render_markdown(body)
        key = hashlib.sha256(f"{__version__}\0{body}".encode()).hexdigest()
        self.used.add(key)
        file = self.folder / f"{key}.json"
        try:
            return _from_json(json.loads(file.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            pass
        rendered = render_markdown(body)
        if self.write:
            with contextlib.suppress(OSError):  # a read-only project builds, uncached
                write_text_atomic(file, json.dumps(_to_json(rendered)), sync=False)
        return rendered

    def prune(self) -> None:
        """Remove the entries this build did not use."""
        if self.folder is None or not self.folder.is_dir():
            return
        for file in self.folder.glob("*.json"):
            if file.stem not in self.used:
                file.unlink(missing_ok=True)


def _to_json(rendered: Rendered) -> dict[str, Any]:
    return {
        "html": rendered.html,
        "title": rendered.title,
        "toc": [_toc_json(entry) for entry in rendered.toc],
        "anchors": sorted(rendered.anchors),
        "links": list(rendered.links),
        "images": list(rendered.images),
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
    )


def _toc(data: dict[str, Any]) -> TocEntry:
    return TocEntry(
        data["id"], data["title"], data["level"], tuple(_toc(c) for c in data["children"])
    )
