"""Pages drawn (poppler, or the image decoder) and read (scan/read.py) on every core: in
worker processes, a few pages ahead of the one the import is at, handed back in order.

The workers come from a fork server (a clean process with the reader's modules loaded,
started once per import): never forked from this process, whose OpenCV may have started a
thread pool that a forked child would wait on for ever. While the fork server starts, this
process reads the first page itself. Each worker has OpenCV on one thread (two processes on
two cores, not two thread pools fighting for them) and what the plans need of the project
(its settings, measures and clients' sheets, not their entries). Only AHEAD pages a worker
are in flight, so memory stays flat however long the file. A worker ends with the fork
server, which ends with the import however it ends (orphans.py); poppler with its worker.

GOALSHEET_SCAN_WORKERS sets how many (1: every page read in this process; benchmarks
compare the two).
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import pickle
from collections import deque
from collections.abc import Generator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from goalsheet.intake.scan.locate import Unreadable
from goalsheet.intake.scan.plan import plan_for
from goalsheet.intake.scan.read import PageReading, read_page
from goalsheet.intake.scan.source import Halt, PageRef, RefusedPage, draw_page, out_of_time
from goalsheet.language.messages import _, active_locale, set_locale
from goalsheet.orphans import die_with_parent
from goalsheet.project import Project

WORKERS_VARIABLE = "GOALSHEET_SCAN_WORKERS"
MOST_WORKERS = 4  # more rarely helps: poppler and the reader are quick, and memory counts
AHEAD = 2  # pages in flight for each worker, beyond the one the import is at
PRELOAD = ["cv2", "numpy", "goalsheet.intake.scan.pool"]  # in the fork server

Read = PageReading | RefusedPage | Unreadable  # a page: read, not decoded, or not readable
Results = Generator[Read | Halt, None, None]
Refs = Sequence[PageRef | RefusedPage]
_WORKER: Project | None = None  # in a worker: the project it reads pages for


def scan_workers() -> int:
    """How many processes read pages: GOALSHEET_SCAN_WORKERS, else one a core (at most
    MOST_WORKERS)."""
    given = os.environ.get(WORKERS_VARIABLE, "").strip()
    if given.isdigit() and int(given) >= 1:
        return int(given)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cores or 1, MOST_WORKERS))


def read_all(project: Project, refs: Refs, started: float) -> Results:
    """Each of `refs` read, in order, on as many cores as scan_workers() allows; a PDF's
    pages after its time limit (from `started`, time.monotonic()) are not read. Close the
    generator when done with it: pages in flight are cancelled, the workers end."""
    pages = sum(isinstance(ref, PageRef) for ref in refs)
    slim = _slim(project) if min(scan_workers(), pages) > 1 else None
    if slim is None:
        yield from _here(project, refs, started)
        return
    context = _context()  # the fork server starts now, while the first page is read here
    first = next(n for n, ref in enumerate(refs) if isinstance(ref, PageRef))
    yield from _here(project, refs[: first + 1], started)
    workers = min(scan_workers(), pages - 1)
    yield from _in_pool(slim, context, refs[first + 1 :], started, workers)


def read_ref(project: Project, ref: PageRef) -> Read | Halt:
    """One page drawn and read: where a worker spends its time."""
    page = draw_page(ref)
    if isinstance(page, RefusedPage | Halt):
        return page
    try:
        return read_page(page, lambda payload: plan_for(project, payload))
    except Unreadable as error:
        return error


def _here(project: Project, refs: Refs, started: float) -> Results:
    """The pages read in this process, one at a time, each only when asked for."""
    for ref in refs:
        if isinstance(ref, RefusedPage):
            yield ref
        else:
            yield out_of_time(ref, started) or read_ref(project, ref)


def _in_pool(
    project: bytes,
    context: multiprocessing.context.BaseContext,
    refs: Refs,
    started: float,
    workers: int,
) -> Results:
    """The pages read by `workers` processes, AHEAD each in flight, handed back in order."""
    waiting = deque(refs)
    flight: deque[Future[Read | Halt] | Read | Halt] = deque()
    pool = ProcessPoolExecutor(
        max_workers=workers,
        initializer=_start_worker,
        initargs=(project, active_locale()),
        mp_context=context,
    )
    try:
        while waiting or flight:
            while waiting and len(flight) < workers * (AHEAD + 1):
                ref = waiting.popleft()
                late = None if isinstance(ref, RefusedPage) else out_of_time(ref, started)
                if late is not None:  # no page after this one is read
                    waiting.clear()
                flight.append(
                    ref if isinstance(ref, RefusedPage) else late or pool.submit(_read, ref)
                )
            head = flight.popleft()
            yield _result(head) if isinstance(head, Future) else head
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _result(future: Future[Read | Halt]) -> Read | Halt:
    """A page's result; Halt if the worker reading it ended without one (killed, out of
    memory, a crash in a decoder): that page is named, and no page after it is read."""
    try:
        return future.result()
    except BrokenProcessPool:
        return Halt(
            _("the process reading the page ended before it was read (out of memory, or "
              "stopped); the pages after it were not read")
        )  # fmt: skip


def _slim(project: Project) -> bytes | None:
    """What a worker needs of the project to know a page's plan (its settings, measures and
    clients' sheets, not their entries), pickled; None if it cannot be (read here)."""
    clients = [dataclasses.replace(c, entries=[], source=None) for c in project.clients]
    try:
        return pickle.dumps(dataclasses.replace(project, clients=clients))
    except (pickle.PicklingError, TypeError, AttributeError):
        return None


def _context() -> multiprocessing.context.BaseContext:
    """A fork server where there is one (Linux, macOS), started now in the background;
    else fresh interpreters."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    # only where there is a fork server (Linux, macOS): see the test above
    from multiprocessing import forkserver

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    forkserver.ensure_running()
    return context


def _start_worker(project: bytes, locale: str) -> None:
    """A worker's first act: end with the fork server that started it (which ends with the
    import), speak the import's language, one OpenCV thread, the project."""
    # heavy: OpenCV loads in the page workers only
    import cv2

    global _WORKER
    die_with_parent()
    set_locale(locale)
    cv2.setNumThreads(1)
    _WORKER = pickle.loads(project)  # made by this import a moment ago: trusted


def _read(ref: PageRef) -> Read | Halt:
    assert _WORKER is not None, "worker not started"
    return read_ref(_WORKER, ref)
