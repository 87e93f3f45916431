"""One file a command writes on request (-o FILE, or its default name here): owner-only
(0600, in owner-only folders) when it lies among the client data of the project (private/,
goalsheets/...), and then remembered, so `build --clean` may remove it."""

from __future__ import annotations

import os
from pathlib import Path

from goalsheet.output_folders import PRIVATE_FILE_MODE, prepare_private_target
from goalsheet.output_record import remember
from goalsheet.write import write_bytes_atomic


def write_output(target: Path, data: bytes, root: Path, *, mode: int = 0o600) -> bool:
    """Write `data` to `target` atomically with `mode`, 0600 whatever `mode` when it is
    among the client data of the project at `root`; whether it is. Raises OSError."""
    private = prepare_private_target(target, root)
    write_bytes_atomic(target, data, mode=PRIVATE_FILE_MODE if private else mode)
    if private:
        remember(root, [target])
    return private


def settle_output(target: Path, root: Path) -> None:
    """A file just written by another writer (a worksheet: 0644 when blank): made 0600 and
    remembered when it is among the client data. Raises OSError."""
    if prepare_private_target(target, root):
        os.chmod(target, PRIVATE_FILE_MODE)
        remember(root, [target])
