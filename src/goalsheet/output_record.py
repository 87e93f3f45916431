"""The record of output files goalsheet wrote that no build ledger lists: the site's
assets, logo and images, and what a command wrote with -o into the private folder
(`.goalsheet-cache/written.json`, paths relative to the project). `build --clean` removes
a folder only when goalsheet wrote everything in it, and this is how it knows.

The record errs towards refusing: a lost update (two commands at once) or a deleted cache
makes `--clean` stop and name the files, never remove one it does not know.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from goalsheet.read import json_text
from goalsheet.read.private_paths import CACHE as CACHE_DIR  # one name, not site's import
from goalsheet.write import write_text_atomic

RECORD = "written.json"
MAX_RECORDED = 100_000  # paths kept; beyond it `--clean` names the rest as unknown


def recorded(root: Path) -> set[str]:
    """Every path the record holds (relative to the project, '/'-separated)."""
    try:
        data = json_text.loads((root / CACHE_DIR / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    files = data.get("files") if isinstance(data, dict) else None
    return {str(path) for path in files} if isinstance(files, list) else set()


def remember(root: Path, paths: Iterable[Path]) -> None:
    """Add `paths` (files just written) to the record; those no longer there are dropped.
    A record that cannot be written is no error: `--clean` then asks before removing."""
    base = Path(os.path.abspath(root))
    new = set()
    for path in paths:
        absolute = Path(os.path.abspath(path))
        if absolute.is_relative_to(base):
            new.add(absolute.relative_to(base).as_posix())
    if not new:
        return
    before = recorded(root)
    if new <= before:
        return
    kept = sorted(p for p in before if (base / p).exists()) + sorted(new - before)
    with contextlib.suppress(OSError):
        text = json.dumps({"files": kept[-MAX_RECORDED:]}, indent=0)
        write_text_atomic(root / CACHE_DIR / RECORD, text, sync=False)


def forget(root: Path, folders: Iterable[str]) -> None:
    """Drop what the record holds under `folders` (just removed by `--clean`), so a file a
    person puts there later is never taken for goalsheet's."""
    gone = [PurePosixPath(folder) for folder in folders]
    before = recorded(root)
    kept = sorted(p for p in before if not any(PurePosixPath(p).is_relative_to(g) for g in gone))
    if len(kept) == len(before):
        return
    with contextlib.suppress(OSError):
        write_text_atomic(root / CACHE_DIR / RECORD, json.dumps({"files": kept}, indent=0))
