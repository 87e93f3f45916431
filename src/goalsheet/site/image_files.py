"""Whether an image file in content/ can be shown. A browser and the PDF renderer both leave
out an empty, damaged or oversized file without a word, so `check` says so (GS303, a
warning) and the build goes on without the image: the two agree.
"""

from __future__ import annotations

import stat
import struct
import zlib
from pathlib import Path

from goalsheet.language.messages import _

# The PDF renderer loads no larger file (render/fetcher.py, MAX_ASSET_BYTES; not imported
# from there, as that would load WeasyPrint into `check`).
MAX_ASSET_BYTES = 20 * 1024 * 1024


def image_problem(file: Path) -> str | None:
    """What keeps the image file from being shown, or None (also when it is not there or
    not a regular file: that is reported as a missing image)."""
    try:
        info = file.stat()
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    if info.st_size == 0:
        return _("the file is empty")
    if info.st_size > MAX_ASSET_BYTES:
        # NOTE: {size} is a size with its unit, e.g. "20 MB".
        return _("the file is larger than {size}").format(size="20 MB")
    if file.suffix.lower() == ".svg":
        return None  # XML, not a raster image: read by the SVG checks
    if _sound_png(file):
        return None  # the usual case, decided without loading Pillow (~25 ms a build)
    try:
        # heavy: Pillow loads only when an image is checked
        from PIL import Image

        with Image.open(file) as image:
            image.verify()  # reads the whole file, checking its structure and checksums
    except Exception:  # Pillow raises many kinds for a damaged file
        return _("it is damaged, or not the PNG, JPEG, GIF or WebP image its name says")
    return None


_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# (bit depth, colour type) pairs a PNG may declare, as Pillow's PNG reader knows them.
_PNG_MODES = frozenset(
    {(1, 0), (2, 0), (4, 0), (8, 0), (16, 0), (8, 2), (16, 2), (1, 3), (2, 3), (4, 3), (8, 3)}
    | {(8, 4), (16, 4), (8, 6), (16, 6)}
)
_MAX_PIXELS = 2 * 89_478_485  # Pillow refuses to open more (2 * Image.MAX_IMAGE_PIXELS)


def _sound_png(file: Path) -> bool:
    """Whether `file` is a PNG whose every chunk is whole and matches its checksum, with a
    header Pillow accepts, image data, and an end: everything Pillow's verify() checks in
    a PNG. False is no verdict: the file then goes to Pillow, which decides as before."""
    try:
        data = file.read_bytes()
    except OSError:
        return False
    if not data.startswith(_PNG_SIGNATURE):
        return False
    position, first, has_data = len(_PNG_SIGNATURE), True, False
    while position + 12 <= len(data):
        length, kind = struct.unpack_from(">I4s", data, position)
        end = position + 8 + length
        if end + 4 > len(data):
            return False
        (checksum,) = struct.unpack_from(">I", data, end)
        if zlib.crc32(data[position + 4 : end]) != checksum:
            return False
        if first != (kind == b"IHDR") or (first and not _sound_header(data[position + 8 : end])):
            return False
        if kind == b"IEND":
            return has_data
        has_data = has_data or kind == b"IDAT"
        first, position = False, end + 4
    return False


def _sound_header(header: bytes) -> bool:
    if len(header) != 13:
        return False
    width, height, depth, colour, compression, filtering, interlace = struct.unpack(
        ">IIBBBBB", header
    )
    shape = 0 < width < 2**31 and 0 < height < 2**31 and width * height <= _MAX_PIXELS
    standard = compression == 0 and filtering == 0 and interlace in (0, 1)
    return shape and standard and (depth, colour) in _PNG_MODES
