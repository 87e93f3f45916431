"""JSON from an untrusted source (a form map inside a PDF, a page's QR code), parsed within a
depth cap. Python's parser and everything that walks its result (str(), comparisons) recurse
once per level, so a text of 1,100 '[' would raise RecursionError far from where it came in.
Here it is a ValueError at the edge, like any other JSON that cannot be used."""

from __future__ import annotations

import json
from typing import Any

MAX_DEPTH = 32  # goalsheet's own form maps nest 4 levels; its QR codes 1


class TooDeep(ValueError):
    """JSON nested more deeply than the caller allows."""

    def __init__(self, most: int) -> None:
        super().__init__("nested too deeply")
        self.most = most


def loads(text: str | bytes, max_depth: int = MAX_DEPTH) -> Any:
    """The parsed JSON; TooDeep (a ValueError) when it nests deeper than `max_depth`,
    ValueError when it is not JSON."""
    try:
        data = json.loads(text)
    except RecursionError:  # deeper than the interpreter's limit: far past any cap
        raise TooDeep(max_depth) from None
    if nesting(data, max_depth) > max_depth:
        raise TooDeep(max_depth)
    return data


def nesting(data: Any, stop_past: int) -> int:
    """How deeply lists and objects nest in `data` (a scalar is 0), counted without
    recursion; the count stops early once it passes `stop_past`."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, level = stack.pop()
        if isinstance(value, dict):
            children: Any = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        deepest = max(deepest, level)
        if deepest > stop_past:
            break
        stack.extend((child, level + 1) for child in children)
    return deepest
