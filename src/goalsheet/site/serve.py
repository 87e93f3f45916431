"""`goalsheet serve`: preview the site on 127.0.0.1, rebuilt and reloaded on every change.

A watcher (watchfiles) rebuilds the HTML site whenever content/, templates/ or
goalsheet.yaml changes and raises a version number; each page served here (never the files
on disk) carries a small script that polls the version and reloads the page when it moves.
Only the loopback address is bound: the preview is for this machine.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from goalsheet.findings import Finding
from goalsheet.project import CONFIG_FILE
from goalsheet.site.content import CONTENT_DIR

HOST = "127.0.0.1"
VERSION_PATH = "/__goalsheet/version"
RELOAD_PATH = "/__goalsheet/reload.js"
RELOAD_SCRIPT = f"""(function () {{
  var seen = null;
  function poll() {{
    fetch("{VERSION_PATH}", {{cache: "no-store"}}).then(function (r) {{ return r.text(); }})
      .then(function (v) {{ if (seen !== null && v !== seen) {{ location.reload(); }} seen = v; }})
      .catch(function () {{}}).finally(function () {{ setTimeout(poll, 700); }});
  }}
  poll();
}})();
"""
WATCHED = (CONTENT_DIR, "templates", CONFIG_FILE)


class Preview:
    """The site folder, its version, and how to rebuild it: `rebuild` (from the caller,
    which reads the project) says whether the site was written, and what it found."""

    def __init__(
        self, root: Path, out: Path, rebuild: Callable[[], tuple[bool, list[Finding]]]
    ) -> None:
        self.root = root
        self.out = out
        self.version = 0
        self.lock = threading.Lock()
        self._rebuild = rebuild

    def rebuild(self) -> list[Finding]:
        """Rebuild the site; the pages served reload when it was written."""
        written, findings = self._rebuild()
        if written:
            with self.lock:
                self.version += 1
        return findings


class _Handler(SimpleHTTPRequestHandler):
    preview: Preview

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path == VERSION_PATH:
            self._send(str(self.preview.version).encode(), "text/plain")
            return
        if path == RELOAD_PATH:
            self._send(RELOAD_SCRIPT.encode(), "text/javascript")
            return
        file = Path(self.translate_path(path))
        if file.is_dir():
            file = file / "index.html"
        if file.suffix == ".html" and file.is_file():
            html = file.read_text(encoding="utf-8")
            tag = f'<script src="{RELOAD_PATH}" defer></script>'
            self._send(html.replace("</body>", tag + "</body>", 1).encode(), "text/html")
            return
        super().do_GET()

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        return


def serve(
    preview: Preview,
    port: int,
    on_ready: Callable[[str], None],
    on_rebuilt: Callable[[list[Finding]], None],
    stop: threading.Event | None = None,
) -> None:
    """Serve until Ctrl-C (or `stop`), rebuilding on changes."""
    # heavy: watchfiles loads only when `serve` watches for changes
    from watchfiles import watch

    handler = functools.partial(_Handler, directory=str(preview.out))
    _Handler.preview = preview
    server = ThreadingHTTPServer((HOST, port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    on_ready(f"http://{HOST}:{server.server_address[1]}/")
    watched = [(preview.root / name).resolve() for name in WATCHED]

    def relevant(_change: Any, path: str) -> bool:
        where = Path(path).resolve()
        return any(where == w or where.is_relative_to(w) for w in watched)

    try:
        for _changes in watch(
            preview.root,
            watch_filter=relevant,
            stop_event=stop,
            debounce=300,
            raise_interrupt=False,
        ):
            on_rebuilt(preview.rebuild())
    finally:
        server.shutdown()
        server.server_close()
