"""A scanned file's pages, read (scan_pool.py: on every core) and handed back in page order,
so that the import says the same whoever read them: after a page poppler could not draw,
or the time limit for a whole PDF, no page of the file is read.

An import of many photos (one page a file) reads them in one pool across the files:
`reading_ahead()` around the import's loop over its files reads every image file's pages
ahead, and `page_readings()` takes a file's pages from there when it comes to it.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from goalsheet.findings import GoalsheetError, display_path
from goalsheet.intake.scan.pool import Read, Results, read_all
from goalsheet.intake.scan.source import Halt, PageRef, RefusedPage, halted, is_image, scan_refs
from goalsheet.project import Project


def page_readings(project: Project, file: Path, display: str) -> Iterator[tuple[int, Read]]:
    """(page number, reading) for each page of `file`, in page order. Raises GoalsheetError
    (GS405) when the file as a whole cannot be read."""
    ahead = _AHEAD.get()
    taken = ahead.take(file) if ahead is not None else None
    if taken is not None:
        results: Iterator[Read | Halt] = taken
        closing: Results | None = None
    else:
        closing = read_all(project, scan_refs(file, display), time.monotonic())
        results = closing
    try:
        for number, result in enumerate(results, start=1):
            if isinstance(result, Halt):
                yield number, halted(result, number, display)
                return
            yield number, result
    finally:
        if closing is not None:
            closing.close()  # pages in flight are cancelled, the workers end


class _ReadAhead:
    """The image files among an import's files, in order, with their pages read in one
    pool: each file's pages measured first (or why the file cannot be read). The pages are
    handed over as they are taken, so a multi-page TIFF is not held whole."""

    def __init__(self, project: Project, files: list[Path]) -> None:
        self.files: deque[tuple[Path, list[PageRef | RefusedPage] | GoalsheetError]] = deque()
        for file in files:
            try:
                self.files.append((file, scan_refs(file, display_path(file, project.root))))
            except GoalsheetError as error:
                self.files.append((file, error))
        every = [ref for _file, refs in self.files if isinstance(refs, list) for ref in refs]
        self.results = read_all(project, every, time.monotonic())
        self.owed = 0  # pages of the file taken last not handed over yet

    def take(self, file: Path) -> Iterator[Read | Halt] | None:
        """The pages of `file`, if it is among the files read ahead (else None); those of
        the files before it that were not taken are passed over."""
        if all(ahead != file for ahead, _refs in self.files):
            return None
        while True:
            for _page in range(self.owed):
                next(self.results)
            ahead, refs = self.files.popleft()
            self.owed = len(refs) if isinstance(refs, list) else 0
            if ahead == file:
                break
        if isinstance(refs, GoalsheetError):
            raise refs
        return self._pages()

    def _pages(self) -> Iterator[Read | Halt]:
        while self.owed:
            self.owed -= 1
            yield next(self.results)


_AHEAD: ContextVar[_ReadAhead | None] = ContextVar("goalsheet_scan_ahead", default=None)


@contextmanager
def reading_ahead(project: Project, files: list[Path]) -> Iterator[None]:
    """Around an import's loop over `files`: the image files among them (two or more) are
    read ahead in one pool, and each is taken from there in turn."""
    images = [file for file in files if is_image(file)]
    if len(images) < 2:
        yield
        return
    ahead = _ReadAhead(project, images)
    token = _AHEAD.set(ahead)
    try:
        yield
    finally:
        _AHEAD.reset(token)
        ahead.results.close()
