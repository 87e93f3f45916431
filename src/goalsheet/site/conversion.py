"""Convert Markdown pages within limits, so one hostile page is named and left out instead
of hanging or sinking the build.

Every page is scanned for hostile structure first (render/markdown_limits.py). A short page
is then converted in this process under an alarm when that works here and there are few;
the rest go to worker processes, each page against a wall-clock deadline: a worker still
busy at its page's deadline is killed and replaced. Workers cap their own memory
(RLIMIT_AS), die with this process, and give up on their own when far past a deadline, so
nothing is left running however the build ends.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import resource
import signal
import time
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection, wait
from typing import Any

from goalsheet.orphans import die_with_parent
from goalsheet.render.markdown import Rendered
from goalsheet.render.markdown_limits import (
    PAGE_SECONDS,
    WORKER_MEMORY,
    PageTooComplex,
    can_time_here,
    check_shape,
    deadline,
)

Render = Callable[[str], Rendered]
Result = Rendered | PageTooComplex
IN_PROCESS_BYTES = 64 * 1024  # a longer page goes to a worker, whose memory is capped


def convert_pages(bodies: list[str], render: Render, workers: int, parallel: bool) -> list[Result]:
    """Each body converted by `render`, or the limit it broke, in order. With `parallel`,
    up to `workers` processes convert them; else short pages are converted here."""
    results: dict[int, Result] = {}
    for index, body in enumerate(bodies):
        try:
            check_shape(body)
        except PageTooComplex as problem:
            results[index] = problem
    todo = [index for index in range(len(bodies)) if index not in results]
    if not parallel and can_time_here():
        for index in [i for i in todo if len(bodies[i]) < IN_PROCESS_BYTES]:
            results[index] = _convert_here(bodies[index], render)
        todo = [index for index in todo if index not in results]
    if todo:
        results.update(_Pool(bodies, render, max(1, min(workers, len(todo)))).run(todo))
    return [results[index] for index in range(len(bodies))]


def _convert_here(body: str, render: Render) -> Result:
    try:
        with deadline(PAGE_SECONDS):
            return render(body)
    except PageTooComplex as problem:
        return problem
    except RecursionError:
        return PageTooComplex("depth")
    except MemoryError:
        return PageTooComplex("memory")


class _Pool:
    """Worker processes fed one page at a time, each against its deadline."""

    def __init__(self, bodies: list[str], render: Render, size: int) -> None:
        methods = multiprocessing.get_all_start_methods()
        self.context: Any = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self.bodies = bodies
        self.render = render
        self.size = size

    def run(self, todo: list[int]) -> dict[int, Result]:
        results: dict[int, Result] = {}
        waiting = list(reversed(todo))
        idle: list[tuple[Any, Connection]] = []
        busy: dict[Connection, tuple[Any, int, float]] = {}  # worker, page, deadline
        try:
            while waiting or busy:
                while waiting and len(busy) < self.size:
                    process, conn = idle.pop() if idle else self._start()
                    index = waiting.pop()
                    conn.send(self.bodies[index])
                    busy[conn] = (process, index, time.monotonic() + PAGE_SECONDS)
                first = min(limit for _, _, limit in busy.values())
                ready = wait(list(busy), timeout=max(0.0, first - time.monotonic()))
                for answered in ready:
                    assert isinstance(answered, Connection)
                    process, index, _ = busy.pop(answered)
                    try:
                        results[index] = _answer(answered.recv())
                        idle.append((process, answered))
                    except (EOFError, OSError):  # ended by its memory or CPU cap
                        _stop(process, answered)
                        cpu = process.exitcode == -signal.SIGXCPU
                        results[index] = PageTooComplex("time" if cpu else "memory")
                now = time.monotonic()
                for conn, (process, index, limit) in list(busy.items()):
                    if limit <= now:
                        results[index] = PageTooComplex("time")
                        del busy[conn]
                        _stop(process, conn)
        finally:
            for process, conn in [*idle, *((p, c) for c, (p, _, _) in busy.items())]:
                _stop(process, conn)
        return results

    def _start(self) -> tuple[Any, Connection]:
        mine, theirs = self.context.Pipe()
        args = (theirs, self.render, os.getpid())
        process = self.context.Process(target=_work, args=args, daemon=True)
        process.start()
        theirs.close()
        return process, mine


def _answer(message: tuple[str, Any]) -> Result:
    kind, value = message
    if kind == "bug":  # not the page's fault: stop, as a bug in this process would
        raise RuntimeError(f"converting a page failed in a worker:\n{value}")
    if kind == "limit":
        return PageTooComplex(value)
    assert isinstance(value, Rendered)
    return value


def _stop(process: Any, conn: Connection) -> None:
    conn.close()
    if process.is_alive():
        process.kill()
    process.join()


def _work(conn: Connection, render: Render, parent: int) -> None:
    """A worker: convert each page sent until the pipe closes."""
    die_with_parent(parent)
    _cap_memory()
    with contextlib.suppress(OSError, ValueError):  # a worker stopped by a cap leaves no core
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    while True:
        try:
            body = conn.recv()
        except (EOFError, OSError):
            return
        _cap_cpu()
        try:
            answer: tuple[str, Any] = ("page", render(body))
        except PageTooComplex as problem:
            answer = ("limit", problem.problem)
        except RecursionError:
            answer = ("limit", "depth")
        except MemoryError:
            answer = ("limit", "memory")
        except Exception:
            answer = ("bug", traceback.format_exc())
        try:
            conn.send(answer)
        except (OSError, ValueError):
            return


def _cap_memory() -> None:
    """At most WORKER_MEMORY more address space than the worker starts with."""
    with contextlib.suppress(OSError, ValueError):
        with open("/proc/self/statm", encoding="ascii") as statm:
            size = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = size + WORKER_MEMORY
        if hard == resource.RLIM_INFINITY or cap < hard:
            resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def _cap_cpu() -> None:
    """A backstop for a parent that can no longer kill us: the kernel stops this worker
    when the page has used twice its time in CPU."""
    with contextlib.suppress(OSError, ValueError):
        used = resource.getrusage(resource.RUSAGE_SELF)
        spent = int(used.ru_utime + used.ru_stime)
        _, hard = resource.getrlimit(resource.RLIMIT_CPU)
        soft = spent + int(PAGE_SECONDS * 2) + 1
        if hard == resource.RLIM_INFINITY or soft < hard:
            resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
