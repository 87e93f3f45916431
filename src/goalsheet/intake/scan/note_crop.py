"""A note box's picture: handwriting is kept as it was written, beside the client's data,
never read by a machine."""

from __future__ import annotations

from dataclasses import dataclass

NOTES_DIR = "scans"  # goalsheets/<ID>/scans/: the pictures of a client's handwritten notes


@dataclass(frozen=True)
class NoteCrop:
    name: str  # the file name it is kept under, e.g. "2026-11-23-note.png"
    label: str  # what the box is for, for people: "Anything to note on 2026-11-23"
    page: str  # the scanned page it is on, for messages
    png: bytes
