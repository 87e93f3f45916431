"""Compare what an import would add with what the client's entries already hold: a value
that is already there adds nothing (so importing the same form twice adds nothing), and a
different value for the same day and tracker (or rating, questionnaire, review) is a
conflict, shown with both values and changed only when the user says which to keep."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from goalsheet.intake.items import Item, existing, same
from goalsheet.model.entries import EntryFile

Prefer = Literal["new", "old"] | None


@dataclass(frozen=True)
class Conflict:
    item: Item
    old: Any


@dataclass
class Merged:
    new: list[Item] = field(default_factory=list)  # to write
    already: list[Item] = field(default_factory=list)  # the same value is there
    conflicts: list[Conflict] = field(default_factory=list)  # left unresolved
    replaced: list[Conflict] = field(default_factory=list)  # --prefer new: new value written
    kept: list[Conflict] = field(default_factory=list)  # --prefer old: old value kept

    @property
    def corrects(self) -> bool:
        """The new file replaces values in earlier files (`corrects: true`)."""
        return bool(self.replaced)


class Known:
    """Every keyed value a client's entries hold, the latest correction winning."""

    def __init__(self, files: Iterable[EntryFile]) -> None:
        self.values: dict[tuple[Hashable, ...], Any] = {}
        ordered = list(files)
        for entries in [f for f in ordered if not f.corrects] + [f for f in ordered if f.corrects]:
            for key, value in existing(entries):
                self.values[key] = value

    def add(self, items: Iterable[Item]) -> None:
        for item in items:
            self.values[item.key] = item.value


def merge(items: list[Item], known: Known, prefer: Prefer) -> Merged:
    out = Merged()
    seen: dict[tuple[Hashable, ...], Item] = {}
    for item in items:
        if item.key in seen:  # the same form gave one key twice: keep the first
            continue
        seen[item.key] = item
        if item.key not in known.values:
            out.new.append(item)
            continue
        old = known.values[item.key]
        if same(old, item.value):
            out.already.append(item)
        elif prefer == "new":
            out.replaced.append(Conflict(item, old))
            out.new.append(item)
        elif prefer == "old":
            out.kept.append(Conflict(item, old))
        else:
            out.conflicts.append(Conflict(item, old))
    return out
