"""Pagefind fed each page as it is written, so the search index is made beside the HTML.

Run after the site is written, Pagefind reads and indexes every page while the build waits:
the last and longest step of a fresh build. Its service mode (`pagefind --service`) takes
pages one at a time over a pipe, and indexes each in its own process, on another core, while
this one renders the next. A page an earlier build wrote and this one left alone is read
from its file in its turn, so the pages always go in the order the site emits them and the
same site always gets the same index, however much of it this build rendered. At the end,
every other HTML file in the folder (one a person put there) is added too, so the index
holds what the CLI's run over the folder would, and the bundle is written.

The service speaks base64-encoded JSON messages, each followed by a comma, both ways; every
request carries a number its answer repeats. The finished bundle comes back as data and is
written here (the service may still be writing files when it answers, and it stops when its
input closes). Anything unexpected (no binary, a refused page, a process that died, a file
written twice) makes this indexer give up quietly: the caller then runs the CLI, which says
what went wrong. A writer thread sends the pages and a reader thread drains the answers, so
neither this process nor Pagefind waits on a full pipe.
"""

from __future__ import annotations

import base64
import json
import os
import queue
import subprocess
import threading
import time
from pathlib import Path, PurePosixPath
from typing import IO, Any

from goalsheet.orphans import die_with_parent_after_exec

SKIPPED = "pagefind"  # the bundle, and its fresh and old copies (.pagefind-new, .pagefind-old)


class ServiceFailed(Exception):
    """The service could not index the site; the CLI is run instead."""


