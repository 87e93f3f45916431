"""Where the built-in templates and handouts live: inside the installed package.

A wheel carries them as goalsheet/templates and goalsheet/content. In a source checkout
(an editable install) they are the repository's own top-level folders, which is where they
are edited.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def builtin_dir(name: str) -> Path:
    """The built-in `templates` or `content` folder."""
    packaged = _PACKAGE / name
    if packaged.is_dir():
        return packaged
    checkout = _PACKAGE.parent.parent / name
    if checkout.is_dir() and (_PACKAGE.parent.parent / "pyproject.toml").is_file():
        return checkout
    # Imported here: goalsheet.language reads its catalogues through this module.
    from goalsheet.language.messages import N_, _

    message = N_("goalsheet's built-in '{name}' folder is missing from this install")
    if name != "locales":  # translating reads the catalogues, which are in that folder
        message = _(message)
    raise FileNotFoundError(message.format(name=name))
