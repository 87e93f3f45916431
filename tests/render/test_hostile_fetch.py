"""Hostile fetches: WeasyPrint and the site may read only the project's files and the
package's own assets. No `file:` outside them, no `..` or symlink escapes, no network
(http, https, ftp), no data: URIs we did not make, no device files.

Every network URL planted here points at a loopback listener that counts every TCP
connection (so an http request, a TLS hello and an FTP login all count): it must count
zero. Every file payload points at /etc/passwd (`root:x:0:0`), a device, or a file
outside the project holding a unique marker; no output file may contain either, with
PDFs decompressed by qpdf and read by pdftotext as well. Builds that could hang on a
device run in a subprocess with a time limit and a memory cap.

The symlink, device-file and browser-normalised URL tests found real leaks when first
written (symlinked pages, images, assets and templates published; devices read forever;
" http://" and "%2e%2e/" image sources kept); they are fixed and these tests hold the fixes.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import html
import json
import os
import posixpath
import re
import socketserver
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from click.testing import Result
from playwright.sync_api import Browser, Request

from helpers.project import CLIENT, ENTRIES, REPO

Run = Callable[..., Result]
AS_OF = "2026-11-20"
MARKER = "GS-HOSTILE-7Q2X-OUTSIDE"  # only inside files outside the project
PASSWD = "root:x:0:0"  # /etc/passwd's first line
DATA_MARK = "GSDATAURI9K4"  # drawn only if a planted data: URI were rendered
FETCHED_MARK = "GSFETCHED5W8"  # what the listener answers: drawn only if a fetch succeeded
LEAK_MARKS = (MARKER, PASSWD, DATA_MARK, FETCHED_MARK)
MEMORY_CAP = 1024 * 1024 * 1024  # a process reading a device forever dies here, not the box


# The same tools as tests/pdftools.py (uncompressed, text), here so that this file checks
# clean under `mypy --strict` on its own.
def uncompressed(pdf: Path) -> bytes:
    """Every object and stream of the PDF, decompressed (qpdf --qdf), for searching."""
    return subprocess.run(
        ["qpdf", "--qdf", "--object-streams=disable", str(pdf), "-"],
        capture_output=True,
        check=True,
    ).stdout


def text(pdf: Path) -> str:
    """The PDF's text as pdftotext reads it."""
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


# --- the tally, printed at the end -------------------------------------------------------


@dataclass
class Tally:
    planted: dict[str, int] = field(default_factory=dict)  # payloads, by where they went
    fetcher_refused: int = 0  # matrix payloads that reached goalsheet's fetcher and were refused
    fetcher_loaded: int = 0  # ... and that it served (must stay 0)
    never_requested: int = 0  # matrix payloads WeasyPrint did not even ask for
    leaks: list[str] = field(default_factory=list)  # marker found in output: a guarantee broken
    bug_leaks: list[str] = field(default_factory=list)  # leaks found by the symlink tests
    browser_fetches: list[str] = field(default_factory=list)  # a browser leaving our site

    def plant(self, where: str, count: int = 1) -> None:
        self.planted[where] = self.planted.get(where, 0) + count

    def line(self, fetched: int) -> str:
        total = sum(self.planted.values())
        return (
            f"hostile fetch: {total} payloads planted, {fetched} fetched, "
            f"{len(self.leaks)} leaks; matrix: {self.fetcher_refused} refused by the fetcher, "
            f"{self.fetcher_loaded} served, {self.never_requested} never requested; "
            f"{len(self.bug_leaks)} leaked files, {len(self.browser_fetches)} "
            f"browser loads from outside the site"
        )


TALLY = Tally()


# --- the listener that counts ------------------------------------------------------------


FETCHED_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="30">'
    f'<text x="0" y="20">{FETCHED_MARK}</text></svg>'
).encode()


class Listener:
    """A loopback TCP server that records every connection made to it."""

    def __init__(self) -> None:
        self.hits: list[str] = []
        self._lock = threading.Lock()
        listener = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                self.connection.settimeout(1.0)
                try:
                    first = bytes(self.connection.recv(1024))
                except OSError:
                    first = b""  # an FTP client waits for a greeting: it still counts
                line = first.split(b"\r\n", 1)[0].decode("latin-1")
                with listener._lock:
                    listener.hits.append(line or "<connection, nothing sent>")
                with contextlib.suppress(OSError):
                    self.connection.sendall(
                        b"HTTP/1.0 200 OK\r\nContent-Type: image/svg+xml\r\n"
                        + f"Content-Length: {len(FETCHED_SVG)}\r\n\r\n".encode()
                        + FETCHED_SVG
                    )

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port: int = self.server.socket.getsockname()[1]
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def url(self, name: str, scheme: str = "http") -> str:
        return f"{scheme}://127.0.0.1:{self.port}/{name}"

    def mark(self) -> int:
        with self._lock:
            return len(self.hits)

    def since(self, mark: int) -> list[str]:
        with self._lock:
            return self.hits[mark:]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(timeout=5)


@pytest.fixture(scope="module")
def listener(request: pytest.FixtureRequest) -> Iterator[Listener]:
    """The counting listener for everything goalsheet runs; the summary line at the end."""
    made = Listener()
    try:
        yield made
    finally:
        made.close()
        line = TALLY.line(len(made.hits))
        plugins = request.config.pluginmanager
        reporter = plugins.get_plugin("terminalreporter")
        capture = plugins.get_plugin("capturemanager")
        if reporter is None or capture is None:
            print(line)
        else:  # shown even when output is captured (no -s)
            with capture.global_and_fixture_disabled():
                reporter.write_line("\n" + line)


# --- running goalsheet -------------------------------------------------------------------


LAUNCH = (
    "import resource, runpy, sys\n"
    "cap = int(sys.argv[1])\n"
    "resource.setrlimit(resource.RLIMIT_AS, (cap, cap))\n"
    "sys.argv = ['goalsheet', *sys.argv[2:]]\n"
    "runpy.run_module('goalsheet', run_name='__main__')\n"
)


@dataclass(frozen=True)
class Ran:
    args: tuple[str, ...]
    code: int | None  # None: killed at the time limit
    out: str
    err: str
    seconds: float

    @property
    def output(self) -> str:
        return self.out + self.err


