"""The text of an import's new entries files: what `check` will read, so it must read them.

Each file is read back before it is written by the very reader `check` uses, with the same
caps (read/yaml_source.read_yaml_bytes: size, UTF-8 text, nesting depth, then the entries
model). An import too large for one file (a long CSV export) is split into several files,
each within the caps, never into a file `check` would refuse; a single value too large for
any file is refused with the limit named (GS407).
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import yaml

from goalsheet.findings import Finding, GoalsheetError
from goalsheet.intake.items import Item, as_entries
from goalsheet.intake.outcome import EntriesText, Outcome
from goalsheet.language import formats
from goalsheet.language.messages import _
from goalsheet.model.entries import EntryFile
from goalsheet.project.validate import validate
from goalsheet.read.yaml_source import MAX_BYTES, read_yaml_bytes

FILL = 0.85
"""How full a split part is planned to be: room for a longer line here and there."""

SAMPLE = 5_000
"""Above this many values, a file's size is first estimated from a sample of them."""


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """PlainDumper's output (no anchors or aliases), with libyaml's emitter when PyYAML has
    it: several times faster on an import of many thousand values, the same text."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


class TooLarge(Exception):
    """One value alone makes a file over the reader's size cap."""

    def __init__(self, item: Item, size: int) -> None:
        super().__init__(item.label)
        self.item, self.size = item, size


def entries_texts(outcome: Outcome, target: str, today: dt.date) -> list[EntriesText]:
    """The files holding `outcome.adds`: one, or as many as keep each within the caps.
    GoalsheetError (GS404, GS407) if they could not be read back as `check` reads them."""
    items = sorted(outcome.adds, key=_order)
    try:
        parts = _parts(outcome, items, today)
    except TooLarge as large:
        raise GoalsheetError(
            [
                Finding(
                    outcome.path,
                    1,
                    1,
                    "GS407",
                    # NOTE: what is the value's label ("Note on 2026-11-20"); size and limit
                    # are numbers of bytes.
                    _(
                        "{what} is too large to import: it alone makes an entries file of "
                        "{size} bytes, over the limit of {limit} bytes that `check` reads"
                    ).format(
                        what=large.item.label,
                        size=formats.count(large.size),
                        limit=formats.count(MAX_BYTES),
                    ),
                    _("shorten the value (it is at {where}), then import again").format(
                        where=large.item.where
                    ),
                )
            ]
        ) from None
    if len(parts) == 1:
        return [EntriesText(target, _checked(parts[0], target))]
    stem = target.removesuffix(".yaml")
    width = len(str(len(parts)))
    return [
        EntriesText(name, _checked(text, name))
        for number, text in enumerate(parts, start=1)
        for name in [f"{stem}-part{number:0{width}d}of{len(parts)}.yaml"]
    ]


def _order(item: Item) -> tuple[str, str, str]:
    # as_entries' order, so each part covers a stretch of dates
    return str(item.key[0]), str(item.key[1]), str(item.key[2:])


def _parts(outcome: Outcome, items: list[Item], today: dt.date) -> list[str]:
    """The text of each part; one part when everything fits."""
    size = _estimate(outcome, items, today)
    if size <= MAX_BYTES:  # nearly every import: one file
        whole = entries_yaml(outcome, items, today)
        size = len(whole.encode("utf-8"))
        if size <= MAX_BYTES:
            return [whole]
    per = max(1, math.floor(len(items) * MAX_BYTES * FILL / size))  # items in a part
    texts: list[str] = []
    chunk: list[list[Item]] = []
    count = 0
    for group in _groups(items):
        if chunk and count + len(group) > per:
            texts += _fitting(outcome, chunk, today)
            chunk, count = [], 0
        chunk.append(group)
        count += len(group)
    return texts + _fitting(outcome, chunk, today)


def _estimate(outcome: Outcome, items: list[Item], today: dt.date) -> int:
    """The bytes of one file holding `items`, from a sample spread over them when they
    are many (rendering a large import only to learn it is too large would double the work)."""
    if len(items) <= SAMPLE:
        return 0  # render it whole and see
    sample = items[:: math.ceil(len(items) / SAMPLE)]
    text = entries_yaml(outcome, sample, today)
    return math.ceil(len(text.encode("utf-8")) * len(items) / len(sample))


def _groups(items: list[Item]) -> list[list[Item]]:
    """Items of one record and day together: a day's diary stays in one file."""
    groups: list[list[Item]] = []
    for item in items:
        if groups and groups[-1][0].key[:2] == item.key[:2]:
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def _fitting(outcome: Outcome, groups: list[list[Item]], today: dt.date) -> list[str]:
    """`groups` in as few texts as fit, halving where one does not."""
    items = [item for group in groups for item in group]
    text = entries_yaml(outcome, items, today, split=True)
    size = len(text.encode("utf-8"))
    if size <= MAX_BYTES:
        return [text]
    if len(groups) == 1:
        if len(items) == 1:
            raise TooLarge(items[0], size)
        groups = [[item] for item in items]  # one day too long: split the day itself
    half = len(groups) // 2
    return _fitting(outcome, groups[:half], today) + _fitting(outcome, groups[half:], today)


def entries_yaml(outcome: Outcome, items: list[Item], today: dt.date, split: bool = False) -> str:
    """The text of one new entries file holding `items` (`split`: one of several)."""
    assert outcome.merged is not None
    source = f"import of {outcome.form} ({Path(outcome.path).name}) on {today.isoformat()}"
    data = as_entries(items, source)
    if outcome.merged.corrects:
        data = {"source": data.pop("source"), "corrects": True, **data}
    # NOTE: the comment at the top of an imported entries file; each line becomes "# line".
    comment = _(
        "Imported by goalsheet on {date} from {file}.\n"
        "goalsheet never edits this file again. To correct a value, import again with\n"
        "--prefer new, or edit this file by hand."
    ).format(date=today.isoformat(), file=Path(outcome.path).name)
    if split:
        # NOTE: one more line of that comment, in an import written as several files.
        comment += "\n" + _(
            "The import was too large for one file: it is split into files named ...-partNofM."
        )
    header = "".join(f"# {line}\n" for line in comment.splitlines())
    return header + yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=None,
        width=100,
    )


def _checked(text: str, target: str) -> bytes:
    """`text` as bytes, once it reads back as `check` would read the file (never bad YAML)."""
    data = text.encode("utf-8")
    validate(EntryFile, read_yaml_bytes(data, target))
    return data
