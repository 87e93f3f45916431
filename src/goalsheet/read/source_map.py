"""Where each value of a YAML document sits (line and column, by its path of keys and list
indexes), and the findings that point there."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

from goalsheet.findings import Finding, Severity
from goalsheet.language import formats
from goalsheet.language.messages import _, ngettext

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


def pack(mark: Any) -> int:
    return int((mark.line + 1) * _COLUMNS + min(mark.column + 1, _COLUMNS - 1))


def _unpack(packed: int) -> Position:
    return Position(*divmod(packed, _COLUMNS))


@dataclass
class YamlDocument:
    data: Any
    source: SourceMap


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