def goalsheet(*args: str | Path, timeout: float = 120.0) -> Ran:
    """Run the real command in its own process, with a time limit and a memory cap."""
    argv = tuple(str(a) for a in args)
    started = time.monotonic()
    with subprocess.Popen(
        [sys.executable, "-c", LAUNCH, str(MEMORY_CAP), *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    ) as process:
        try:
            out, err = process.communicate(timeout=timeout)
            code: int | None = process.returncode
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
            out, err = process.communicate()
            code = None
    return Ran(argv, code, out, err, time.monotonic() - started)


def clean_exit(ran: Ran) -> None:
    """Finished in time, and any refusal is a message, not a crash."""
    assert ran.code is not None, f"{ran.args} did not finish in time ({ran.seconds:.0f} s)"
    for crash in ("Traceback", "MemoryError", "RecursionError"):
        assert crash not in ran.output, f"{ran.args}: {crash}\n{ran.output[-3000:]}"


# --- projects ----------------------------------------------------------------------------


def base_project(root: Path, config: dict[str, Any] | None = None) -> Path:
    """A valid one-client project (the conftest one) at `root`."""
    (root / "content").mkdir(parents=True, exist_ok=True)
    (root / "goalsheets" / "C-0001" / "entries").mkdir(parents=True, exist_ok=True)
    write_yaml(root / "goalsheet.yaml", config or {"practice": {"name": "Test Practice"}})
    (root / "goalsheets" / "C-0001" / "goalsheet.yaml").write_text(CLIENT)
    (root / "goalsheets" / "C-0001" / "entries" / "e1.yaml").write_text(ENTRIES)
    (root / "content" / "plain.md").write_text("# A plain page\n\nNothing odd here.\n")
    return root


def write_yaml(path: Path, data: Any) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000))


def outside_files(folder: Path) -> Path:
    """Files outside the project, each holding MARKER in a form that shows if loaded."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "secret.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="30">'
        f'<text x="0" y="20">{MARKER}</text></svg>'
    )
    (folder / "secret.png").write_text(MARKER)  # not really a PNG: copied, it still shows
    (folder / "secret.md").write_text(f"# Outside page\n\n{MARKER}\n")
    (folder / "secret.css").write_text(f'body::after {{ content: "{MARKER}"; }}\n')
    (folder / "secret.txt").write_text(f"{MARKER}\n")
    (folder / "secret.html.j2").write_text(f"<!DOCTYPE html><p>{MARKER}</p>\n")
    return folder


def data_svg(base64_encoded: bool = True) -> str:
    """A data: URI of an SVG that draws DATA_MARK; the mark is not in the URI's text."""
    if base64_encoded:
        svg = (
            '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="30">'
            f'<text x="0" y="20">{DATA_MARK}</text></svg>'
        )
        return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    refs = "".join(f"%26%23{ord(c)}%3B" for c in DATA_MARK)  # &#NN; references, URL-encoded
    return (
        "data:image/svg+xml,%3Csvg%20xmlns=%22http://www.w3.org/2000/svg%22%20width=%22300%22"
        f"%20height=%2230%22%3E%3Ctext%20x=%220%22%20y=%2220%22%3E{refs}%3C/text%3E%3C/svg%3E"
    )


def searchable(file: Path) -> bytes:
    """The file's bytes; for a PDF also every stream decompressed and its text."""
    data = file.read_bytes()
    if file.suffix == ".pdf":
        data += uncompressed(file) + text(file).encode()
    return data


def leaks_in(*folders: Path) -> list[str]:
    """Every output file holding a leak mark (the PDF tools run two at a time)."""
    files = [f for d in folders for f in sorted(d.rglob("*")) if f.is_file() and not f.is_symlink()]
    with ThreadPoolExecutor(max_workers=2) as pool:
        contents = list(pool.map(searchable, files))
    return [
        f"{file}: {mark}"
        for file, data in zip(files, contents, strict=True)
        for mark in LEAK_MARKS
        if mark.encode() in data
    ]


def no_leaks(*folders: Path) -> None:
    found = leaks_in(*folders)
    TALLY.leaks += found
    assert found == [], found


def known_leaks(*folders: Path) -> list[str]:
    found = leaks_in(*folders)
    TALLY.bug_leaks += found
    return found


# --- what a page makes a browser load ----------------------------------------------------


LOADING_ATTRIBUTES = {
    ("img", "src"),
    ("img", "srcset"),
    ("script", "src"),
    ("iframe", "src"),
    ("frame", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("source", "src"),
    ("source", "srcset"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("track", "src"),
    ("input", "src"),
    ("image", "href"),
    ("image", "xlink:href"),
    ("use", "href"),
    ("use", "xlink:href"),
    ("feimage", "href"),
    ("base", "href"),
}
LOADING_RELS = {
    "stylesheet",
    "icon",
    "preload",
    "prefetch",
    "modulepreload",
    "manifest",
    "attachment",
    "import",
}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]*)|@import\s+['"]([^'"]*)""", re.IGNORECASE)


