"""Whether an image file in content/ can be shown. A browser and the PDF renderer both leave
out an empty, damaged or oversized file without a word, so `check` says so (GS303, a
warning) and the build goes on without the image: the two agree.
"""

from __future__ import annotations

import stat
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
    try:
        # heavy: Pillow loads only when an image is checked
        from PIL import Image

        with Image.open(file) as image:
            image.verify()  # reads the whole file, checking its structure and checksums
    except Exception:  # Pillow raises many kinds for a damaged file
        return _("it is damaged, or not the PNG, JPEG, GIF or WebP image its name says")
    return None
