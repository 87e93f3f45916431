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
from collections.abc import Collection, Hashable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from goalsheet.findings import Finding, GoalsheetError, Severity
from goalsheet.language import formats
from goalsheet.language.messages import _, ngettext
from goalsheet.read.text import read_text, text_of

MAX_BYTES = 2 * 1024 * 1024
"""Largest YAML file read. A year of daily diary is well under 100 KB."""

MAX_DEPTH = 64
"""Deepest nesting accepted; goalsheet files are a few levels deep."""

MAX_FINDINGS = 50
"""Most problems listed for one file; the rest are counted in one GS020 finding."""
TOO_MANY = "GS020"

Loc = tuple[Hashable, ...]


@dataclass(frozen=True, slots=True)
class Position:
    line: int
    column: int


@dataclass
class SourceMap:
    """Where each value of a document sits, keyed by its path (keys and list indexes)."""

    path: str
    # Positions packed as line * _COLUMNS + column: one int each, not an object (a big
    # caseload has hundreds of thousands of values).
    values: dict[Loc, int] = field(default_factory=dict)
    keys: dict[Loc, int] = field(default_factory=dict)
    raw_plain: dict[Loc, str] = field(default_factory=dict)
    aliases: dict[tuple[Loc, str], Hashable] = field(default_factory=dict)

    def locate(self, loc: Sequence[Any]) -> Position:
        """The position of `loc`, or of its nearest ancestor that is known.

        Parts of `loc` that are not in the document (e.g. a union member's name in a
        validation error) are skipped rather than ending the search. A trailing "[key]"
        (pydantic's name for a mapping key) points at the key itself.
        """
        current = self.resolve(loc)
        if loc and loc[-1] == "[key]" and current in self.keys:
            return _unpack(self.keys[current])
        packed = self.values.get(current)
        return _unpack(packed) if packed is not None else Position(1, 1)

    def key_position(self, loc: Loc) -> Position | None:
        """Where the key that names `loc` is written, if it is a key."""
        packed = self.keys.get(loc)
        return _unpack(packed) if packed is not None else None

    def finding(
        self,
        loc: Sequence[Any],
        code: str,
        message: str,
        hint: str = "",
        severity: Severity = Severity.ERROR,
        rule: str = "",
    ) -> Finding:
        """A finding at the value `loc` names in this document."""
        where = self.locate(loc)
        return Finding(self.path, where.line, where.column, code, message, hint, severity, rule)

    def resolve(self, loc: Sequence[Any]) -> Loc:
        """The document path that `loc` names, with unknown parts skipped."""
        current: Loc = ()
        for part in loc:
            trial = (*current, part)
            if trial in self.values:
                current = trial
            elif isinstance(part, str) and (current, part) in self.aliases:
                # Validation errors name non-text keys (dates) by their repr().
                current = (*current, self.aliases[(current, part)])
        return current


_COLUMNS = 1 << 20


def _pack(mark: Any) -> int:
    return int((mark.line + 1) * _COLUMNS + min(mark.column + 1, _COLUMNS - 1))


def _unpack(packed: int) -> Position:
    return Position(*divmod(packed, _COLUMNS))


@dataclass
class YamlDocument:
    data: Any
    source: SourceMap


class _Refused(Exception):
    def __init__(self, code: str, message: str, mark: Any, hint: str) -> None:
        super().__init__(message)
        self.code, self.message, self.mark, self.hint = code, message, mark, hint


