"""Folders goalsheet reads, opened safely.

A folder that cannot be listed (no read or search permission, a loop of links) or a file that
cannot be opened is a finding (GS019) that names it and says how to fix it: never a
traceback, and never a silent gap (a project whose entries/ cannot be read is not a project
with no entries). Walks never follow a link into a folder, so a link to /proc or a loop of
links is neither walked nor waited on.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from goalsheet.findings import Finding
from goalsheet.language.messages import _

UNREADABLE = "GS019"

MAX_WALKED = 10_000
"""Most folders one walk visits: content/ and templates/ hold a few dozen."""


def unreadable(path: Path, root: Path | None, error: OSError, *, folder: bool) -> Finding:
    """GS019 for a folder or file that could not be opened, with how to fix it."""
    return unreadable_at(_shown(path, root), error, folder=folder)


def unreadable_at(shown: str, error: OSError, *, folder: bool) -> Finding:
    """GS019 for the folder or file shown as `shown` (relative to the project)."""
    reason = error.strerror or str(error)
    if folder:
        # NOTE: {reason} is the system's reason, e.g. "Permission denied".
        message = _("cannot open the folder {folder}: {reason}").format(folder=shown, reason=reason)
        # NOTE: the command stays as it is; it gives you the right to list the folder.
        hint = _("let goalsheet read it: chmod u+rwx {folder} (or move it away)")
    else:
        # NOTE: {reason} is the system's reason, e.g. "Permission denied".
        message = _("cannot read the file {file}: {reason}").format(file=shown, reason=reason)
        # NOTE: the command stays as it is; it gives you the right to read the file.
        hint = _("let goalsheet read it: chmod u+rw {file} (or move it away)")
    if error.errno == errno.ELOOP:
        hint = _(
            "it is a loop of links: replace the link with what it should lead to, or remove it"
        )
    return Finding(shown, 1, 1, UNREADABLE, message, hint.format(folder=shown, file=shown))


def _shown(path: Path, root: Path | None) -> str:
    """`path` relative to the project, without following links (a loop cannot be
    resolved)."""
    if root is not None:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def list_folder(folder: Path, root: Path | None, findings: list[Finding]) -> list[Path]:
    """The entries of `folder`, sorted; none, and a GS019 finding, if it cannot be listed."""
    try:
        with os.scandir(folder) as entries:
            return sorted(Path(entry.path) for entry in entries)
    except OSError as error:
        findings.append(unreadable(folder, root, error, folder=True))
        return []


def probe(path: Path, root: Path | None, findings: list[Finding], *, folder: bool = False) -> bool:
    """Whether `path` (a `folder` or a file) can be looked at (stat, links followed). If
    not, a GS019 finding: for the folder it is in when that cannot be searched, for `path`
    itself when it is a loop of links."""
    try:
        path.stat()
    except FileNotFoundError:
        return True  # nothing there: the caller says what is missing
    except OSError as error:
        if error.errno == errno.ELOOP:
            findings.append(unreadable(path, root, error, folder=folder))
        else:
            findings.append(unreadable(path.parent, root, error, folder=True))
        return False
    return True


def walk_findings(
    folder: Path, root: Path, *, skip: Iterable[str] = (), files: bool = True
) -> list[Finding]:
    """GS019 for every folder under `folder` (itself included) that cannot be listed and,
    with `files`, every regular file in them that cannot be opened, except files whose
    suffix is in `skip` (their reader reports them). Links are not followed below `folder`."""
    findings: list[Finding] = []
    skipped = {suffix.lower() for suffix in skip}
    try:
        if not folder.is_dir():
            return findings
    except OSError as error:  # the folder above it cannot be searched
        return [unreadable(folder, root, error, folder=True)]
    pending = [folder]
    walked = 0
    while pending and walked < MAX_WALKED:
        current = pending.pop()
        walked += 1
        try:
            with os.scandir(current) as listing:
                entries = list(listing)
        except OSError as error:
            findings.append(unreadable(current, root, error, folder=True))
            continue
        for entry in entries:
            try:
                mode = entry.stat(follow_symlinks=False).st_mode
            except OSError:
                continue  # gone since it was listed
            if stat.S_ISDIR(mode):
                pending.append(Path(entry.path))
            elif files and stat.S_ISREG(mode) and Path(entry.name).suffix.lower() not in skipped:
                _try_open(Path(entry.path), root, findings)
    return sorted(findings)


def _try_open(file: Path, root: Path, findings: list[Finding]) -> None:
    try:
        descriptor = os.open(file, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except OSError as error:
        findings.append(unreadable(file, root, error, folder=False))
    else:
        os.close(descriptor)
