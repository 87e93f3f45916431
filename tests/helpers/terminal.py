"""Running goalsheet in a real pseudo-terminal, typing answers as a person would."""

from __future__ import annotations

import os
import pty
import select
import signal
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ENV = {"GOALSHEET_LOCALE": "en_GB"}


def in_terminal(
    args: Sequence[str], cwd: Path, script: Sequence[tuple[str, str]], timeout: float = 60
) -> tuple[int, str]:
    """Run `python -m goalsheet ARGS` in a real pseudo-terminal. For each (prompt, keys) of
    `script`, wait until `prompt` appears, then type `keys`. Returns the exit code and
    everything the terminal showed."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: becomes the command, with the terminal as its stdin/stdout
        try:
            # Ctrl-C interrupts, as in a terminal, even when the tests were started with SIGINT
            # ignored (a background job of a shell without job control, some CI runners).
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            os.chdir(cwd)
            os.execve(sys.executable, [sys.executable, "-m", "goalsheet", *args],
                      {**os.environ, **ENV, "TERM": "dumb"})  # fmt: skip
        finally:
            os._exit(127)
    shown = b""
    seen = 0
    deadline = time.monotonic() + timeout

    def read(until: bytes | None) -> None:
        nonlocal shown, seen
        while until is None or until not in shown[seen:]:
            left = deadline - time.monotonic()
            assert left > 0, f"timed out waiting for {until!r}; the terminal shows:\n{shown!r}"
            ready, _w, _x = select.select([fd], [], [], left)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # EIO: the command has ended
                chunk = b""
            if not chunk:
                assert until is None, f"ended before {until!r}:\n{shown.decode(errors='replace')}"
                return
            shown += chunk
        seen = shown.index(until, seen) + len(until)

    try:
        for prompt, keys in script:
            read(prompt.encode())
            time.sleep(0.05)  # let the prompt finish before typing, as a person would
            os.write(fd, keys.encode())
        read(None)
    except BaseException:  # a prompt that never came: the command still waits for input
        os.kill(pid, signal.SIGKILL)
        raise
    finally:
        _pid, status = os.waitpid(pid, 0)
        os.close(fd)
    return os.waitstatus_to_exitcode(status), shown.decode(errors="replace")
