"""One unclear row of a scanned page, as the review page shows it and `--accept` names it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReviewItem:
    file: str  # the scanned file, as given
    page: int
    key: str  # what --accept names: "p1:item5", "p2:2026-12-01:mood"
    label: str  # what the row records, in words
    why: str  # why it is unclear
    choices: tuple[str, ...]  # the values the row can take ("none" = left unanswered)
    crop: bytes  # the row as read (PNG)
    words: tuple[str, ...] = ()  # what each choice means ("Several days"), or "" each
    critical: str = ""  # a critical item's concern ("thoughts of self-harm..."): ask today
