"""YAML text for a new goal, tracker or client sheet, in the style of the demo files.

Written by hand rather than by a YAML dumper so the result reads like the files therapists
already know: a goal as a block mapping, its measure and steps as one-line mappings, a
tracker on one line. Every scalar goes through PyYAML's own quoting, so text such as "yes",
"2026-01-01" or "a: b" stays text; the caller reads the result back to prove it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml

WIDTH = 100  # the project's line length; long flow mappings wrap under their first key


def scalar(value: Any) -> str:
    """One value as YAML that is safe inside a flow collection ([..] or {..}) too."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        # Never an exponent: YAML 1.1 reads 1e-05 as text. Answers have four decimals at most.
        return str(int(value)) if float(value).is_integer() else f"{value:.4f}".rstrip("0")
    if isinstance(value, dt.date):
        return value.isoformat()
    # Dumped inside a list so PyYAML quotes what a flow context needs quoted (", [ ] { }").
    dumped = yaml.safe_dump(
        [str(value)], default_flow_style=True, allow_unicode=True, width=1_000_000
    ).strip()
    return dumped[1:-1]


def flow(value: Any) -> str:
    """A value on one line: mappings as {k: v}, lists as [a, b]."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {flow(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(item) for item in value) + "]"
    return scalar(value)


def wrapped_mapping(prefix: str, mapping: dict[str, Any]) -> list[str]:
    """`prefix` then a flow mapping, wrapped at WIDTH with continuation lines aligned under
    its first key (as in the demo files: `measure: {what: ..., unit: ...,` / `   target: 2}`)."""
    parts = [f"{key}: {flow(item)}" for key, item in mapping.items()]
    if not parts:
        return [prefix + "{}"]
    lines: list[str] = []
    current = prefix + "{"
    align = " " * len(current)
    for index, part in enumerate(parts):
        piece = part + ("}" if index == len(parts) - 1 else ",")
        if current.endswith("{"):
            current += piece
        elif len(current) + 1 + len(piece) > WIDTH:
            lines.append(current)
            current = align + piece
        else:
            current += " " + piece
    lines.append(current)
    return lines


def goal_lines(goal: dict[str, Any], dash: int, content: int) -> list[str]:
    """A goal as one item of a block sequence: the dash at column `dash`, keys at `content`."""
    pad = " " * content
    first = " " * dash + "-" + " " * max(1, content - dash - 1)
    lines: list[str] = []
    for key, value in goal.items():
        lead = first if not lines else pad
        if key == "measure":
            lines.extend(wrapped_mapping(f"{lead}{key}: ", value))
        elif isinstance(value, list):
            lines.append(f"{lead}{key}:")
            lines.extend(f"{pad}  - {flow(item)}" for item in value)
        else:
            lines.append(f"{lead}{key}: {scalar(value)}")
    return lines


def tracker_lines(tracker: dict[str, Any], dash: int, content: int) -> list[str]:
    """A tracker as one item of a block sequence, on one line."""
    return [" " * dash + "-" + " " * max(1, content - dash - 1) + flow(tracker)]


def client_sheet(
    header: str,
    client: dict[str, Any],
    goals: list[dict[str, Any]],
    trackers: list[dict[str, Any]],
) -> str:
    """A new client's whole goalsheet.yaml."""
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    lines.append("client:")
    lines.extend(f"  {key}: {flow(value)}" for key, value in client.items())
    lines.append("goals:" if goals else "goals: []")
    for goal in goals:
        lines.extend(goal_lines(goal, 2, 4))
    lines.append("trackers:" if trackers else "trackers: []")
    for tracker in trackers:
        lines.extend(tracker_lines(tracker, 2, 4))
    return "\n".join(lines) + "\n"