class Loads(HTMLParser):
    """Every URL a page would make a browser load (not the links it only shows)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.links: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            if (tag, name) in LOADING_ATTRIBUTES and name == "srcset":
                self.urls += [part.split()[0] for part in value.split(",") if part.split()]
            elif (tag, name) in LOADING_ATTRIBUTES:
                self.urls.append(value)
            if name == "style":
                self._css(value)
        if tag == "link" and set(values.get("rel", "").lower().split()) & LOADING_RELS:
            self.urls.append(values.get("href", ""))
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.urls.append(values.get("content", "").partition("=")[2])
        if tag in ("a", "area") and "href" in values:
            self.links.append(values["href"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self._css(data)

    def _css(self, css: str) -> None:
        self.urls += [a or b for a, b in CSS_URL.findall(css)]


def browser_url(url: str) -> str:
    """The URL as a browser's parser sees it (WHATWG URL): leading and trailing C0 controls
    and spaces stripped, tabs and newlines removed, `\\` a path separator, `%2e` a dot."""
    url = url.strip("".join(map(chr, range(0x21))))
    url = re.sub(r"[\t\n\r]", "", url)
    if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", url) or url.lower().startswith(
        ("http:", "https:", "file:", "ftp:", "ws:", "wss:")
    ):
        url = url.replace("\\", "/")
    path = url.split("#")[0].split("?")[0]
    segments = [re.sub(r"(?i)^(\.|%2e)(\.|%2e)$", "..", s) for s in path.split("/")]
    segments = [re.sub(r"(?i)^%2e$", ".", s) for s in segments]
    return "/".join(segments)


def escapes_site(page: Path, site: Path, url: str) -> str | None:
    """Why loading `url` from `page` would leave the site folder, or None."""
    seen = browser_url(url)
    if seen == "" or seen.startswith("#"):
        return None
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", seen):
        return f"{url!r} has a scheme ({seen.split(':')[0]})"
    if seen.startswith("/"):
        return f"{url!r} starts at the server's root or another host"
    here = posixpath.dirname(page.relative_to(site).as_posix())
    joined = posixpath.normpath(posixpath.join(here, seen))
    if joined == ".." or joined.startswith("../"):
        return f"{url!r} climbs out of the site ({joined})"
    return None


def site_escapes(site: Path) -> list[str]:
    found = []
    for page in sorted(site.rglob("*.html")):
        parser = Loads()
        parser.feed(page.read_text(encoding="utf-8"))
        for url in parser.urls:
            why = escapes_site(page, site, url)
            if why is not None:
                found.append(f"{page.relative_to(site)}: {why}")
        for href in parser.links:
            scheme = urlsplit(browser_url(href)).scheme.lower()
            if scheme in ("file", "data", "javascript", "ftp", "vbscript"):
                found.append(f"{page.relative_to(site)}: a link to {href[:80]!r}")
    return found


# --- the hostile project -----------------------------------------------------------------


def image_targets(listener: Listener, tag: str) -> list[str]:
    """Everything an image, stylesheet or frame could be pointed at, all refused."""
    return [
        listener.url(f"{tag}-http.png"),
        listener.url(f"{tag}-https.png", "https"),
        listener.url(f"{tag}-ftp.png", "ftp"),
        listener.url(f"{tag}-upper.png", "HTTP"),
        f"//127.0.0.1:{listener.port}/{tag}-schemeless.png",
        "file:///etc/passwd",
        "file://localhost/etc/passwd",
        "/etc/passwd",
        "../../../../../../../../etc/passwd",
        "../../outside/secret.svg",  # a real file, two folders up from content/
        "../../outside/secret.css",
        "/dev/urandom",
        "file:///dev/zero",
        data_svg(),
        data_svg(base64_encoded=False),
    ]


VECTORS: dict[str, str] = {
    "markdown image": "![planted]({u})",
    "markdown reference image": "![planted][r{i}]\n\n[r{i}]: {u}",
    "raw img": '<img src="{a}" alt="planted">',
    "raw stylesheet link": '<link rel="stylesheet" href="{a}">',
    "raw iframe": '<iframe src="{a}"></iframe>',
    "raw script": '<script src="{a}"></script>',
    "raw object": '<object data="{a}" type="image/svg+xml"></object>',
    "raw embed": '<embed src="{a}" type="image/svg+xml">',
    "raw video poster": '<video poster="{a}" src="{a}"></video>',
    "raw picture source": '<picture><source srcset="{a}"><img src="{a}" alt="p"></picture>',
    "raw input image": '<input type="image" src="{a}" alt="p">',
    "raw base": '<base href="{a}">',
    "raw attachment link": '<a rel="attachment" href="{a}">attached</a>',
    "raw inline svg": '<svg><image href="{a}" width="9" height="9"/></svg>',
    "style import": '<style>@import url("{c}");</style>',
    "style url": '<style>body {{ background: url("{c}"); }}</style>',
    "style font": '<style>@font-face {{ font-family: P; src: url("{c}"); }}</style>',
    "style attribute": "<p style=\"background-image: url('{c}')\">styled</p>",
    "table cell style": "<table><tr><td style=\"background: url('{c}')\">cell</td></tr></table>",
}


def plant_markdown(root: Path, listener: Listener) -> None:
    """One page per vector, every target in it, plus a page of links."""
    for number, (vector, form) in enumerate(VECTORS.items()):
        tag = f"v{number}"
        lines = [f"# Vector {number}\n", f"Planted: {vector}.\n"]
        for i, target in enumerate(image_targets(listener, tag)):
            lines.append(
                form.format(u=target, a=html.escape(target), c=target, i=i) + "\n\nAfter.\n"
            )
            TALLY.plant("Markdown and raw HTML in content/")
        (root / "content" / f"vector-{number}.md").write_text("\n".join(lines))
    links = [
        listener.url("link-http"),
        listener.url("link-ftp", "ftp"),
        "file:///etc/passwd",
        data_svg(),
        "javascript:alert(1)",
    ]
    (root / "content" / "links.md").write_text(
        "# Links\n\n" + "".join(f"[link {i}]({u}) and <{u}>\n\n" for i, u in enumerate(links))
    )
    TALLY.plant("Markdown and raw HTML in content/", 2 * len(links))


def plant_front_matter(root: Path, listener: Listener) -> None:
    front = {
        "title": f"Front <img src='{listener.url('fm-title.png')}'> file:///etc/passwd",
        "summary": f"<link rel=stylesheet href='{listener.url('fm-summary.css')}'> "
        f"url({listener.url('fm-summary.png')}) ../../outside/secret.svg",
        "section": f"Section url({listener.url('fm-section.png', 'ftp')})",
        "tags": ["planted"],
        "sensitive": True,
    }
    (root / "content" / "front.md").write_text(
        "---\n" + yaml.safe_dump(front, width=10_000) + "---\nThe body is plain.\n"
    )
    TALLY.plant("front matter", 4)


SVG_FORMS = {
    "image href": '<image href="{a}" width="9" height="9"/>',
    "image xlink:href": '<image xlink:href="{a}" width="9" height="9"/>',
    "use": '<use href="{a}#x"/>',
    "feImage": '<filter id="f"><feImage href="{a}"/></filter><rect filter="url(#f)" '
    'width="9" height="9"/>',
    "style import and fill": '<style>@import url("{c}"); rect {{ fill: url("{c}#g"); }}</style>'
    '<rect width="9" height="9"/>',
    "pattern": '<defs><pattern id="p" width="9" height="9"><image href="{a}" width="9" '
    'height="9"/></pattern></defs><rect fill="url(#p)" width="9" height="9"/>',
}


def svg_document(body: str) -> str:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="60" height="60">{body}</svg>'
    )


def plant_svg(root: Path, listener: Listener, outside: Path) -> None:
    """SVG images in content/ that reach out, shown on one page."""
    names = []
    for number, (form_name, form) in enumerate(SVG_FORMS.items()):
        for i, target in enumerate(image_targets(listener, f"svg{number}")):
            name = f"planted-{number}-{i}.svg"
            body = form.format(a=html.escape(target), c=target)
            (root / "content" / name).write_text(svg_document(body))
            names.append(name)
            TALLY.plant(f"SVG in content/ ({form_name})")
    for i, system in enumerate(
        [
            "file:///etc/passwd",
            (outside / "secret.txt").as_uri(),
            listener.url("xxe.dtd"),
            "/dev/urandom",
        ]
    ):
        name = f"entity-{i}.svg"
        (root / "content" / name).write_text(
            f'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "{system}">]>'
            '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="30">'
            '<text x="0" y="20">[&x;]</text></svg>'
        )
        names.append(name)
        TALLY.plant("SVG in content/ (external entity)")
    (root / "content" / "svg.md").write_text(
        "# Pictures\n\n" + "".join(f"![picture {n}]({n})\n\n" for n in names)
    )


def hostile_client(listener: Listener) -> tuple[dict[str, Any], dict[str, Any]]:
    """The conftest client with URLs and markup in every free-text field."""

    def bad(name: str) -> str:
        return (
            f'<img src="{listener.url(name)}"> url({listener.url(name + ".css")}) '
            f"file:///etc/passwd ../../outside/secret.svg"
        )

    sheet = yaml.safe_load(CLIENT)
    sheet["client"] |= {"name": bad("client-name"), "therapist": bad("therapist")}
    goal = sheet["goals"][0]
    goal |= {
        "title": bad("goal-title"),
        "why": bad("goal-why"),
        "specific": bad("specific"),
        "achievable": bad("achievable"),
        "steps": [{"text": bad("step")}],
        "objectives": [{"text": bad("objective")}],
    }
    goal["measure"] |= {"what": bad("measure-what"), "unit": bad("measure-unit")}
    sheet["trackers"][0] |= {"label": bad("tracker-label"), "when": bad("tracker-when")}
    sheet["trackers"][1]["label"] = bad("tracker-yesno")
    sheet["trackers"].append({"id": "note", "label": bad("text-tracker"), "kind": "text"})
    entries = {
        "diary": {
            "2026-11-02": {"mood": 6, "walked": True, "note": bad("diary-note")},
            "2026-11-03": {"mood": 7, "walked": False, "note": bad("diary-note-2")},
        },
        "ratings": [
            {
                "date": "2026-11-10",
                "goal": "walks",
                "rater": "client",
                "gbo": 4,
                "note": bad("rating-note"),
            }
        ],
        "reviews": [
            {
                "date": "2026-11-17",
                "progress": bad("progress"),
                "helped": bad("helped"),
                "next": bad("next"),
                "in_the_way": bad("in-the-way"),
                "feedback": bad("feedback"),
            }
        ],
    }
    TALLY.plant("client sheet YAML values", 13 * 4)
    TALLY.plant("entries YAML values", 8 * 4)
    return sheet, entries


def hostile_config(listener: Listener) -> dict[str, Any]:
    # A way out of the CSS string the name is printed in, if css_string let it out.
    css_break = f'"); }} @import url({listener.url("name.css")}); p {{ content: ("'
    TALLY.plant("goalsheet.yaml practice fields", 6)
    return {
        "practice": {
            "name": f"Hostile Practice {css_break} <img src='{listener.url('name.png')}'>",
            "contact": f"<link rel=stylesheet href='{listener.url('contact.css')}'> "
            "file:///etc/passwd",
            "crisis_line": f"Call us. <img src='{listener.url('crisis.png', 'https')}'> "
            f"url({listener.url('crisis.css', 'ftp')})",
            "logo": listener.url("logo.png"),
        },
        "site_url": listener.url(""),
        "show_client_names": True,
    }


@dataclass(frozen=True)
class Hostile:
    root: Path
    outside: Path
    runs: dict[str, Ran]
    hits: dict[str, list[str]]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory, listener: Listener) -> Hostile:
    """A project with a payload in every place a URL can go (templates are the built-in
    ones): checked, built whole (site, handouts, worksheets, diaries, reports) and asked
    for a worksheet and reports one by one."""
    top = tmp_path_factory.mktemp("hostile")
    outside = outside_files(top / "outside")
    root = base_project(top / "practice", hostile_config(listener))
    sheet, entries = hostile_client(listener)
    write_yaml(root / "goalsheets" / "C-0001" / "goalsheet.yaml", sheet)
    write_yaml(root / "goalsheets" / "C-0001" / "entries" / "e2.yaml", entries)
    plant_markdown(root, listener)
    plant_front_matter(root, listener)
    plant_svg(root, listener, outside)
    extra = root / "private" / "extra"
    extra.mkdir(parents=True)
    mark = listener.mark()
    runs = {"build": goalsheet("build", "--jobs", "2", "--as-of", AS_OF, "--project", root)}
    hits = {"build": listener.since(mark)}
    # Then, side by side, check and the one-document commands (to files of their own).
    commands: dict[str, tuple[str | Path, ...]] = {
        "check": ("check", "--as-of", AS_OF),
        "worksheet": ("worksheet", "smart-goal", "--client", "C-0001", "--fillable", "-o",
                      extra / "smart-goal.pdf"),
        "report pdf": ("report", "C-0001", "--as-of", AS_OF, "-o", extra / "report.pdf"),
        "report html": ("report", "C-0001", "--audience", "client", "--format", "html",
                        "--as-of", AS_OF, "-o", extra / "report.html"),
    }  # fmt: skip
    mark = listener.mark()
    with ThreadPoolExecutor(max_workers=len(commands)) as pool:
        ran = pool.map(lambda a: goalsheet(*a, "--project", root), commands.values())
        runs |= dict(zip(commands, ran, strict=True))
    hits |= {name: listener.since(mark) for name in commands}
    return Hostile(root, outside, runs, hits)


# --- 1. nothing is fetched ---------------------------------------------------------------


@pytest.mark.slow
def test_a_hostile_project_builds_and_nothing_is_fetched(hostile: Hostile) -> None:
    for name, ran in hostile.runs.items():
        clean_exit(ran)
        assert hostile.hits[name] == [], f"{name} connected to the listener: {hostile.hits[name]}"
        if name != "check":
            assert ran.code == 0, f"{name}: {ran.output[-3000:]}"
    build = hostile.runs["build"].output
    made = re.search(r"Built (\d+) of (\d+) files?[.;]", build)
    assert made is not None and made.group(1) == made.group(2), build[-3000:]
    assert "failed:" not in build  # nothing hostile survived into a PDF to be refused there
    handouts = sorted(p.stem for p in (hostile.root / "site" / "handouts").glob("*.pdf"))
    assert handouts == sorted(p.stem for p in (hostile.root / "content").glob("*.md"))
    assert len(list((hostile.root / "private" / "C-0001").glob("*.pdf"))) >= 10


def removed_images(checked: str, page: str) -> list[str]:
    """The image sources `check` says it removed from content/PAGE.md."""
    return re.findall(
        rf"content/{page}\.md:\d+:1: GS303 \[warning\] image from outside the site was "
        r"removed: (\S+)",
        checked,
    )


@pytest.mark.slow
def test_check_names_refused_images_with_file_and_line(
    hostile: Hostile, listener: Listener
) -> None:
    checked = hostile.runs["check"].output
    assert hostile.runs["check"].code == 0, checked[-3000:]  # warnings only
    named = image_targets(listener, "v0")  # every refused image, whatever its scheme
    assert sorted(removed_images(checked, "vector-0")) == sorted(named)
    assert sorted(removed_images(checked, "vector-2")) == sorted(  # raw <img src>
        html.unescape(html.escape(t)) for t in image_targets(listener, "v2")
    )
    assert re.search(
        rf"goalsheet\.yaml:\d+:\d+: GS306 .*'{re.escape(listener.url('logo.png'))}'", checked
    )


QUIET = ("ftp:", "file:", "data:")  # schemes nh3 drops before goalsheet's filter sees them


@pytest.mark.slow
def test_check_names_images_with_a_refused_scheme(hostile: Hostile, listener: Listener) -> None:
    quiet = [t for t in image_targets(listener, "v0") if t.lower().startswith(QUIET)]
    assert len(quiet) == 6
    assert sorted(set(quiet) - set(removed_images(hostile.runs["check"].output, "vector-0"))) == []


@pytest.mark.slow
def test_no_output_holds_a_planted_file_or_data_uri(hostile: Hostile) -> None:
    no_leaks(hostile.root / "site", hostile.root / "private")
    # and the refused logo was not copied anywhere
    assert not list((hostile.root / "site" / "assets").glob("logo*"))


@pytest.mark.slow
def test_the_site_loads_nothing_from_outside_itself(hostile: Hostile, listener: Listener) -> None:
    site = hostile.root / "site"
    assert site_escapes(site) == []
    address = f"127.0.0.1:{listener.port}"
    for page in site.rglob("*.html"):
        parser = Loads()
        parser.feed(page.read_text(encoding="utf-8"))
        assert not [u for u in parser.urls if address in u], page
    # what nh3 keeps is a link, and links to the web stay links
    links = Loads()
    links.feed((site / "links.html").read_text(encoding="utf-8"))
    assert listener.url("link-http") in links.links


@pytest.mark.slow
def test_data_uris_are_removed_from_the_site_and_not_drawn_in_pdfs(hostile: Hostile) -> None:
    site = hostile.root / "site"
    for page in sorted(site.rglob("*.html")):
        parser = Loads()
        parser.feed(page.read_text(encoding="utf-8"))
        assert not [u for u in parser.urls + parser.links if "data:" in u.lower()], page
    for pdf in sorted(hostile.root.glob("*/**/*.pdf")):
        words = text(pdf)
        assert DATA_MARK not in words and FETCHED_MARK not in words, pdf


@pytest.mark.slow
def test_values_from_yaml_are_text_in_reports(hostile: Hostile, listener: Listener) -> None:
    """Markup planted in the client's YAML is printed, escaped, never obeyed."""
    report = (hostile.root / "private" / "extra" / "report.html").read_text()
    assert "&lt;img src=" in report and listener.url("goal-title") in report
    parser = Loads()
    parser.feed(report)
    assert not [u for u in parser.urls if str(listener.port) in u]
    words = text(hostile.root / "private" / "extra" / "report.pdf")
    assert "file:///etc/passwd" in " ".join(words.split()) and PASSWD not in words


