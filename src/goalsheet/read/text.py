"""Read a file as UTF-8 text, safely: a size cap, binary files refused, and the line and
column of the first byte that is not UTF-8. Every problem is a GoalsheetError (GS001)."""

from __future__ import annotations

import errno
from pathlib import Path

from goalsheet.findings import Finding, GoalsheetError
from goalsheet.language import formats
from goalsheet.language.messages import _
from goalsheet.read.contained import regular_file
from goalsheet.read.folders import unreadable_at


def read_text(file: Path, display: str, *, max_bytes: int, kind: str, split_hint: str) -> str:
    """The file's text (without a byte-order mark). `kind` names what the file should be
    ("YAML", "Markdown"); `split_hint` says how to make a too-large file smaller."""
    try:
        if file.exists() and not regular_file(file):
            raise GoalsheetError(
                [
                    Finding(
                        display,
                        1,
                        1,
                        "GS001",
                        _("this is not a regular file (a device, a pipe or a folder)"),
                        # NOTE: kind is a file format: YAML, Markdown or CSV.
                        _("goalsheet reads {kind} text files; remove or replace this one").format(
                            kind=kind
                        ),
                    )
                ]
            )
        size = file.stat().st_size
        if size > max_bytes:
            raise GoalsheetError(
                [
                    Finding(
                        display,
                        1,
                        1,
                        "GS001",
                        _("the file is too large ({size} bytes; the limit is {limit})").format(
                            size=formats.count(size), limit=formats.count(max_bytes)
                        ),
                        split_hint,
                    )
                ]
            )
        with file.open("rb") as stream:
            raw = stream.read(max_bytes + 1)  # the size on disk may not be the truth
    except PermissionError as error:  # how to fix it (GS019)
        raise GoalsheetError([unreadable_at(display, error, folder=False)]) from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise GoalsheetError([unreadable_at(display, error, folder=False)]) from None
        raise GoalsheetError(
            [
                Finding(
                    display,
                    1,
                    1,
                    "GS001",
                    _("cannot read the file: {reason}").format(reason=error.strerror),
                    _("check it exists and you may read it"),
                )
            ]
        ) from None
    return text_of(raw, display, max_bytes=max_bytes, kind=kind, split_hint=split_hint)


def text_of(raw: bytes, display: str, *, max_bytes: int, kind: str, split_hint: str) -> str:
    """`raw` as read_text reads a file of these bytes: the same cap and checks. A writer
    reads back what it is about to write with this, so a reader never refuses it."""
    if len(raw) > max_bytes:
        raise GoalsheetError(
            [
                Finding(
                    display,
                    1,
                    1,
                    "GS001",
                    _("the file is too large (over {limit} bytes)").format(
                        limit=formats.count(max_bytes)
                    ),
                    split_hint,
                )
            ]
        )
    return decode(raw, display, kind)


def decode(raw: bytes, path: str, kind: str) -> str:
    if b"\x00" in raw[:8192]:
        raise GoalsheetError(
            [
                Finding(
                    path,
                    1,
                    1,
                    "GS001",
                    _("this is not a text file (it contains binary data)"),
                    _(
                        "goalsheet reads {kind} text files; move other files out of this folder"
                    ).format(kind=kind),
                )
            ]
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise GoalsheetError(
            [
                Finding(
                    path,
                    line,
                    column,
                    "GS001",
                    _("the file is not UTF-8 text (byte {byte} cannot be read)").format(
                        byte=f"0x{raw[error.start]:02x}"
                    ),
                    _("save the file as UTF-8 in your editor ('Save with encoding' > UTF-8)"),
                )
            ]
        ) from None
    return text.removeprefix("\ufeff")
