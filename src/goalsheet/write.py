"""Atomic writes: a temporary file in the same folder, then a rename. Never half a file."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path


def write_bytes_atomic(path: Path, data: bytes, *, mode: int = 0o644, sync: bool = True) -> None:
    """Write `data` to `path` so that readers see the old file or the whole new one.

    `sync` also survives a power cut (fsync before the rename); without it a crashed or
    killed process still leaves the old file or the whole new one."""
    temporary = _temporary(path, data, mode, sync)
    try:
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str, *, mode: int = 0o644, sync: bool = True) -> None:
    write_bytes_atomic(path, text.encode("utf-8"), mode=mode, sync=sync)


def write_new_atomic(path: Path, data: bytes, *, mode: int = 0o600) -> None:
    """Create `path` whole, or raise FileExistsError and leave it alone: a file that is
    already there (one a person wrote, say) is never replaced."""
    temporary = _temporary(path, data, mode, sync=True)
    try:
        os.link(temporary, path)  # fails if the name is taken, unlike a rename
    finally:
        Path(temporary).unlink(missing_ok=True)


def _temporary(path: Path, data: bytes, mode: int, sync: bool) -> str:
    """`data` in a new temporary file beside `path` (same folder, so a rename is atomic)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            if sync:
                os.fsync(stream.fileno())
        os.chmod(temporary, mode)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return temporary


_TEMPORARY = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")  # what _temporary names (mkstemp)


def sweep_temporaries(folder: Path) -> int:
    """Remove the temporary files an interrupted run left in `folder` (a killed process
    cannot clean up after itself), so none is ever published. Only goalsheet's own names."""
    removed = 0
    if not folder.is_dir():
        return 0
    for path in folder.rglob(".*.tmp"):
        if _TEMPORARY.match(path.name) and path.is_file() and not path.is_symlink():
            path.unlink(missing_ok=True)
            removed += 1
    return removed