class _Loader(yaml.SafeLoader):
    """Safe loader that refuses aliases, anchors and explicit tags while composing."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        _refuse(self.peek_event())  # type: ignore[no-untyped-call]
        return super().compose_node(parent, index)


_SCALARS = yaml.SafeLoader(b"")
_FAST = getattr(yaml, "CSafeLoader", None)  # libyaml, when PyYAML was built with it


if _FAST is not None:

    class _FastComposer(_FAST):  # type: ignore[misc, valid-type]
        """libyaml's composer, remembering what each plain scalar's text resolves to: a
        file says 2026-09-08 or 3 thousands of times, and PyYAML's regexes for them cost
        more than all the rest of the reading."""

        def __init__(self, stream: Any) -> None:
            super().__init__(stream)
            self.resolved: dict[tuple[str, Any], Any] = {}

        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            if kind is not yaml.ScalarNode:
                return super().resolve(kind, value, implicit)
            key = (value, implicit)
            tag = self.resolved.get(key)
            if tag is None:
                tag = self.resolved[key] = super().resolve(kind, value, implicit)
            return tag


def _compose(text: str, keys: Collection[str] | None = None) -> Any:
    """The document's node tree. With libyaml, a first pass over the events refuses what
    goalsheet never needs (aliases, anchors, tags), deep nesting and, given the `keys` the
    top may hold, a hopeless file, before the C composer builds the tree; without it, the
    pure-Python loader refuses them as it composes (and validation caps what it says)."""
    if _FAST is None:
        return yaml.compose(text, Loader=_Loader)
    depth = 0
    top = _TopKeys(keys)
    for event in yaml.parse(text, Loader=_FAST):
        _refuse(event)
        if depth == 1:
            top.see(event)
        if isinstance(event, yaml.CollectionStartEvent):
            if depth == 0:
                top.mapping = isinstance(event, yaml.MappingStartEvent)
            depth += 1
            if depth > MAX_DEPTH:
                raise _Refused(
                    "GS002",
                    _("the YAML is nested too deeply"),
                    event.start_mark,
                    _("flatten the lists and mappings"),
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    if top.count > MAX_FINDINGS:  # counted to the end (cheap), but not built
        raise _Hopeless(top.unknown, top.count, sorted(top.keys or ()))
    return yaml.compose(text, Loader=_FastComposer)


class _Hopeless(Exception):
    """More than MAX_FINDINGS unknown keys at the top of a file: the first ones' events,
    how many in all, and the keys allowed."""

    def __init__(self, events: list[Any], count: int, allowed: list[str]) -> None:
        super().__init__("hopeless")
        self.events, self.count, self.allowed = events, count, allowed


@dataclass
class _TopKeys:
    """Watches the keys of the top mapping go by, counting those not in `keys`."""

    keys: Collection[str] | None
    mapping: bool = False
    key_next: bool = True  # the next node at depth 1 is a key (else its value)
    unknown: list[Any] = field(default_factory=list)  # the first MAX_FINDINGS + 1
    count: int = 0

    def see(self, event: Any) -> None:
        if not self.mapping or self.keys is None:
            return
        if not isinstance(event, yaml.ScalarEvent | yaml.CollectionStartEvent):
            return
        if self.key_next and isinstance(event, yaml.ScalarEvent) and event.value not in self.keys:
            self.count += 1
            if self.count <= MAX_FINDINGS + 1:
                self.unknown.append(event)
        self.key_next = not self.key_next


def too_many(path: str, more: int, where: Position) -> Finding:
    """GS020: how many problems of a file were not listed (the first of them `where`),
    after MAX_FINDINGS that were."""
    return Finding(
        path,
        where.line,
        where.column,
        TOO_MANY,
        # NOTE: {n} is a number of problems over and above those listed, e.g. 149,950.
        ngettext(
            "{n} more problem in this file is not listed",
            "{n} more problems in this file are not listed",
            more,
        ).format(n=formats.count(more)),
        _(
            "fix those listed and run `goalsheet check` again; with this many, the file "
            "may not be a goalsheet file at all (is it the right file, in the right folder?)"
        ),
    )


def _hopeless(path: str, hopeless: _Hopeless) -> list[Finding]:
    """The first MAX_FINDINGS unknown keys, then how many more the file has."""
    # NOTE: the YAML keys allowed at the top of the file follow the colon.
    hint = _("allowed keys here: {keys}").format(keys=", ".join(hopeless.allowed))
    findings = [
        _finding(path, "GS010", _("unknown key '{name}'").format(name=e.value), hint, e.start_mark)
        for e in hopeless.events[:MAX_FINDINGS]
    ]
    first = hopeless.events[MAX_FINDINGS].start_mark
    where = Position(first.line + 1, first.column + 1)
    return [*findings, too_many(path, hopeless.count - MAX_FINDINGS, where)]


def _refuse(event: Any) -> None:
    if isinstance(event, yaml.AliasEvent):
        raise _Refused(
            "GS004",
            _("YAML alias '*{anchor}' is not allowed").format(anchor=event.anchor),
            event.start_mark,
            _("write the value out in full; goalsheet files never need anchors or aliases"),
        )
    if getattr(event, "anchor", None):
        raise _Refused(
            "GS004",
            _("YAML anchor '&{anchor}' is not allowed").format(anchor=event.anchor),
            event.start_mark,
            _("remove the '&name' anchor and write each value out in full"),
        )
    tag = getattr(event, "tag", None)
    if tag not in (None, "!"):
        raise _Refused(
            "GS004",
            _("YAML tag '{tag}' is not allowed").format(
                tag=str(tag).replace("tag:yaml.org,2002:", "!!")
            ),
            event.start_mark,
            _("remove the tag; goalsheet reads plain text, numbers, dates, lists and mappings"),
        )


def _finding(path: str, code: str, message: str, hint: str, mark: Any = None) -> Finding:
    line = mark.line + 1 if mark is not None else 1
    column = mark.column + 1 if mark is not None else 1
    return Finding(path, line, column, code, message, hint)


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
        node = _compose(text, keys)
    except _Hopeless as hopeless:
        raise GoalsheetError(_hopeless(path, hopeless)) from None
    except _Refused as refused:
        raise GoalsheetError(
            [_finding(path, refused.code, refused.message, refused.hint, refused.mark)]
        ) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or ""  # PyYAML's words, in English
        shown = problem or _("the YAML cannot be read")
        message = _("YAML syntax error: {problem}").format(problem=shown)
        raise GoalsheetError(
            [_finding(path, "GS002", message, _syntax_hint(problem), mark)]
        ) from None
    except yaml.YAMLError as error:
        raise GoalsheetError(
            [
                _finding(
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
                _finding(
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
    except _Refused as refused:
        raise GoalsheetError(
            [_finding(path, refused.code, refused.message, refused.hint, refused.mark)]
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
        raise _Refused(
            "GS002", _("the YAML is nested too deeply"), node.start_mark, _("flatten the data")
        )
    source.values[loc] = _pack(node.start_mark)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        first_seen: dict[Any, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Refused(
                    "GS002",
                    _("a key must be plain text, not a list or mapping"),
                    key_node.start_mark,
                    _("use a simple word as the key"),
                )
            if key_node.value == "<<" and key_node.tag.endswith(":merge"):
                raise _Refused(
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
                raise _Refused(
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
            source.keys[child] = _pack(key_node.start_mark)
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


_MADE: dict[tuple[str, str], Any] = {}
_MADE_MOST = 4096
_MADE_LONGEST = 64