# --- 2. practice template overrides ------------------------------------------------------


def copy_with(name: str, root: Path, edit: Callable[[str], str]) -> None:
    source = (REPO / "templates" / name).read_text(encoding="utf-8")
    edited = edit(source)
    assert edited != source, name
    target = root / "templates" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(edited, encoding="utf-8")


@pytest.mark.slow
def test_practice_template_overrides_cannot_fetch(tmp_path: Path, listener: Listener) -> None:
    """Overrides are code we did not write: what they point at is refused, the job fails
    with the URL named, and the listener never hears from us."""
    root = base_project(tmp_path / "practice")
    (root / "content" / "hello.md").write_text("# Hello\n\nA handout.\n")
    http, https = listener.url("print-base.png"), listener.url("smart-goal.ttf", "https")
    ftp, handout = listener.url("report.css", "ftp"), listener.url("handout.css")
    copy_with(
        "print/base.html.j2",
        root,
        lambda t: t.replace("<main>", f'<main>\n<img src="{http}" alt="">', 1),
    )
    copy_with(
        "worksheets/smart-goal.html.j2",
        root,
        lambda t: t.replace(
            "{% block body %}",
            '{% block style %}@font-face { font-family: "P"; src: url("'
            + https
            + '"); } h2 { font-family: "P"; }{% endblock %}\n{% block body %}',
            1,
        ),
    )
    copy_with(
        "report/base.html.j2",
        root,
        lambda t: t.replace("</head>", f'<link rel="stylesheet" href="{ftp}">\n</head>', 1),
    )
    copy_with(
        "site/handout-print.html.j2",
        root,
        lambda t: t.replace(
            "<style>",
            f'<link rel="stylesheet" href="{handout}">\n<img src="{data_svg()}">\n<style>',
            1,
        ),
    )
    TALLY.plant("practice template overrides", 5)
    mark = listener.mark()
    built = goalsheet("build", "--jobs", "2", "--as-of", AS_OF, "--project", root)
    worksheet = goalsheet("worksheet", "smart-goal", "-o", tmp_path / "ws.pdf", "--project", root)
    report = goalsheet(
        "report", "C-0001", "-o", tmp_path / "r.pdf", "--as-of", AS_OF, "--project", root
    )
    assert listener.since(mark) == []
    for ran in (built, worksheet, report):
        clean_exit(ran)
        assert ran.code == 1, ran.output[-2000:]
    failed = [line for line in built.err.splitlines() if line.startswith("failed:")]
    assert failed, built.output[-3000:]
    expected = {
        "smart-goal": https,
        "handout": handout,
        "report": ftp,
        "summary": ftp,
        "attention": ftp,
    }
    # A thumbnail whose PDF failed says so; the PDF's own line says why.
    thumbnails = [line for line in failed if line.endswith("not drawn: its PDF could not be made")]
    for line in thumbnails:
        sheet = line.removeprefix("failed: ").split(" thumbnail ->")[0]
        assert any(f"failed: {sheet} " in other for other in failed if other not in thumbnails)
    for line in (line for line in failed if line not in thumbnails):
        url = next((u for k, u in expected.items() if k in line.split("->")[0]), http)
        assert f"refused to load {url}: only files inside the project may be used" in line, line
    assert any("handout hello" in line for line in failed)
    assert f"refused to load {https}" in worksheet.err
    assert f"refused to load {ftp}" in report.err
    assert not (tmp_path / "ws.pdf").exists() and not (tmp_path / "r.pdf").exists()
    no_leaks(root / "site", root / "private")


