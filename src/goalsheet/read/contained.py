"""Whether a file may be read: a regular file (not a device, a pipe or a folder) whose real
path, links followed, is inside one of the allowed folders. A link out of the project is
never followed, so nothing outside it can be published or embedded."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


def contained(path: Path, roots: Iterable[Path]) -> bool:
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):  # missing, or a loop of links
        return False
    if not real.is_file():
        return False
    return any(real.is_relative_to(root.resolve()) for root in roots)


def regular_file(path: Path) -> bool:
    """A regular file (links followed): never a device such as /dev/zero, which reads forever."""
    try:
        return path.is_file()
    except OSError:
        return False


MAX_HASHED = 200_000_000  # a file bigger than this is keyed by its size and date alone


def fingerprint(path: Path) -> bytes:
    """Bytes that change when the file does, read safely: nothing for a missing file or a
    device, its contents for a regular file."""
    if not regular_file(path):
        return b"\0not a file"
    try:
        stat = path.stat()
        if stat.st_size > MAX_HASHED:
            return f"\0{stat.st_size}:{stat.st_mtime_ns}".encode()
        with path.open("rb") as stream:
            return stream.read(MAX_HASHED)
    except OSError:
        return b"\0unreadable"
