"""Worker processes end with the process that started them.

A build killed with SIGKILL (or by the out-of-memory killer) cannot stop its workers, and a
pool worker blocked on its queue never notices on its own: without this, workers went on
rendering for minutes, holding client data in memory and writing files no one asked for.
On Linux the kernel kills the worker when its parent ends (PR_SET_PDEATHSIG); elsewhere a
daemon thread watches the parent's process ID.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1  # linux/prctl.h
POLL_SECONDS = 0.5  # how often the fallback watchdog looks at the parent


def die_with_parent(parent: int | None = None) -> None:
    """Call first thing in a worker process. `parent` is the process ID of the process
    that started it (os.getpid() there, passed in); when it is gone already, or goes, this
    process ends at once."""
    expected = os.getppid() if parent is None else parent
    if not _ask_kernel():
        threading.Thread(target=_watch, args=(expected,), daemon=True).start()
    if os.getppid() != expected:  # it ended before the kernel was asked
        os._exit(1)


def die_with_parent_after_exec() -> None:
    """For subprocess's preexec_fn: the kernel's request survives exec (a thread does not)."""
    _ask_kernel()


def _ask_kernel() -> bool:
    """Linux: SIGKILL this process when the thread that started it ends. False elsewhere."""
    if _LIBC is None:
        return False
    with contextlib.suppress(OSError, AttributeError):
        return bool(_LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0)
    return False


def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


# Opened here, in the parent: a child between fork and exec should not load libraries.
_LIBC = _libc()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(POLL_SECONDS)
    os._exit(1)
