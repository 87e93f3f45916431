"""Where the built-in folders live: inside the installed package, or the checkout's own.

A wheel carries them as goalsheet/templates, goalsheet/content, goalsheet/guide and
goalsheet/locales. In a source checkout (an editable install) they are the repository's own
top-level folders, which is where they are edited. This module imports nothing of goalsheet's:
the catalogues (language) find their folder here, and `resources.builtin_dir` says, in the
reader's language, when one is missing.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def builtin_folder(name: str) -> Path | None:
    """The built-in `templates`, `content`, `guide` or `locales` folder; None when missing."""
    packaged = _PACKAGE / name
    if packaged.is_dir():
        return packaged
    checkout = _PACKAGE.parent.parent / name
    if checkout.is_dir() and (_PACKAGE.parent.parent / "pyproject.toml").is_file():
        return checkout
    return None
