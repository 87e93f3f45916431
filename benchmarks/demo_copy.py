"""A copy of the demo project in a folder of a benchmark's own, so nothing it does touches
the repository's goalsheets/."""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEMO_PARTS = ("goalsheet.yaml", "goalsheets", "content", "branding")


def copy_demo(root: Path) -> Path:
    """The demo project copied to `root` (made here; it must not exist yet)."""
    root.mkdir(parents=True)
    for name in DEMO_PARTS:
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
    return root
