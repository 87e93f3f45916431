"""The command a reviewer runs after the review page: the same import again, with the same
files and options, to which the page adds one `--accept KEY=VALUE` for each row chosen.

The page's script quotes each argument as `shlex.quote` does here (a file name with a space
or a quote in it), so what it shows can be pasted into a POSIX shell as is.
"""

from __future__ import annotations

import datetime as dt
import shlex
from collections.abc import Sequence
from pathlib import Path


def import_again(
    files: Sequence[Path | str],
    *,
    client: str | None = None,
    prefer: str | None = None,
    date: dt.date | None = None,
    as_of: dt.date | None = None,
    project: Path | None = None,
    skip_invalid: bool = False,
    accepted: Sequence[str] = (),
) -> list[str]:
    """`goalsheet import` with the files and the options that change what is read or
    written (not --dry-run: the reviewed run is meant to write), and the decisions already
    made (a later --accept for the same row wins)."""
    args = ["goalsheet", "import", *map(str, files)]
    given = {
        "--client": client,
        "--prefer": prefer,
        "--date": date and f"{date:%Y-%m-%d}",
        "--as-of": as_of and f"{as_of:%Y-%m-%d}",
        "--project": str(project) if project is not None and project != Path(".") else None,
    }
    for flag, value in given.items():
        if value:
            args += [flag, value]
    args += ["--skip-invalid"] if skip_invalid else []
    for decided in accepted:
        args += ["--accept", decided]
    return args


def as_typed(args: Sequence[str]) -> str:
    """The command as it is typed into a POSIX shell."""
    return shlex.join(args)
