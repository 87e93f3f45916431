"""A page of the site as read from content/ (or the guide): its identity, where it is
published, its front matter and its converted text."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from goalsheet.model.page import PageMeta
from goalsheet.read.yaml_source import SourceMap
from goalsheet.render.markdown import Rendered


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