class SearchIndexer:
    """Pages handed to a Pagefind service as they are written (`add`), the rest and the
    bundle at the end (`write`). Started on the first page; `close` always ends it."""

    def __init__(self, command: list[str], out: Path) -> None:
        self.command = command
        self.out = out
        self.added: set[str] = set()
        self._pending: list[str] = []  # up-to-date pages, not read unless indexing is needed
        self.failed = False
        self._process: subprocess.Popen[bytes] | None = None
        self._answers: dict[int, dict[str, Any]] = {}
        self._arrived = threading.Condition()
        self._reader: threading.Thread | None = None
        self._writer: threading.Thread | None = None
        self._outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._sent = 0
        self._index: int | None = None

    def add(self, path: str, data: bytes | None) -> None:
        """The page at `path` (relative to the site), as written; None for a page already
        there and up to date, which is read from its file when the service needs it. Pages
        go to Pagefind in the order they are added, whichever were rendered this time."""
        if path in self.added or path in self._pending:  # written twice: index the file
            self.failed = True
        if self.failed:
            self.close()
            return
        if data is None and self._process is None:  # perhaps nothing changes: wait
            self._pending.append(path)
            return
        try:
            self._started()
            self._send_file(path, data)
        except (OSError, ServiceFailed, ValueError):
            self.failed = True
            self.close()

    def write(self, output: Path, seconds: float) -> None:
        """Add the site's other HTML files, then write the bundle into `output`. Raises
        ServiceFailed (what is in `output` is not to be used) if anything went wrong."""
        if self.failed:
            raise ServiceFailed
        try:
            self._started()
            known = self.added | set(self._pending)
            for path in sorted(_html_files(self.out)):
                if path not in known:
                    self._send_file(path, None)
            last = self._send({"type": "GetFiles", "index_id": self._index})
            deadline = time.monotonic() + seconds
            answers = [self._answer(number, deadline) for number in range(2, last + 1)]
            if any(answer.get("type") == "Error" for answer in answers):
                raise ServiceFailed
            _write_bundle(output, answers[-1].get("files"))
        except (OSError, ValueError, TypeError, KeyError) as error:
            raise ServiceFailed from error
        finally:
            self.close()

    def close(self) -> None:
        """End the service (what was sent written, its stdin closed, then killed if it
        lingers) and the threads that talk to it."""
        process, self._process = self._process, None
        if process is None:
            return
        self._outbox.put(None)
        if self._writer is not None:
            self._writer.join(timeout=5)
            if self._writer.is_alive():  # a service that reads no more: its pipe is full
                process.kill()
                self._writer.join()
        for stream in (process.stdin, process.stdout):
            try:
                if stream is not None:
                    stream.close()
            except OSError:
                pass
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if self._reader is not None:
            self._reader.join(timeout=5)

    def _started(self) -> None:
        """Start the service if it is not running, and hand it the pages kept waiting."""
        if self._process is None:
            self._start()
        waiting, self._pending = self._pending, []
        for path in waiting:
            self._send_file(path, None)

    def _send_file(self, path: str, data: bytes | None) -> None:
        if data is None:
            data = (self.out / path).read_bytes()
        self._send({"type": "AddFile", "index_id": self._index, "file_path": path,
                    "url": None, "file_contents": data.decode("utf-8", "replace")})  # fmt: skip
        self.added.add(path)

    def _start(self) -> None:
        self._process = subprocess.Popen(
            [*self.command, "--service"], cwd=self.out, stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            preexec_fn=die_with_parent_after_exec,  # a build killed outright stops it too
        )  # fmt: skip
        assert self._process.stdout is not None and self._process.stdin is not None
        self._reader = threading.Thread(target=self._read, args=(self._process.stdout,))
        self._writer = threading.Thread(target=self._write, args=(self._process.stdin,))
        for thread in (self._reader, self._writer):
            thread.daemon = True
            thread.start()
        first = self._send({"type": "NewIndex", "config": None})
        answer = self._answer(first, time.monotonic() + 30)
        if answer.get("type") != "NewIndex" or not isinstance(answer.get("index_id"), int):
            raise ServiceFailed
        self._index = answer["index_id"]

    def _send(self, payload: dict[str, Any]) -> int:
        """Queue a request for the writer thread: this one never waits on a full pipe while
        Pagefind is still busy with earlier pages. Returns the number its answer will carry."""
        if self._process is None:
            raise ServiceFailed
        self._sent += 1
        message = json.dumps({"message_id": self._sent, "payload": payload}).encode()
        self._outbox.put(base64.b64encode(message) + b",")
        return self._sent

    def _write(self, stream: IO[bytes]) -> None:
        """Send each queued request in turn until told to stop or the pipe breaks."""
        while (message := self._outbox.get()) is not None:
            try:
                stream.write(message)
                stream.flush()
            except (OSError, ValueError):
                with self._arrived:
                    self._answers[-1] = {"type": "Error"}  # the service reads no more
                    self._arrived.notify_all()
                return

    def _read(self, stream: IO[bytes]) -> None:
        """Collect every answer by its number until the service closes its end."""
        pending = b""
        while chunk := stream.read1(1 << 16):  # type: ignore[attr-defined]
            pending += chunk
            *messages, pending = pending.split(b",")
            with self._arrived:
                for message in messages:
                    try:
                        answer = json.loads(base64.b64decode(message))
                        number = int(answer["message_id"])
                        self._answers[number] = dict(answer["payload"])
                    except (ValueError, KeyError, TypeError):
                        self._answers[-1] = {"type": "Error"}  # not an answer to anything
                self._arrived.notify_all()
        with self._arrived:
            self._answers[0] = {"type": "Closed"}
            self._arrived.notify_all()

    def _answer(self, number: int, deadline: float) -> dict[str, Any]:
        with self._arrived:
            while number not in self._answers:
                if 0 in self._answers or -1 in self._answers:
                    raise ServiceFailed
                left = deadline - time.monotonic()
                if left <= 0:
                    raise ServiceFailed
                self._arrived.wait(left)
            return self._answers[number]


def _write_bundle(output: Path, files: Any) -> None:
    """The bundle's files as the service sent them. Written here, not by the service: its
    own writes may still be under way when it answers, and it stops when its input closes."""
    if not isinstance(files, list) or not files:
        raise ServiceFailed
    paths = [PurePosixPath(file["path"]) for file in files]
    if any(path.is_absolute() or ".." in path.parts for path in paths):
        raise ServiceFailed
    for folder in sorted({(output / path).parent for path in paths}):
        folder.mkdir(parents=True, exist_ok=True)
    for path, file in zip(paths, files, strict=True):
        (output / path).write_bytes(base64.b64decode(file["content"], validate=True))


def _html_files(out: Path) -> list[str]:
    """Every HTML file of the site, outside the search bundles, as Pagefind finds them."""
    found = []
    for top, dirs, names in os.walk(out):
        here = Path(top).relative_to(out)
        if here == Path("."):
            dirs[:] = [name for name in dirs if SKIPPED not in name]
        found += [(here / name).as_posix() for name in names if name.endswith(".html")]
    return found
