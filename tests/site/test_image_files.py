"""The quick PNG check (site/image_files.py) never passes a file Pillow would refuse: it
decides most content images without loading Pillow, and must not weaken GS303."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from goalsheet.site.image_files import _sound_png, image_problem


def _pillow_accepts(data: bytes) -> bool:
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except Exception:  # Pillow raises many kinds for a damaged file
        return False
    return True


def _png(mode: str, size: tuple[int, int] = (5, 3), **options: object) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size).save(out, "PNG", **options)
    return out.getvalue()


@pytest.mark.parametrize("mode", ["1", "L", "LA", "P", "RGB", "RGBA", "I;16"])
def test_pillow_made_pngs_pass_without_pillow(tmp_path: Path, mode: str) -> None:
    file = tmp_path / "a.png"
    file.write_bytes(_png(mode))
    assert _sound_png(file)
    assert image_problem(file) is None


def test_interlaced_png_passes(tmp_path: Path) -> None:
    file = tmp_path / "a.png"
    file.write_bytes(_png("RGB", (9, 9), interlace=1))
    assert _sound_png(file)


def test_no_damaged_png_passes_that_pillow_refuses(tmp_path: Path) -> None:
    """Every single-byte change and every cut of a small PNG: where the quick check says
    sound, Pillow agrees; where Pillow refuses, image_problem names it."""
    original = _png("RGB", (4, 4))
    variants = [original[:cut] for cut in range(len(original))]
    for index in range(len(original)):
        for flip in (0x01, 0x80):
            changed = bytearray(original)
            changed[index] ^= flip
            variants.append(bytes(changed))
    file = tmp_path / "a.png"
    refused = 0
    for data in variants:
        file.write_bytes(data)
        accepted = _pillow_accepts(data)
        if _sound_png(file):
            assert accepted, data
        if data and not accepted:
            refused += 1
            assert image_problem(file) is not None, data
    assert refused > len(variants) // 2  # the mutations did break files


def test_other_formats_still_go_to_pillow(tmp_path: Path) -> None:
    jpeg = io.BytesIO()
    Image.new("RGB", (4, 4)).save(jpeg, "JPEG")
    file = tmp_path / "a.png"  # a JPEG under a PNG name: shown by browsers, as before
    file.write_bytes(jpeg.getvalue())
    assert not _sound_png(file)
    assert image_problem(file) is None
    file.write_bytes(b"GIF89a not really")
    assert image_problem(file) is not None


def test_oversized_dimensions_are_left_to_pillow(tmp_path: Path) -> None:
    data = bytearray(_png("L", (1, 1)))
    data[16:24] = (70000).to_bytes(4, "big") * 2  # IHDR width and height; its checksum now fails
    file = tmp_path / "a.png"
    file.write_bytes(bytes(data))
    assert not _sound_png(file)
    assert image_problem(file) is not None
