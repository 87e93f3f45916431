"""Where the build writes, checked before anything is written or removed there.

output.site and output.private must each be a folder inside the project: not the project
itself, not a link out of it, and neither inside nor around the other one, content/,
templates/, goalsheets/ (or a client's folder) or the cache. Otherwise the site would
publish client data, reports would land in the public site, or `build --clean` would
remove what it did not make.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path, PurePosixPath

from goalsheet.findings import Finding, GoalsheetError
from goalsheet.language.messages import _
from goalsheet.project import CLIENTS_DIR, CONFIG_FILE, CONTENT_DIR, TEMPLATES_DIR, Project
from goalsheet.read.private_paths import CACHE as CACHE_DIR
from goalsheet.read.private_paths import PrivatePlaces

KEEP_APART = (CONTENT_DIR, TEMPLATES_DIR, CLIENTS_DIR, CACHE_DIR)
DEFAULTS = {"site": "site", "private": "private"}


PRIVATE_FILE_MODE = 0o600
PRIVATE_FOLDER_MODE = 0o700


class OutputFolderError(GoalsheetError):
    """output.site or output.private cannot be used: nothing is built."""


def require_output_folders(project: Project) -> None:
    """Raise OutputFolderError (findings with the line in goalsheet.yaml) unless both
    output folders can be written and cleaned safely."""
    findings = output_findings(project)
    if findings:
        raise OutputFolderError(findings)


def output_findings(project: Project) -> list[Finding]:
    """An error for each output folder that is not a folder of its own in the project."""
    output = project.config.output
    findings = []
    for key, value in (("site", output.site), ("private", output.private)):
        setting = f"output.{key}"
        problem = _placement(project.root, setting, value)
        code = "GS017"
        if problem is None:
            others = [*KEEP_APART, *([output.site] if key == "private" else [])]
            problem = _overlap(project, setting, value, others)
            code = "GS018"
        if problem is not None:
            hint = _(
                "give a folder of its own inside the project, such as '{default}': the site, "
                "the private outputs, content/, templates/ and goalsheets/ never share one"
            ).format(default=DEFAULTS[key])
            findings.append(project.config_source.finding(("output", key), code, problem, hint))
    return findings


def _placement(root: Path, key: str, value: str) -> str | None:
    """Why `value` is not a folder inside the project, or None."""
    name = PurePosixPath(value)
    if not value.strip() or name.is_absolute() or ".." in name.parts or "\\" in value:
        # NOTE: {key} is output.site or output.private; {value} the folder given there.
        message = _("{key}: '{value}' is not a folder inside the project")
    elif not name.parts:
        # NOTE: {key} is output.site or output.private; {value} the folder given there.
        message = _("{key}: '{value}' is the project folder itself")
    elif not _real(root / value).is_relative_to(_real(root)) or _real(root / value) == _real(root):
        # NOTE: {key} is output.site or output.private; {value} the folder given there.
        message = _("{key}: '{value}' is a link to a folder outside the project")
    elif (root / value).exists() and not (root / value).is_dir():
        # NOTE: {key} is output.site or output.private; {value} the folder given there.
        message = _("{key}: '{value}' is a file, not a folder")
    else:
        return None
    return message.format(key=key, value=value)


def _overlap(project: Project, key: str, value: str, others: list[str]) -> str | None:
    """The first of `others` (or a client's folder) that `value` is, is in, or holds."""
    root = project.root
    mine, real = PurePosixPath(value).parts, _real(root / value)
    clients = PrivatePlaces(root, private="").folders()  # each client's folder, links followed
    named = [(other, PurePosixPath(other).parts, _real(root / other)) for other in others]
    named += [(_shown(root, folder), (), folder) for folder in sorted(clients)]
    for other, parts, their_real in named:
        if (parts and _nested(mine, parts)) or _nested(real.parts, their_real.parts):
            # NOTE: {key} is output.site or output.private; {value} the folder given there;
            # {other} another folder of the project (content, templates, goalsheets...).
            return _("{key}: '{value}' overlaps {other}/").format(key=key, value=value, other=other)
    return None


def _nested(one: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """Whether one path is the other or inside it, either way round."""
    shorter = min(len(one), len(other))
    return one[:shorter] == other[:shorter]


def _shown(root: Path, folder: Path) -> str:
    for base in (root.absolute(), _real(root)):
        if folder.is_relative_to(base):
            return folder.relative_to(base).as_posix()
    return folder.as_posix()


def _real(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def prepare_private_target(target: Path, root: Path) -> bool:
    """Whether `target` lies among the client data of the project at `root` (its private
    output folder, goalsheets/, ...: links followed). If it does, its folder and each
    private folder above it are made or set owner-only (0700) before anything is written,
    so the file (to be written 0600) is never readable by others, whichever command
    writes it."""
    if not (root / CONFIG_FILE).is_file():
        return False
    places = PrivatePlaces.of_project(root)
    if places.reaches(target) is None:
        return False
    folder = Path(os.path.abspath(target)).parent
    folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER_MODE)
    current, top = _real(folder), _real(root)
    while current != top and current.parent != current and places.reaches(current) is not None:
        with contextlib.suppress(OSError):  # a folder of someone else's: leave it as it is
            os.chmod(current, PRIVATE_FOLDER_MODE)
        current = current.parent
    return True
