"""Composing a YAML document's node tree safely: aliases, anchors, tags and deep nesting
are refused, and a file that is hopeless (more than MAX_FINDINGS unknown keys at its top)
is refused as soon as that is clear, before it is all built."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

import yaml

from goalsheet.findings import Finding
from goalsheet.language.messages import _
from goalsheet.read.source_map import MAX_FINDINGS, Position, too_many

MAX_DEPTH = 64
"""Deepest nesting accepted; goalsheet files are a few levels deep."""


class Refused(Exception):
    """Something goalsheet never reads (an alias, a tag, deep nesting), and where it is."""

    def __init__(self, code: str, message: str, mark: Any, hint: str) -> None:
        super().__init__(message)
        self.code, self.message, self.mark, self.hint = code, message, mark, hint


class _Loader(yaml.SafeLoader):
    """Safe loader that refuses aliases, anchors and explicit tags while composing."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        refuse(self.peek_event())  # type: ignore[no-untyped-call]
        return super().compose_node(parent, index)


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


def compose(text: str, keys: Collection[str] | None = None) -> Any:
    """The document's node tree. With libyaml, a first pass over the events refuses what
    goalsheet never needs (aliases, anchors, tags), deep nesting and, given the `keys` the
    top may hold, a hopeless file, before the C composer builds the tree; without it, the
    pure-Python loader refuses them as it composes (and validation caps what it says)."""
    if _FAST is None:
        return yaml.compose(text, Loader=_Loader)
    depth = 0
    top = _TopKeys(keys)
    for event in yaml.parse(text, Loader=_FAST):
        refuse(event)
        if depth == 1:
            top.see(event)
        if isinstance(event, yaml.CollectionStartEvent):
            if depth == 0:
                top.mapping = isinstance(event, yaml.MappingStartEvent)
            depth += 1
            if depth > MAX_DEPTH:
                raise Refused(
                    "GS002",
                    _("the YAML is nested too deeply"),
                    event.start_mark,
                    _("flatten the lists and mappings"),
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    if top.count > MAX_FINDINGS:  # counted to the end (cheap), but not built
        raise Hopeless(top.unknown, top.count, sorted(top.keys or ()))
    return yaml.compose(text, Loader=_FastComposer)


class Hopeless(Exception):
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


def hopeless_findings(path: str, hopeless: Hopeless) -> list[Finding]:
    """The first MAX_FINDINGS unknown keys, then how many more the file has."""
    # NOTE: the YAML keys allowed at the top of the file follow the colon.
    hint = _("allowed keys here: {keys}").format(keys=", ".join(hopeless.allowed))
    findings = [
        finding_at(
            path, "GS010", _("unknown key '{name}'").format(name=e.value), hint, e.start_mark
        )
        for e in hopeless.events[:MAX_FINDINGS]
    ]
    first = hopeless.events[MAX_FINDINGS].start_mark
    where = Position(first.line + 1, first.column + 1)
    return [*findings, too_many(path, hopeless.count - MAX_FINDINGS, where)]


def refuse(event: Any) -> None:
    if isinstance(event, yaml.AliasEvent):
        raise Refused(
            "GS004",
            _("YAML alias '*{anchor}' is not allowed").format(anchor=event.anchor),
            event.start_mark,
            _("write the value out in full; goalsheet files never need anchors or aliases"),
        )
    if getattr(event, "anchor", None):
        raise Refused(
            "GS004",
            _("YAML anchor '&{anchor}' is not allowed").format(anchor=event.anchor),
            event.start_mark,
            _("remove the '&name' anchor and write each value out in full"),
        )
    tag = getattr(event, "tag", None)
    if tag not in (None, "!"):
        raise Refused(
            "GS004",
            _("YAML tag '{tag}' is not allowed").format(
                tag=str(tag).replace("tag:yaml.org,2002:", "!!")
            ),
            event.start_mark,
            _("remove the tag; goalsheet reads plain text, numbers, dates, lists and mappings"),
        )


def finding_at(path: str, code: str, message: str, hint: str, mark: Any = None) -> Finding:
    line = mark.line + 1 if mark is not None else 1
    column = mark.column + 1 if mark is not None else 1
    return Finding(path, line, column, code, message, hint)