# --- 3. every way a document can ask, every target: the PDF renderer -------------------


MATRIX_SCRIPT = r"""
import json, resource, sys, time
from pathlib import Path
cap = int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
from goalsheet.render import fetcher
from goalsheet.render.environment import template_dirs
from goalsheet.render.pdf import RenderError, html_to_pdf

plan = json.loads(Path(sys.argv[1]).read_text())
root = Path(plan["root"])
asked, served = [], []
original = fetcher.ProjectFetcher.fetch

def spy(self, url, headers=None):
    asked.append(url)
    response = original(self, url, headers)
    served.append(url)
    return response

fetcher.ProjectFetcher.fetch = spy
for case in plan["cases"]:
    asked.clear(); served.clear()
    started = time.monotonic()
    try:
        pdf = html_to_pdf(case["html"], base_url=root / "content",
                          roots=[*template_dirs(root), root])
        Path(case["out"]).write_bytes(pdf)
        status, message = "ok", ""
    except RenderError as error:
        status, message = "refused", str(error)
    except BaseException as error:
        status, message = "crashed", repr(error)[:300]
    print(json.dumps({"id": case["id"], "status": status, "message": message,
                      "asked": list(asked), "served": list(served),
                      "seconds": time.monotonic() - started}), flush=True)
"""

