"""Safe YAML reading that remembers where every value came from.

PyYAML's safe loader is used for the grammar and for scalar types (dates, numbers), but the
tree is built here so that:
- every value's line and column are kept, for messages that point at the right place;
- duplicate keys, aliases, anchors and tags are refused (nothing we read needs them, and
  aliases are how "billion laughs" bombs are made);
- the raw text of unquoted scalars that YAML 1.1 turned into something other than text
  (`no` -> False, `0755` -> 493) is kept, so a message can say what happened and how to quote it;
- files are capped in size, must be UTF-8 text, and never produce a traceback;
- a file that is hopeless (more than MAX_FINDINGS unknown keys at its top) is refused as soon
  as that is clear, before it is all built: it is not the file it should be.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Collection, Hashable, Iterator
from pathlib import Path
from typing import Any

import yaml

from goalsheet.findings import GoalsheetError
from goalsheet.language.messages import _
from goalsheet.read.source_map import MAX_FINDINGS as MAX_FINDINGS
from goalsheet.read.source_map import TOO_MANY as TOO_MANY
from goalsheet.read.source_map import Loc as Loc
from goalsheet.read.source_map import Position as Position
from goalsheet.read.source_map import SourceMap as SourceMap
from goalsheet.read.source_map import YamlDocument as YamlDocument
from goalsheet.read.source_map import pack
from goalsheet.read.source_map import too_many as too_many
from goalsheet.read.text import read_text, text_of
from goalsheet.read.yaml_compose import MAX_DEPTH as MAX_DEPTH
from goalsheet.read.yaml_compose import (
    Hopeless,
    Refused,
    compose,
    finding_at,
    hopeless_findings,
)

MAX_BYTES = 2 * 1024 * 1024
"""Largest YAML file read. A year of daily diary is well under 100 KB."""


def parse_yaml(text: str, path: str, keys: Collection[str] | None = None) -> YamlDocument:
    """Parse YAML text into plain Python data plus a source map. Raises GoalsheetError.
    `keys`, when given, are the keys the top mapping may hold (to refuse a hopeless file)."""
    with collector_paused():
        return _parse(text, path, keys)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a document is built: the tree has no cycles, and
    collecting again and again while hundreds of thousands of nodes are made took five
    times as long as the reading itself."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _parse(text: str, path: str, keys: Collection[str] | None) -> YamlDocument:
    source = SourceMap(path)
    try:
        node = compose(text, keys)
    except Hopeless as hopeless:
        raise GoalsheetError(hopeless_findings(path, hopeless)) from None
    except Refused as refused:
        raise GoalsheetError(
            [finding_at(path, refused.code, refused.message, refused.hint, refused.mark)]
        ) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or ""  # PyYAML's words, in English
        shown = problem or _("the YAML cannot be read")
        message = _("YAML syntax error: {problem}").format(problem=shown)
        raise GoalsheetError(
            [finding_at(path, "GS002", message, _syntax_hint(problem), mark)]
        ) from None
    except yaml.YAMLError as error:
        raise GoalsheetError(
            [
                finding_at(
                    path,
                    "GS002",
                    _("YAML error: {error}").format(error=error),
                    _("check the file's syntax"),
                )
            ]
        ) from None
    except RecursionError:
        raise GoalsheetError(
            [
                finding_at(
                    path,
                    "GS002",
                    _("the YAML is nested too deeply"),
                    _("flatten the lists and mappings"),
                )
            ]
        ) from None
    if node is None:
        return YamlDocument(None, source)
    try:
        data = _build(node, (), source, 0)
    except Refused as refused:
        raise GoalsheetError(
            [finding_at(path, refused.code, refused.message, refused.hint, refused.mark)]
        ) from None
    return YamlDocument(data, source)


def read_yaml(
    file: Path, display: str, *, max_bytes: int = MAX_BYTES, keys: Collection[str] | None = None
) -> YamlDocument:
    """Read a YAML file safely. Every problem is raised as a GoalsheetError with findings.
    `keys`: what the top mapping may hold, to refuse a file that is hopeless early."""
    text = read_text(file, display, max_bytes=max_bytes, kind="YAML", split_hint=_split_hint())
    return parse_yaml(text, display, keys)


def read_yaml_bytes(raw: bytes, display: str) -> YamlDocument:
    """`raw` read exactly as read_yaml reads a file of these bytes, with the same caps (size,
    text, depth): a writer reads back what it is about to write, so `check` never refuses it."""
    text = text_of(raw, display, max_bytes=MAX_BYTES, kind="YAML", split_hint=_split_hint())
    return parse_yaml(text, display)


def _split_hint() -> str:
    return _("split it into several files, e.g. one entries file per sitting or month")


def _syntax_hint(problem: str) -> str:
    # `problem` is PyYAML's message, always in English.
    if "\\t" in problem or "tab" in problem:
        return _("indent with spaces, not tabs")
    if "mapping values are not allowed" in problem:
        return _("text that contains ': ' must be put in quotes, or the indentation is off")
    if "could not find expected ':'" in problem or "expected <block end>" in problem:
        return _("check the indentation of this line and the one above it")
    if "found undefined alias" in problem or "found unexpected end" in problem:
        return _("a quote or bracket may be left open")
    return _("check the indentation and quoting on this line and the line above it")


def _build(node: yaml.Node, loc: Loc, source: SourceMap, depth: int) -> Any:
    if depth > MAX_DEPTH:
        raise Refused(
            "GS002", _("the YAML is nested too deeply"), node.start_mark, _("flatten the data")
        )
    source.values[loc] = pack(node.start_mark)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        first_seen: dict[Any, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise Refused(
                    "GS002",
                    _("a key must be plain text, not a list or mapping"),
                    key_node.start_mark,
                    _("use a simple word as the key"),
                )
            if key_node.value == "<<" and key_node.tag.endswith(":merge"):
                raise Refused(
                    "GS004",
                    _("YAML merge keys ('<<') are not allowed"),
                    key_node.start_mark,
                    _("write the values out in full"),
                )
            key = _scalar(key_node)
            if not isinstance(key, Hashable) or isinstance(key, list | dict):
                key = key_node.value
            if key in first_seen:
                earlier = first_seen[key].start_mark.line + 1
                raise Refused(
                    "GS003",
                    _("duplicate key '{key}' (first given on line {line})").format(
                        key=key_node.value, line=earlier
                    ),
                    key_node.start_mark,
                    _("keep one of them; with two, one would be silently lost"),
                )
            first_seen[key] = key_node
            child = (*loc, key)
            if not isinstance(key, str):
                source.aliases[(loc, repr(key))] = key
            source.keys[child] = pack(key_node.start_mark)
            result[key] = _build(value_node, child, source, depth + 1)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(item, (*loc, index), source, depth + 1) for index, item in enumerate(node.value)
        ]
    value = _scalar(node)
    if not getattr(node, "style", None) and not isinstance(value, str):  # plain: None or ""
        source.raw_plain[loc] = node.value
    return value


def _scalar(node: yaml.Node) -> Any:
    # Scalars are immutable (text, numbers, dates): the same text with the same tag is the
    # same value, made once.
    key = (node.tag, node.value)
    known = _MADE.get(key, _MADE)
    if known is not _MADE:
        return known
    try:
        value = _SCALARS.construct_object(node, deep=True)
    except (ValueError, TypeError, OverflowError, yaml.YAMLError):
        # An impossible date such as 2026-02-30: keep the text so validation can say why.
        value = node.value
    finally:
        # The constructor remembers every node it made a value of; forget them, or every
        # document ever read stays in memory.
        _SCALARS.constructed_objects.clear()
    if len(node.value) <= _MADE_LONGEST:  # dates, numbers, IDs repeat; prose does not
        if len(_MADE) >= _MADE_MOST:
            _MADE.clear()
        _MADE[key] = value
    return value


_SCALARS = yaml.SafeLoader(b"")  # makes one scalar's value (dates, numbers)
_MADE: dict[tuple[str, str], Any] = {}
_MADE_MOST = 4096
_MADE_LONGEST = 64
