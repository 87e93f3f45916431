"""Read a Markdown page: optional YAML front matter between `---` lines, then the body.

Front matter is parsed by the safe YAML reader with line numbers that match the file, so
its findings point at the right line. Pages are capped at 1 MB.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from goalsheet.language.messages import _
from goalsheet.read.text import read_text
from goalsheet.read.yaml_source import YamlDocument, parse_yaml

MAX_PAGE_BYTES = 1024 * 1024
FENCE = "---"


@dataclass(frozen=True)
class PageSource:
    path: str  # for messages, relative to the project
    front: YamlDocument | None  # None when the page has no front matter
    body: str
    body_line: int  # the file line the body starts on


def read_page(file: Path, display: str) -> PageSource:
    """Read one page. Raises GoalsheetError (file, line, what, how) for bad input."""
    text = read_text(
        file,
        display,
        max_bytes=MAX_PAGE_BYTES,
        kind="Markdown",
        split_hint=_("split the page into several shorter pages and link them"),
    )
    return split_page(text, display)


def split_page(text: str, display: str) -> PageSource:
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != FENCE:
        return PageSource(display, None, text, 1)
    for index, line in enumerate(lines[1:], start=1):
        if line.rstrip() in (FENCE, "..."):
            # A blank first line keeps the YAML's line numbers equal to the file's.
            front = parse_yaml("\n" + "".join(lines[1:index]), display)
            return PageSource(display, front, "".join(lines[index + 1 :]), index + 2)
    return PageSource(display, None, text, 1)
