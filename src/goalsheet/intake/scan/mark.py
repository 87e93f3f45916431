"""One circle as read: how much of it is dark, and whether it is marked, blank or unclear.
Kept apart from scan/marks.py (which judges rows with OpenCV) so that modules handling
readings load no image library."""

from __future__ import annotations

from dataclasses import dataclass

from goalsheet.paper.scannable.layout import Circle


@dataclass(frozen=True)
class Mark:
    circle: Circle
    fill: float  # 0 (white) to 1 (solid): how much of the circle's inside is dark
    state: str  # "filled" (marked: the answer if it is the only one), "blank" or "unclear"
    style: str = ""  # how it is marked: "fill", "ring" or "stroke" (a tick, cross or line)