MATRIX_VECTORS: dict[str, str] = {
    "img": '<img src="{a}" alt="x">',
    "stylesheet link": '<link rel="stylesheet" href="{a}">',
    "style @import": '<style>@import url("{c}");</style>',
    "style background": '<style>body {{ background: url("{c}"); }}</style>',
    "@font-face": '<style>@font-face {{ font-family: Q; src: url("{c}"); }} '
    "p {{ font-family: Q; }}</style>",
    "style attribute": "<p style=\"background-image: url('{c}')\">x</p>",
    "list-style-image": '<style>li {{ list-style-image: url("{c}"); }}</style><ul><li>x</li></ul>',
    "content url()": '<style>p::before {{ content: url("{c}"); }}</style>',
    "border-image": '<style>p {{ border: 4px solid; border-image: url("{c}") 1; }}</style>',
    "@page background": '<style>@page {{ background: url("{c}"); }}</style>',
    "object": '<object data="{a}" type="image/svg+xml">x</object>',
    "embed": '<embed src="{a}" type="image/svg+xml">',
    "iframe": '<iframe src="{a}"></iframe>',
    "script": '<script src="{a}"></script>',
    "inline svg image": '<svg width="9" height="9"><image href="{a}" width="9" height="9"/></svg>',
    "attachment link": '<link rel="attachment" href="{a}">',
    "attachment anchor": '<a rel="attachment" href="{a}">a</a>',
    "base href": '<base href="{a}"><img src="planted.png" alt="x">',
}


def matrix_targets(listener: Listener, tag: str) -> list[str]:
    return [
        listener.url(f"{tag}.png"),
        listener.url(f"{tag}-tls.png", "https"),
        listener.url(f"{tag}-ftp.png", "ftp"),
        f" {listener.url(tag + '-space.png')}",  # a browser strips the space: so does WeasyPrint
        f"//127.0.0.1:{listener.port}/{tag}-schemeless.png",
        f"file://127.0.0.1:{listener.port}/{tag}-file-host.png",
        "file:///etc/passwd",
        "file://localhost/etc/passwd",
        "/etc/passwd",
        "../../../../../../../../etc/passwd",
        "%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "../../outside/secret.svg",
        "../../outside/secret.css",
        "%2e%2e/%2e%2e/outside/secret.svg",
        "leak.svg",  # content/leak.svg is a symlink out of the project
        "linked/secret.svg",  # content/linked is a symlinked folder out of the project
        "../templates/escape.css",  # templates/escape.css is a symlink out of the project
        "/dev/urandom",
        "file:///dev/zero",
        "random.svg",  # content/random.svg is a symlink to /dev/urandom
        "file:///proc/self/environ",
        data_svg(),
        data_svg(base64_encoded=False),
        "data:text/css;base64,"
        + base64.b64encode(f'p::after{{content:"{DATA_MARK}"}}'.encode()).decode(),
    ]


@pytest.mark.slow
def test_every_loading_vector_is_refused_by_the_pdf_renderer(
    tmp_path: Path, listener: Listener
) -> None:
    """html_to_pdf, which every PDF goes through, given each way to ask for a resource
    and each place to ask for, in a child process with a time limit and a memory cap."""
    outside = outside_files(tmp_path / "outside")
    root = base_project(tmp_path / "practice")
    (root / "content" / "leak.svg").symlink_to(outside / "secret.svg")
    (root / "content" / "linked").symlink_to(outside, target_is_directory=True)
    (root / "content" / "random.svg").symlink_to("/dev/urandom")
    (root / "templates").mkdir()
    (root / "templates" / "escape.css").symlink_to(outside / "secret.css")
    out = tmp_path / "pdfs"
    out.mkdir()
    cases = []
    for v, (vector, form) in enumerate(MATRIX_VECTORS.items()):
        for t, target in enumerate(matrix_targets(listener, f"m{v}")):
            body = form.format(a=html.escape(target), c=target)
            page = (
                f"<!DOCTYPE html><html><head></head><body><p>Case {v}.{t}</p>{body}</body></html>"
            )
            if "<style>" in body or "<link" in body or "<base" in body:
                page = page.replace("<head></head>", f"<head>{body}</head>").replace(
                    f"</p>{body}", "</p>"
                )
            cases.append(
                {
                    "id": f"{vector} <- {target[:70]}",
                    "html": page,
                    "out": str(out / f"{v}-{t}.pdf"),
                    "target": target,
                }
            )
    TALLY.plant("PDF renderer matrix (html_to_pdf)", len(cases))
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({"root": str(root), "cases": cases}))
    mark = listener.mark()
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", MATRIX_SCRIPT, str(plan), str(MEMORY_CAP)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert time.monotonic() - started < 120
    assert listener.since(mark) == []
    results = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["id"] for r in results] == [c["id"] for c in cases]
    TALLY.fetcher_loaded += sum(len(r["served"]) for r in results)
    for result in results:
        assert result["status"] in ("ok", "refused"), result
        assert result["served"] == [], result  # not one hostile URL was served
        assert result["seconds"] < 10, result
        if result["status"] == "refused":
            assert "refused to load " in result["message"], result
            assert "only files inside the project may be used" in result["message"], result
        TALLY.fetcher_refused += bool(result["asked"])
        TALLY.never_requested += not result["asked"]
    # The vectors WeasyPrint honours did reach the fetcher (the test is not vacuous).
    for vector in (
        "img",
        "stylesheet link",
        "style @import",
        "@font-face",
        "object",
        "attachment link",
        "inline svg image",
    ):
        asked = [r for r in results if r["id"].startswith(vector + " <-")]
        assert asked and all(r["asked"] for r in asked), vector
    no_leaks(out)


# --- symlinks out of the project ---------------------------------------------------------


@pytest.fixture
def linked(tmp_path: Path) -> tuple[Path, Path]:
    """A project beside a folder outside it that holds the marker files."""
    return base_project(tmp_path / "practice"), outside_files(tmp_path / "outside")


def site_build(run: Run, root: Path) -> Result:
    result = run("build", "--no-pdf", "--as-of", AS_OF, "--project", root)
    assert "Traceback" not in result.output
    return result


