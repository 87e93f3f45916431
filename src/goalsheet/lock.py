"""One lock per project, held by every command that writes client data or builds.

`import`, `new client`, `new goal`, `init` into an existing folder, `build` and `serve`'s
rebuilds each hold it while they read what they compare and write what they decided, so
two of them at once cannot both pass a conflict check, write the same values twice, or
pull a build's search index out from under another. Read-only commands never take it.

The lock is an operating-system file lock (filelock: flock on Unix, LockFileEx on
Windows) on `.goalsheet-cache/lock`: it dies with the process that holds it, so a killed
import or build never leaves the project locked. Who holds it (command, pid, host, since
when) is kept beside it in `lock.json`, so a second writer can say whom it waited for.
A second writer waits a bounded time (GOALSHEET_LOCK_TIMEOUT seconds, 30 by default),
then stops with GS406 and writes nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import socket
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from goalsheet.findings import Finding, GoalsheetError
from goalsheet.language.messages import _
from goalsheet.read import json_text

LOCK_DIR = ".goalsheet-cache"  # ignored by git (init's .gitignore too); never under site/
LOCK_FILE = f"{LOCK_DIR}/lock"
HOLDER_FILE = f"{LOCK_DIR}/lock.json"
TIMEOUT_VARIABLE = "GOALSHEET_LOCK_TIMEOUT"
DEFAULT_TIMEOUT = 30.0
"""Seconds a second writer waits: an import or a small build ends well within it."""

# One FileLock per lock file in this process, so a command that already holds the lock
# (a build inside serve, say) may take it again; each thread holds it on its own.
_LOCKS: dict[Path, FileLock] = {}
_LOCKS_GUARD = threading.Lock()


class ProjectLocked(GoalsheetError):
    """Another process held the project's lock for longer than the wait (GS406)."""


def lock_timeout() -> float:
    """The wait from GOALSHEET_LOCK_TIMEOUT (seconds), or the default when unset or unusable."""
    try:
        seconds = float(os.environ.get(TIMEOUT_VARIABLE, DEFAULT_TIMEOUT))
    except ValueError:
        return DEFAULT_TIMEOUT
    return seconds if 0 <= seconds < 86_400 else DEFAULT_TIMEOUT


@contextlib.contextmanager
def project_lock(root: Path, purpose: str, *, timeout: float | None = None) -> Iterator[None]:
    """Hold the project's lock for the block. `purpose` names the command for whoever waits
    ("goalsheet import"). Raises ProjectLocked after `timeout` seconds (default: lock_timeout())."""
    wait = lock_timeout() if timeout is None else timeout
    try:
        lock = _lock_of(root)
        outer = not lock.is_locked  # this thread does not hold it yet
        try:
            lock.acquire(timeout=0)
        except Timeout:
            if wait <= 0:
                raise
            _say_waiting(root, wait)
            lock.acquire(timeout=wait)
    except Timeout:
        raise ProjectLocked([_locked_finding(root, wait)]) from None
    except OSError as error:
        raise GoalsheetError([_unlockable_finding(error)]) from None
    try:
        if outer:
            _write_holder(root, purpose)
        yield
    finally:
        if outer:
            with contextlib.suppress(OSError):
                (root / HOLDER_FILE).unlink()
        lock.release()


def holder(root: Path) -> dict[str, object] | None:
    """Who holds (or last held) the lock, as its side file says; None when unknown."""
    try:
        data = json_text.loads((root / HOLDER_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _lock_of(root: Path) -> FileLock:
    path = (root / LOCK_FILE).resolve()
    with _LOCKS_GUARD:
        lock = _LOCKS.get(path)
        if lock is None:
            path.parent.mkdir(parents=True, exist_ok=True)
            lock = _LOCKS[path] = FileLock(path, thread_local=True)
        return lock


def _write_holder(root: Path, purpose: str) -> None:
    record = {
        "command": purpose,
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "since": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
    }
    with contextlib.suppress(OSError):  # only a courtesy to whoever waits
        (root / HOLDER_FILE).write_text(json.dumps(record), encoding="utf-8")


def _who(root: Path) -> str:
    record = holder(root)
    if record is None:
        return _("another goalsheet command")
    since = str(record.get("since", ""))
    with contextlib.suppress(ValueError):
        since = dt.datetime.fromisoformat(since).strftime("%H:%M:%S")
    # NOTE: who holds the project's lock: "`goalsheet import` (pid 1234 on laptop) since
    # 10:02:11". command is a goalsheet command, pid a process number, host a computer name.
    return _("`{command}` (pid {pid} on {host}) since {since}").format(
        command=record.get("command", "goalsheet"),
        pid=record.get("pid", "?"),
        host=record.get("host", "?"),
        since=since,
    )


def _say_waiting(root: Path, wait: float) -> None:
    # Said at once, so a person does not take the wait for a hang.
    message = _("Waiting for the project's lock, held by {holder} (at most {seconds} s)...")
    print(message.format(holder=_who(root), seconds=f"{wait:g}"), file=sys.stderr, flush=True)


def _locked_finding(root: Path, wait: float) -> Finding:
    return Finding(
        LOCK_FILE,
        1,
        1,
        "GS406",
        _("the project is locked by {holder}; waited {seconds} s, nothing was written").format(
            holder=_who(root), seconds=f"{wait:g}"
        ),
        _(
            "try again when it ends (a lock left by a process that stopped is freed by the "
            "system; {variable} sets the wait in seconds)"
        ).format(variable=TIMEOUT_VARIABLE),
    )


def _unlockable_finding(error: OSError) -> Finding:
    return Finding(
        LOCK_FILE,
        1,
        1,
        "GS406",
        _("cannot lock the project: {reason}").format(reason=error.strerror or error),
        _("check that you may write in the project folder"),
    )
