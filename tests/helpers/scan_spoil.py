"""How pages reach goalsheet: turned on a scanner's glass, seen at a slant, blurred, noisy,
on grey or yellowish paper, in a shadow, lit unevenly by a phone, saved as JPEG. Used by
tests/scan_corpus.py and the scan tests."""

from __future__ import annotations

import math
import random

import cv2
import numpy as np


def rotate(image: np.ndarray, degrees: float) -> np.ndarray:
    """The page turned on a scanner's glass: the glass is larger than the page, so nothing
    of the page is cut off."""
    pad = round(0.06 * max(image.shape[:2]))
    border = (235, 235, 235) if image.ndim == 3 else 235
    image = cv2.copyMakeBorder(image, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=border)
    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    return cv2.warpAffine(image, matrix, (w, h), borderValue=border)


def perspective(image: np.ndarray, rng: random.Random, most: float = 0.05) -> np.ndarray:
    h, w = image.shape[:2]
    d = [rng.uniform(0, most) for _ in range(8)]
    source = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    target = np.float32([[d[0] * w, d[1] * h], [w - d[2] * w, d[3] * h],
                         [w - d[4] * w, h - d[5] * h], [d[6] * w, h - d[7] * h]])  # fmt: skip
    matrix = cv2.getPerspectiveTransform(source, target + 40)
    table = rng.randint(90, 160)  # a table
    background = (table, table, table) if image.ndim == 3 else table
    return cv2.warpPerspective(image, matrix, (w + 80, h + 80), borderValue=background)


def _jpeg(page: np.ndarray, quality: int) -> np.ndarray:
    ok, jpeg = cv2.imencode(".jpg", page, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    return cv2.imdecode(jpeg, cv2.IMREAD_UNCHANGED)


def phone_photo(image: np.ndarray, rng: random.Random) -> np.ndarray:
    """A phone photo: the page at a slant on a table, lit unevenly from one side, a little
    soft, noisy, saved as JPEG; in colour."""
    page = perspective(image, rng, most=0.08)
    work = page.astype(np.float32)
    h, w = work.shape[:2]
    turn = rng.uniform(0, 2 * math.pi)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    slope = ((xx / w - 0.5) * math.cos(turn) + (yy / h - 0.5) * math.sin(turn)) * 2
    light = 1.0 - rng.uniform(0.15, 0.35) * (slope + 1) / 2  # from 1 down to 0.65-0.85
    work *= light[..., None] if work.ndim == 3 else light
    work = cv2.GaussianBlur(work, (3, 3), rng.uniform(0.5, 1.0))
    work += np.random.default_rng(rng.randint(0, 10**6)).normal(0, rng.uniform(2, 5),
                                                               work.shape)  # fmt: skip
    return _jpeg(np.clip(work, 0, 255).astype(np.uint8), rng.choice([60, 75, 85]))


def spoil(image: np.ndarray, rng: random.Random) -> tuple[np.ndarray, bool]:
    """One of the ways a page reaches goalsheet, or several at once; and whether it was
    a phone photo (else a scanner)."""
    if rng.random() < 0.25:
        return phone_photo(rotate(image, rng.uniform(-4, 4)), rng), True
    page = image if rng.random() < 0.3 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    if rng.random() < 0.5:
        page = rotate(page, rng.uniform(-5, 5))
    if rng.random() < 0.15:
        page = rotate(page, 180 + rng.uniform(-3, 3))
    if rng.random() < 0.4:
        page = perspective(page, rng)
    work = page.astype(np.float32)
    if rng.random() < 0.5:
        size = rng.choice([3, 5])
        work = cv2.GaussianBlur(work, (size, size), rng.uniform(0.6, 1.4))
    if rng.random() < 0.5:  # grey or yellowish paper
        work = work * rng.uniform(0.78, 0.9) + rng.uniform(10, 25)
    if rng.random() < 0.4:  # a shadow across one edge
        w = work.shape[1]
        band = w // rng.randint(4, 7)
        shade = np.linspace(rng.uniform(0.55, 0.8), 1.0, band, dtype=np.float32)
        work[:, :band] *= shade[:, None] if work.ndim == 3 else shade
    if rng.random() < 0.6:
        work += np.random.default_rng(rng.randint(0, 10**6)).normal(0, rng.uniform(2, 7),
                                                                   work.shape)  # fmt: skip
    page = np.clip(work, 0, 255).astype(np.uint8)
    if rng.random() < 0.6:
        page = _jpeg(page, rng.choice([40, 55, 70, 85]))
    return page, False
