"""Limits on converting one Markdown page: how deep it nests, how long it takes.

Python-Markdown recurses once per level of a nested list or quote (300 levels raise
RecursionError) and is quadratic on some runs of characters (20 KB of `[` takes a minute);
html5ever, under nh3, is quadratic in the depth of nested tags. So a cheap scan refuses
hostile structure before conversion, and what passes it is converted against a clock
(`deadline` here; site/conversion.py kills a worker process at the deadline and caps its
memory). A page over a limit is a `PageTooComplex`, named with its line, never a hang.
"""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Literal

from goalsheet.language.messages import _

MAX_DEPTH = 32  # levels of lists, quotes and indented blocks; levels of HTML tags
MAX_UNCLOSED = 1000  # `[`, `(` or `<` never closed: Python-Markdown retries each of them
PAGE_SECONDS = 10.0  # wall-clock time to convert one page (a 1 MB ordinary page takes ~2 s)
WORKER_MEMORY = 1024 * 1024 * 1024  # bytes of memory a conversion worker may add
Problem = Literal["depth", "html-depth", "unclosed", "time", "memory"]

# Elements that hold no content, or whose end tag may be left out (the parser closes them),
# do not nest: only the others count towards the depth of HTML tags.
_FLAT_TAGS = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot",
    "option", "optgroup", "colgroup", "caption", "rb", "rt", "rp",
})  # fmt: skip
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*?)?(/?)>")
_ORDERED = re.compile(r"[0-9]{1,9}[.)](?=[ \t])")
_BRACKET = re.compile(r"[\[\]()<>]")
_CLOSES = {"[": "]", "(": ")", "<": ">"}
_BLANK_OR_RULE = re.compile(r"[ \t]*(?:(?:-[ \t]*)+|(?:\*[ \t]*)+|(?:_[ \t]*)+)?")


class PageTooComplex(Exception):
    """A page over one of the limits: `problem` says which, `line` where (1 when unknown)."""

    def __init__(self, problem: Problem, line: int = 1) -> None:
        super().__init__(problem, line)
        self.problem: Problem = problem
        self.line = line

    def describe(self) -> tuple[str, str]:
        """What is wrong and how to fix it, for a finding."""
        if self.problem == "depth":
            # NOTE: {depth} is a number of levels, e.g. 32.
            message = _("lists, quotes or indented blocks nest more than {depth} levels deep")
            hint = _("flatten the page: a handout rarely needs more than three levels")
        elif self.problem == "html-depth":
            message = _("HTML tags nest more than {depth} levels deep")
            hint = _("close the HTML tags you open, or write the page in plain Markdown")
        elif self.problem == "unclosed":
            # NOTE: {count} is a number, e.g. 1000.
            message = _("more than {count} of [, ( or < are never closed")
            hint = _("close each [ with ], each ( with ) and each < with >, or remove them")
        else:
            # NOTE: {seconds} is a number of seconds, e.g. 10.
            message = (
                _("the page took longer than {seconds} seconds to convert")
                if self.problem == "time"
                else _("the page needed too much memory to convert")
            )
            hint = _(
                "look for long runs of [, <, * or ` and for very long tables or footnote "
                "lists; split the page into several shorter pages"
            )
        values = {"depth": MAX_DEPTH, "seconds": f"{PAGE_SECONDS:g}", "count": MAX_UNCLOSED}
        return message.format(**values), hint


def check_shape(text: str) -> None:
    """Raise PageTooComplex when the page nests deeper than MAX_DEPTH or leaves more than
    MAX_UNCLOSED brackets open. Linear in the text."""
    for number, line in enumerate(text.split("\n"), start=1):
        if _depth(line) > MAX_DEPTH:
            raise PageTooComplex("depth", number)
    unclosed = dict.fromkeys(_CLOSES, 0)
    for match in _BRACKET.finditer(text):
        char = match.group()
        if char in unclosed:
            unclosed[char] += 1
            if unclosed[char] > MAX_UNCLOSED:
                raise PageTooComplex("unclosed", text.count("\n", 0, match.start()) + 1)
        else:
            opener = next(o for o, c in _CLOSES.items() if c == char)
            unclosed[opener] = max(unclosed[opener] - 1, 0)
    depth = 0
    for match in _TAG.finditer(text):
        closing, name, self_closing = match.groups()
        if self_closing or name.lower() in _FLAT_TAGS:
            continue
        depth = max(depth - 1, 0) if closing else depth + 1
        if depth > MAX_DEPTH:
            raise PageTooComplex("html-depth", text.count("\n", 0, match.start()) + 1)


def _depth(line: str) -> int:
    """How many levels the start of a line opens: a `>` or a list marker each count one,
    and so do four columns of indent before or after one (the one space that follows a
    marker is part of it). Stops counting past MAX_DEPTH, so a long line costs little."""
    levels = columns = index = 0
    while index < len(line) and levels + columns // 4 <= MAX_DEPTH:
        char = line[index]
        marker = 0
        if char == " ":
            columns += 1
        elif char == "\t":
            columns += 4 - columns % 4
        elif char == ">" or (char in "-*+" and line[index + 1 : index + 2] in (" ", "\t")):
            marker = 1
        elif (ordered := _ORDERED.match(line, index)) is not None:
            marker, index = 1, ordered.end() - 1
        else:
            break
        if marker:
            levels += columns // 4 + 1
            columns = 0
            index += line[index + 1 : index + 2] == " "  # the space after the marker
        index += 1
    depth = levels + columns // 4
    if index >= len(line) or (depth > MAX_DEPTH and _BLANK_OR_RULE.fullmatch(line)):
        return 0  # a blank line, or a rule such as "- - -": nothing nests
    return depth


class _Overtime(BaseException):
    """Raised by the alarm; a BaseException, so no `except Exception` in a library eats it."""


def can_time_here() -> bool:
    """Whether `deadline` works in this thread: signals reach only the main thread, and an
    alarm someone else set must not be overwritten."""
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    )


@contextmanager
def deadline(seconds: float = PAGE_SECONDS) -> Iterator[None]:
    """Raise PageTooComplex("time") in the block after `seconds`; only where
    `can_time_here()`. Python-Markdown and the `re` module both give way to the signal."""

    def overtime(signum: int, frame: FrameType | None) -> None:
        raise _Overtime

    previous = signal.signal(signal.SIGALRM, overtime)
    try:
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _Overtime:
        raise PageTooComplex("time") from None
    finally:
        signal.signal(signal.SIGALRM, previous)
