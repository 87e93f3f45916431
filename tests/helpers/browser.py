"""Debian's Chromium as the browser tests drive it (playwright), the WCAG tags axe checks,
and a quiet web server for a built site (with a 404 page as static hosts serve it)."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]  # fmt: skip
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Only violations are reported: axe skips collecting the passes and incomplete checks, which
# took about a fifth of its time on the site, and the violations are the same.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG}, "resultTypes": ["violations"]}


def axe_problems(page: Page) -> list[str]:
    """axe-core's WCAG 2.x A/AA violations on the page as loaded, one line per rule."""
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    problems = []
    for violation in violations:
        first = violation["nodes"][0]
        problems.append(
            f"{violation['id']} ({violation['impact']}, {len(violation['nodes'])} node(s)): "
            f"{first['html']} -- {first.get('failureSummary', '').strip()}"
        )
    return problems


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves files quietly; a missing page under /site/ gets site/404.html with status 404,
    as static hosts do (GitHub Pages, Netlify, nginx's error_page)."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        not_found = Path(self.directory) / "site" / "404.html"
        if code != 404 or not self.path.startswith("/site/") or not not_found.is_file():
            super().send_error(code, message, explain)
            return
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, launched as every browser test launches it: a missing browser is a
    failure, never a skip."""
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def served(directory: Path) -> Iterator[str]:
    """`directory` over HTTP on a free local port (quietly, with SiteHandler's 404 page):
    yields its address, http://127.0.0.1:PORT/."""
    handler = functools.partial(SiteHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
