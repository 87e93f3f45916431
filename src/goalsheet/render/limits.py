"""How much a practice's template may make: the caps, the error that names the one hit, and a
watchdog for time and memory while a template renders.

A template override is code we did not write; one line of it (`{{ 'a' * 10**9 }}`) could
fill the disk or the memory. The sandbox's hooks (render/sandbox.py) refuse each known way of
making a huge value before it is made; the watchdog is the backstop for what no hook sees
(loops inside loops that print nothing, say).
"""

from __future__ import annotations

import math
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from jinja2.exceptions import SecurityError
from jinja2.sandbox import MAX_RANGE

from goalsheet.language import formats
from goalsheet.language.messages import _

MAX_TEXT = 10_000_000  # characters in one string a template makes
MAX_ITEMS = 1_000_000  # items in one list a template makes
MAX_OUTPUT = 20_000_000  # characters of one rendered page
MAX_DIGITS = 4_300  # digits of one number (Python's own limit for turning one into text)
MAX_SECONDS = 60  # to render one page
MAX_MEMORY_MB = 500  # more memory than when the page began
RANGE_LIMIT = MAX_RANGE  # numbers in one range() (Jinja's sandbox limit)
TICK_SECONDS = 0.1
PAGE_BYTES = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
MAX_BITS = math.ceil(MAX_DIGITS * math.log2(10))


class TemplateLimit(SecurityError):
    """A template asked for more than a cap allows; the message says which cap."""


def too_long(limit: int) -> TemplateLimit:
    return TemplateLimit(
        # NOTE: {limit} is a number such as 10,000,000.
        _("the template makes a text or list longer than {limit} characters or items").format(
            limit=formats.count(limit)
        )
    )


def too_wide(number: int, limit: int) -> TemplateLimit:
    return TemplateLimit(
        # NOTE: a width, precision or count given to a filter, method or format, e.g. the
        # 999999 of '%999999s'; {limit} is the largest allowed.
        _("the template asks for a width or count of {number}, more than the limit of {limit}")
        .format(number=formats.count(number), limit=formats.count(limit))
    )  # fmt: skip


def too_many_digits() -> TemplateLimit:
    return TemplateLimit(
        _("the template makes a number of more than {limit} digits").format(
            limit=formats.count(MAX_DIGITS)
        )
    )


def too_big_a_range(size: int) -> TemplateLimit:
    return TemplateLimit(
        _("the template asks for range() of {size} numbers, more than the limit of {limit}")
        .format(size=formats.count(size), limit=formats.count(RANGE_LIMIT))
    )  # fmt: skip


def too_big_a_page() -> TemplateLimit:
    return TemplateLimit(
        _("the template makes a page larger than {limit} characters").format(
            limit=formats.count(MAX_OUTPUT)
        )
    )


def check_size(value: object) -> None:
    """Refuse a string longer than MAX_TEXT, a collection of more than MAX_ITEMS, or a
    number of more than MAX_DIGITS digits."""
    if isinstance(value, str | bytes):
        if len(value) > MAX_TEXT:
            raise too_long(MAX_TEXT)
    elif isinstance(value, list | tuple | dict | set | frozenset):
        if len(value) > MAX_ITEMS:
            raise too_long(MAX_ITEMS)
    elif isinstance(value, int) and value.bit_length() > MAX_BITS:
        raise too_many_digits()


def check_printable(value: object) -> None:
    """Refuse a value whose text (`{{ value }}`, `|string`, `~`) would pass the caps: a list
    can hold itself twice, forty times over, and print as terabytes. Counts each item as
    often as it would be printed, and stops counting at the caps."""
    items, characters = 0, 0
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str | bytes):
            characters += len(item)
            if characters > MAX_TEXT:
                raise too_long(MAX_TEXT)
        elif isinstance(item, list | tuple | set | frozenset | dict):
            items += len(item) + 1
            if items > MAX_ITEMS:
                raise too_long(MAX_ITEMS)
            stack.extend(item.items() if isinstance(item, dict) else item)
        else:
            check_size(item)


@contextmanager
def watchdog() -> Iterator[None]:
    """Stop the render (TemplateLimit, raised where the template is) once it has run for
    MAX_SECONDS or grown the process by MAX_MEMORY_MB. Only in the main thread of a system
    with interval timers; elsewhere the other caps still hold."""
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return
    if signal.getitimer(signal.ITIMER_REAL)[0] > 0:  # one already runs (a nested render)
        yield
        return
    start, peak = time.monotonic(), _memory_mb()

    def tick(signum: int, frame: FrameType | None) -> None:
        if time.monotonic() - start > MAX_SECONDS:
            raise TemplateLimit(
                _("the template ran for more than {limit} seconds").format(limit=MAX_SECONDS)
            )
        if _memory_mb() - peak > MAX_MEMORY_MB:
            raise TemplateLimit(
                _("the template used more than {limit} MB of memory").format(limit=MAX_MEMORY_MB)
            )

    before = signal.signal(signal.SIGALRM, tick)
    signal.setitimer(signal.ITIMER_REAL, TICK_SECONDS, TICK_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)


def _memory_mb() -> float:
    """The memory this process holds now (Linux), or the most it has held (elsewhere), in MB."""
    try:
        with open("/proc/self/statm", "rb") as stream:
            return int(stream.read().split()[1]) * PAGE_BYTES / 2**20
    except (OSError, ValueError, IndexError):
        # Unix only (Windows has no resource module): where /proc is missing
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / (2**20 if sys.platform == "darwin" else 2**10)
