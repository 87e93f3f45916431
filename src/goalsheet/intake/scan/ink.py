"""Ink on a straightened page: how far each pixel is from the paper around it towards the
printed black, as three masks (ink, a light line such as pencil's, a faint tint).

The paper's level is estimated everywhere at once (a shadow, a grey or yellowish page, a
photo lit from one side), so a pixel is judged against the paper just around it, not
against a single threshold for the page.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from goalsheet.paper.scannable.layout import PX_PER_MM as PX_PER_MM

MARKED = 0.4  # a pen's or a pencil's line: darker than the grey digits printed in circles
LIGHT = 0.3  # a pencil's or a light pen's thin line (outside the circles: nothing is grey)
FAINT = 0.15  # a pixel this far from the paper towards the ink is marked, however lightly
PAPER_SPAN = 11  # mm: the paper's level is the brightest there is within this square
# (larger than a filled circle, so a fill does not darken its own paper level)


@dataclass(frozen=True)
class Ink:
    """The masks of one straightened page (uint8, 255 where true, same shape as it)."""

    marked: np.ndarray
    light: np.ndarray
    tint: np.ndarray


def ink_masks(warped: np.ndarray, levels: tuple[float, float]) -> Ink:
    """The page's ink, judged against its paper; `levels` are the printed black's and the
    paper's grey where the corner marks are."""
    ink, paper = levels
    contrast = max(0.2, 1.0 - ink / paper) if paper > 0 else 1.0
    background = paper_level(warped)
    # The ratio of each pixel to its paper (255 = paper): a shadow darkens both alike.
    ratio = cv2.divide(warped, background, scale=255)

    def darker_than(share: float) -> np.ndarray:
        limit = round(255.0 * (1.0 - share * contrast))
        # 255 where the ratio is at most limit - 1, i.e. darker than the limit
        _limit, mask = cv2.threshold(ratio, limit - 1, 255, cv2.THRESH_BINARY_INV)
        return mask

    return Ink(darker_than(MARKED), darker_than(LIGHT), darker_than(FAINT))


def paper_level(warped: np.ndarray) -> np.ndarray:
    """The paper's grey under every pixel: the page averaged to 1 mm squares, its dark
    features closed over (nothing printed or written in a row is wider than PAPER_SPAN),
    smoothed and brought back to full size."""
    h, w = warped.shape
    small = cv2.resize(warped, (round(w / PX_PER_MM), round(h / PX_PER_MM)),
                       interpolation=cv2.INTER_AREA)  # fmt: skip
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (PAPER_SPAN, PAPER_SPAN))
    closed = cv2.morphologyEx(small, cv2.MORPH_CLOSE, kernel, borderType=cv2.BORDER_REPLICATE)
    smooth = cv2.blur(closed, (5, 5))
    result: np.ndarray = cv2.resize(np.maximum(smooth, 1), (w, h), interpolation=cv2.INTER_LINEAR)
    return result
