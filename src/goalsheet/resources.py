"""The built-in templates, handouts, guide and catalogues, or a clear error when one is missing.

`builtin_folders` finds them (inside the installed package, or the checkout's top-level
folders); this module says, in the reader's language, that one is missing from the install.
"""

from __future__ import annotations

from pathlib import Path

from goalsheet.builtin_folders import builtin_folder
from goalsheet.language.messages import N_, _


def builtin_dir(name: str) -> Path:
    """The built-in `templates` or `content` folder."""
    found = builtin_folder(name)
    if found is not None:
        return found
    message = N_("goalsheet's built-in '{name}' folder is missing from this install")
    if name != "locales":  # translating reads the catalogues, which are in that folder
        message = _(message)
    raise FileNotFoundError(message.format(name=name))