@pytest.mark.slow
def test_a_symlinked_image_in_content_is_not_published(run: Run, linked: tuple[Path, Path]) -> None:
    root, outside = linked
    (root / "content" / "diagram.svg").symlink_to(outside / "secret.svg")
    (root / "content" / "photo.png").symlink_to(outside / "secret.png")
    (root / "content" / "pics.md").write_text("# Pics\n\n![d](diagram.svg)\n\n![p](photo.png)\n")
    TALLY.plant("symlinks out of the project", 2)
    assert site_build(run, root).exit_code == 0
    assert known_leaks(root / "site") == []


@pytest.mark.slow
def test_a_symlinked_page_in_content_is_not_published(run: Run, linked: tuple[Path, Path]) -> None:
    root, outside = linked
    (root / "content" / "borrowed.md").symlink_to(outside / "secret.md")
    TALLY.plant("symlinks out of the project")
    site_build(run, root)
    assert known_leaks(root / "site") == []


@pytest.mark.slow
def test_a_symlinked_site_asset_is_not_published(run: Run, linked: tuple[Path, Path]) -> None:
    root, outside = linked
    assets = root / "templates" / "site" / "assets"
    assets.mkdir(parents=True)
    (assets / "site.css").symlink_to(outside / "secret.css")
    TALLY.plant("symlinks out of the project")
    site_build(run, root)
    assert known_leaks(root / "site") == []


@pytest.mark.slow
def test_a_symlinked_template_override_is_not_rendered(run: Run, linked: tuple[Path, Path]) -> None:
    root, outside = linked
    (root / "templates" / "site").mkdir(parents=True)
    (root / "templates" / "site" / "home.html.j2").symlink_to(outside / "secret.html.j2")
    TALLY.plant("symlinks out of the project")
    site_build(run, root)
    assert known_leaks(root / "site") == []


@pytest.mark.slow
def test_symlinked_folders_and_logos_out_of_the_project_are_refused(
    run: Run, linked: tuple[Path, Path]
) -> None:
    root, outside = linked
    (root / "content" / "borrowed").symlink_to(outside, target_is_directory=True)
    (root / "branding").mkdir()
    (root / "branding" / "logo.svg").symlink_to(outside / "secret.svg")
    write_yaml(root / "goalsheet.yaml", {"practice": {"name": "T", "logo": "branding/logo.svg"}})
    (root / "content" / "deep.md").write_text("# Deep\n\n![x](borrowed/secret.svg)\n")
    TALLY.plant("symlinks out of the project", 3)
    checked = run("check", "--as-of", AS_OF, "--project", root)
    assert re.search(
        r"goalsheet\.yaml:\d+:\d+: GS306 .*'branding/logo\.svg' is outside the "
        r"project",
        checked.output,
    ), checked.output
    assert re.search(r"content/deep\.md:3:1: GS303 .*borrowed/secret\.svg", checked.output)
    assert site_build(run, root).exit_code == 0
    assert not (root / "site" / "borrowed").exists()
    assert not list((root / "site" / "assets").glob("logo*"))
    no_leaks(root / "site")


def test_a_handout_refuses_a_symlinked_image(linked: tuple[Path, Path]) -> None:
    import datetime as dt

    from goalsheet.pipeline.jobs import HandoutJob
    from goalsheet.pipeline.runner import run_jobs

    root, outside = linked
    (root / "content" / "diagram.svg").symlink_to(outside / "secret.svg")
    (root / "content" / "pics.md").write_text("# Pics\n\n![d](diagram.svg)\n")
    TALLY.plant("symlinks out of the project")
    job = HandoutJob("pics", "site/handouts/pics.pdf", "a4")
    [result] = run_jobs(root, [job], workers=1, today=dt.date(2026, 11, 20))
    # `check` warns (GS303) and the handout is made without the image (issue 17): the
    # image is still never read, so nothing of it reaches the PDF.
    assert result.ok, result.error
    assert (root / "site" / "handouts" / "pics.pdf").read_bytes().startswith(b"%PDF")
    no_leaks(root / "site")


# --- device files: bounded time, a message not a crash ----------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "setup",
    [
        pytest.param("assets", id="site assets and a template override -> devices"),
        pytest.param(
            "images",
            id="content/random.png -> /dev/urandom",
        ),
        pytest.param(
            "page",
            id="content/random.md -> /dev/zero",
        ),
        pytest.param(
            "entries",
            id="entries/more.yaml -> /dev/zero",
        ),
        pytest.param(
            "logo-path",
            id="logo: /dev/urandom",
        ),
        pytest.param(
            "logo-link",
            id="logo symlinked to /dev/zero",
        ),
    ],
)
def test_device_files_are_refused_in_bounded_time(
    tmp_path: Path, listener: Listener, setup: str
) -> None:
    """Check and build finish in time and say what they refused; nothing reads a device."""
    root = base_project(tmp_path / "practice")
    content = root / "content"
    if setup == "assets":  # where site assets and templates are looked for
        assets = root / "templates" / "site" / "assets"
        assets.mkdir(parents=True)
        (assets / "site.css").symlink_to("/dev/zero")
        (assets / "site.js").symlink_to("/dev/urandom")
        (root / "templates" / "print").mkdir()
        (root / "templates" / "print" / "base.html.j2").symlink_to("/dev/urandom")
        TALLY.plant("device files", 3)
    elif setup == "images":
        (content / "random.png").symlink_to("/dev/urandom")
        (content / "zeros.svg").symlink_to("/dev/zero")
        (content / "dev.md").write_text("# Dev\n\n![r](random.png)\n\n![z](zeros.svg)\n")
        TALLY.plant("device files", 2)
    elif setup == "page":
        (content / "random.md").symlink_to("/dev/zero")
        TALLY.plant("device files")
    elif setup == "entries":
        (root / "goalsheets" / "C-0001" / "entries" / "more.yaml").symlink_to("/dev/zero")
        TALLY.plant("device files")
    elif setup == "logo-path":
        write_yaml(root / "goalsheet.yaml", {"practice": {"name": "T", "logo": "/dev/urandom"}})
        TALLY.plant("device files")
    else:
        (root / "branding").mkdir()
        (root / "branding" / "logo.png").symlink_to("/dev/zero")
        write_yaml(
            root / "goalsheet.yaml", {"practice": {"name": "T", "logo": "branding/logo.png"}}
        )
        TALLY.plant("device files")
    mark = listener.mark()
    checked = goalsheet("check", "--as-of", AS_OF, "--project", root, timeout=60)
    clean_exit(checked)
    # What reaches the device: for the images, the handout's PDF. Shards split the jobs by a
    # hash of the output path; the first of 9,623 writes the site and holds dev.pdf alone.
    assert int(hashlib.sha256(b"site/handouts/dev.pdf").hexdigest(), 16) % 9623 == 0
    pdfs = ("--jobs", "2", "--shard", "1/9623") if setup == "images" else ("--no-pdf",)
    built = goalsheet("build", *pdfs, "--as-of", AS_OF, "--project", root, timeout=60)
    clean_exit(built)
    if setup == "assets":  # the overridden print/base.html.j2 is a device
        sheet = goalsheet("worksheet", "smart-goal", "-o", tmp_path / "s.pdf", "--project", root)
        clean_exit(sheet)
        assert sheet.code == 0 and (tmp_path / "s.pdf").read_bytes().startswith(b"%PDF")
    assert listener.since(mark) == []
    assert built.code in (0, 1), built.output[-2000:]
    if setup == "assets":  # the devices are passed over: the built-in files are used
        assert built.code == 0, built.output[-2000:]
        for name in ("site.css", "site.js"):
            copied = (root / "site" / "assets" / name).read_bytes()
            assert copied == (REPO / "templates" / "site" / "assets" / name).read_bytes()
    if setup == "images":
        assert re.search(r"content/dev\.md:3:1: GS303 .*random\.png", checked.output)
        # the handout is made without the devices, as check's GS303 warning says (issue 17)
        assert "failed:" not in built.err and built.code == 0, built.output[-2000:]
        assert (root / "site" / "handouts" / "dev.pdf").read_bytes().startswith(b"%PDF")
        assert not (root / "site" / "random.png").exists()
    if setup == "page":
        assert re.search(r"content/random\.md:1:1: GS309", checked.output), checked.output
    if setup.startswith("logo"):
        assert re.search(r"goalsheet\.yaml:\d+:\d+: GS306", built.output), built.output
    no_leaks(root / "site", root / "private")


