"""Remove outputs whose inputs are gone (a removed client, worksheet or page), as the
ledger names them."""

from __future__ import annotations

import contextlib
from pathlib import Path, PurePosixPath

from goalsheet.project import Project


def remove_stale(root: Path, project: Project, outputs: list[str]) -> int:
    """Remove `outputs`, only ever inside site/ and private/: the record names the file
    under one of them, no link on the way leads out of it, and a link is removed itself,
    never what it points to. How many were removed."""
    names = [project.config.output.site, project.config.output.private]
    folders = [(root / name).resolve() for name in names]
    removed = 0
    for output in outputs:
        path = PurePosixPath(output)
        if ".." in path.parts or not any(path.is_relative_to(name) for name in names):
            continue
        target = root / output
        try:
            parent = target.parent.resolve(strict=True)
        except (OSError, RuntimeError):
            continue
        if not any(parent.is_relative_to(folder) for folder in folders):
            continue
        with contextlib.suppress(OSError):
            (parent / target.name).unlink()  # a folder is refused: IsADirectoryError
            removed += 1
            if parent not in folders and not any(parent.iterdir()):
                parent.rmdir()  # a removed client's own folder
    return removed
