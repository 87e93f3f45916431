"""Finding the project a command works on, as git finds its repository: the nearest folder,
from the working folder upwards, whose goalsheet.yaml holds the practice's settings.

A client's goalsheets/<ID>/goalsheet.yaml is never taken for the practice's: a folder is
passed over when its goalsheet.yaml starts a client's sheet (a top-level `client:` key), or
when it sits in a goalsheets/ folder beside a goalsheet.yaml. So `goalsheet check` inside
goalsheets/C-0142/, or in a sub-folder of content/, works on the whole project.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

CONFIG_FILE = "goalsheet.yaml"
CLIENTS_DIR = "goalsheets"

_CLIENT_KEY = re.compile(rb"^client\s*:", re.MULTILINE)  # a client sheet's first key
_LOOK = 64 * 1024  # the top-level keys of a sheet are near its start; no need to read more


def is_client_sheet(folder: Path) -> bool:
    """Whether `folder`'s goalsheet.yaml is a client's sheet rather than a practice's."""
    parent = folder.absolute().parent
    if parent.name == CLIENTS_DIR and (parent.parent / CONFIG_FILE).is_file():
        return True
    try:
        with (folder / CONFIG_FILE).open("rb") as file:
            start = file.read(_LOOK)
    except OSError:
        return False  # loading the project says why it cannot be read
    return _CLIENT_KEY.search(start) is not None


def find_root(start: Path) -> Path | None:
    """The project folder at or above `start`, relative to `start` when it is above it
    ("../.."), so the paths a command prints still work where the person is; None when no
    folder up to the top of the file system is a project."""
    try:
        here = start.absolute()
    except OSError:  # the working folder was removed
        return None
    for folder in (here, *here.parents):
        try:
            found = (folder / CONFIG_FILE).is_file() and not is_client_sheet(folder)
        except OSError:
            found = False
        if found:
            return start if folder == here else start / os.path.relpath(folder, here)
    return None