# --- the site in a browser's eyes -------------------------------------------------------


BYPASS_SOURCES = {
    "leading space": " {u}",
    "leading tab": "\t{u}",
    "newline inside the scheme": "ht\ntp://{hp}",
    "C0 control first": "\x01{u}",
    "&#32; reference first": "&#32;{u}",
}
CLIMB_SOURCES = {
    "%2e%2e segments": "%2e%2e/%2e%2e/outside/secret.svg",
    "backslashes": "x/..\\..\\..\\outside\\secret.svg",
}


def bypass_page(root: Path, name: str, sources: dict[str, str], listener: Listener | None) -> None:
    """A project whose page `name` has one raw <img> for each of `sources`."""
    base_project(root)
    outside_files(root.parent / "outside")
    lines = [f"# {name.capitalize()}\n"]
    for i, (label, form) in enumerate(sources.items()):
        u = listener.url(f"{name}-{i}.png") if listener is not None else ""
        src = form.format(u=u, hp=u.removeprefix("http://"))
        lines.append(f'{label}:\n\n<img src="{src}" alt="{label}">\n')
    (root / "content" / f"{name}.md").write_text("\n".join(lines))
    TALLY.plant("site img src, as a browser parses it", len(sources))


def chromium_requests(browser: Browser, page: Path) -> list[str]:
    """Every request Chromium makes to show `page` from the disk."""
    seen: list[str] = []

    def record(request: Request) -> None:
        seen.append(request.url)

    tab = browser.new_page()
    try:
        tab.on("request", record)
        tab.goto(page.as_uri(), wait_until="load")
        tab.wait_for_timeout(300)
    finally:
        tab.close()
    return seen


@pytest.mark.slow
@pytest.mark.browser
def test_site_images_cannot_reach_the_network_past_the_sanitiser(
    run: Run, tmp_path: Path, browser: Browser
) -> None:
    browser_listener = Listener()  # its own count: these are a browser's loads, not ours
    try:
        root = tmp_path / "practice"
        bypass_page(root, "bypass", BYPASS_SOURCES, browser_listener)
        assert site_build(run, root).exit_code == 0
        assert browser_listener.hits == []  # goalsheet itself fetched nothing
        site = root / "site"
        escapes = site_escapes(site)
        requests = chromium_requests(browser, site / "bypass.html")
        hits = list(browser_listener.hits)
    finally:
        browser_listener.close()
    TALLY.browser_fetches += hits
    assert escapes == [] and hits == [], (escapes, hits, requests)


@pytest.mark.slow
@pytest.mark.browser
def test_site_images_cannot_climb_out_of_the_site(
    run: Run, tmp_path: Path, browser: Browser
) -> None:
    root = tmp_path / "practice"
    bypass_page(root, "climb", CLIMB_SOURCES, None)
    assert site_build(run, root).exit_code == 0
    site = root / "site"
    escapes = site_escapes(site)
    outside = [
        u
        for u in chromium_requests(browser, site / "climb.html")
        if u.startswith("file:") and not u.startswith(site.as_uri() + "/")
    ]
    TALLY.browser_fetches += outside
    assert escapes == [] and outside == [], (escapes, outside)


# --- 4. other refusals, and the summary --------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "logo",
    [
        "file:///etc/passwd",
        "content/../../outside/secret.svg",
        "/dev/null",
    ],
)
def test_a_logo_outside_the_project_is_refused(run: Run, tmp_path: Path, logo: str) -> None:
    root = base_project(tmp_path / "practice", {"practice": {"name": "T", "logo": logo}})
    outside_files(tmp_path / "outside")
    TALLY.plant("logo paths")
    checked = run("check", "--as-of", AS_OF, "--project", root)
    assert re.search(
        rf"goalsheet\.yaml:\d+:\d+: GS306 \[warning\] the logo '{re.escape(logo)}'", checked.output
    ), checked.output
    assert site_build(run, root).exit_code == 0
    assert not list((root / "site" / "assets").glob("logo*"))
    no_leaks(root / "site")


@pytest.mark.slow
def test_a_colour_cannot_carry_css(run: Run, tmp_path: Path, listener: Listener) -> None:
    colour = f"#123456; background: url({listener.url('colour.png')})"
    root = base_project(
        tmp_path / "practice", {"practice": {"name": "T", "colours": {"primary": colour}}}
    )
    TALLY.plant("goalsheet.yaml practice fields")
    checked = run("check", "--as-of", AS_OF, "--project", root)
    assert checked.exit_code == 1 and "Traceback" not in checked.output
    assert re.search(r"goalsheet\.yaml:\d+:\d+: GS\d+ .*primary", checked.output), checked.output
    built = run("build", "--no-pdf", "--as-of", AS_OF, "--project", root)
    # The build goes on with the default colours, and says that check finds an error.
    assert "Traceback" not in built.output and "finds 1 error; what has it" in built.output
    for page in (root / "site").rglob("*.html"):
        assert "colour.png" not in page.read_text(), page


@pytest.mark.slow
def test_summary(listener: Listener) -> None:
    """Last: the count of everything planted here, and that none of it was fetched."""
    print(TALLY.line(len(listener.hits)))
    assert listener.hits == []
    assert TALLY.leaks == []
    assert TALLY.fetcher_loaded == 0
