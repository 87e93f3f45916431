"""The handout site as built files: what is there, what is refused, what never leaks."""

from __future__ import annotations

import datetime as dt
import gzip
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from click.testing import Result
from markupsafe import escape as markupsafe_escape

from goalsheet.pipeline.jobs import HandoutJob
from goalsheet.pipeline.runner import run_jobs
from goalsheet.render.svg import clean_svg
from helpers import pdftools
from helpers.cli import invoke
from helpers.pdftools import qpdf_ok, text
from helpers.project import REPO

Run = Callable[..., Result]
AS_OF = "2026-11-20"


def copy_demo(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "goalsheet.yaml", target / "goalsheet.yaml")
    shutil.copytree(REPO / "content", target / "content")
    shutil.copytree(REPO / "goalsheets", target / "goalsheets")
    shutil.copytree(REPO / "branding", target / "branding")
    return target


def build(run: Run, root: Path, *extra: str) -> Result:
    """The site, as these tests look at it: --no-pdf, and the first of 64 shards, which
    writes the HTML site and none of the demo clients' reports (the `built` fixture builds
    everything, for the tests that look for client data in the site)."""
    return run("build", "--no-pdf", "--shard", "1/64", "--as-of", AS_OF, "--project", root, *extra)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_demo(tmp_path_factory.mktemp("site") / "demo")
    result = invoke("build", "--no-pdf", "--as-of", AS_OF, "--project", root, catch=True)
    assert result.exit_code == 0, result.output
    return root


def html_files(root: Path) -> list[Path]:
    return sorted((root / "site").rglob("*.html"))


@pytest.mark.slow
def test_every_page_and_listing_is_built(built: Path) -> None:
    site = built / "site"
    pages = sorted(p.stem for p in (REPO / "content").glob("*.md"))
    assert len(pages) >= 14
    for page in pages:
        assert (site / f"{page}.html").is_file(), page
    for name in ("index.html", "worksheets.html", "search.html", "404.html", "tags/index.html",
                 "for-clients.html", "for-parents.html", "for-clinicians.html",
                 "sitemap.xml", "robots.txt", "assets/site.css", "assets/site.js",
                 "pagefind/pagefind.js"):  # fmt: skip
        assert (site / name).is_file(), name
    assert not list(site.glob(".pagefind*"))  # the search bundle was swapped in whole
    sitemap = (site / "sitemap.xml").read_text()
    not_found = len(list(site.rglob("404.html")))  # one per language
    assert sitemap.count("<loc>") == len(html_files(built)) - not_found  # all but the 404s
    assert "404.html" not in sitemap
    assert "User-agent: *" in (site / "robots.txt").read_text()


@pytest.mark.slow
def test_links_are_relative_so_the_site_works_anywhere(built: Path) -> None:
    for file in html_files(built):
        if file.name == "404.html":
            continue  # shown at any depth: it links from site_url's path (tested in a browser)
        html = file.read_text()
        for url in re.findall(r'(?:href|src)="([^"]+)"', html):
            assert not url.startswith("/"), (file.name, url)  # no root-relative links
            if url.startswith(("#", "mailto:", "tel:", "http")):
                continue
            target = (file.parent / url.split("#")[0]).resolve()
            if "worksheets/" in url or "handouts/" in url:
                continue  # PDFs are not built with --no-pdf
            assert target.is_file(), (file.relative_to(built), url)


@pytest.mark.slow
def test_a_handout_page_has_its_parts(built: Path) -> None:
    html = (built / "site" / "phq-9-and-gad-7.html").read_text()
    crisis = yaml.safe_load((REPO / "goalsheet.yaml").read_text())["practice"]["crisis_line"]
    crisis = crisis["en"]  # the demo's English crisis text (it has a Spanish one too)
    first = crisis.split(".")[0]
    assert html.count(first) >= 2  # the top box (a sensitive page) and the footer
    assert 'class="crisis crisis-top"' in html
    assert '<nav aria-label="Breadcrumb"' in html and 'rel="prev"' in html and 'rel="next"' in html
    # --no-pdf on a fresh project: no PDFs exist, so none is linked (no dead links)
    assert 'href="worksheets/' not in html and "PDFs not in this preview" in html
    assert 'href="handouts/phq-9-and-gad-7.pdf"' not in html
    assert '<nav class="toc"' in html
    tags = (built / "site" / "tags" / "index.html").read_text()
    assert 'href="../index.html"' in tags  # one level down, one level up


@pytest.mark.slow
def test_library_lists_every_worksheet_and_links_the_pdfs_there_are(
    run: Run, tmp_path: Path
) -> None:
    root = copy_demo(tmp_path / "p")
    listed = run("list", "worksheets", "--format", "json", "--project", root)
    sheets = {w["id"]: w["title"] for w in __import__("json").loads(listed.output)}
    earlier = root / "site" / "worksheets"  # as an earlier full build left them
    earlier.mkdir(parents=True)
    (earlier / "phq-9.pdf").write_bytes(b"%PDF-1.7 placeholder")
    assert build(run, root).exit_code == 0
    html = (root / "site" / "worksheets.html").read_text()
    for title in sheets.values():
        assert f"<h2>{markupsafe_escape(title)}</h2>" in html, title
    assert re.findall(r'href="(worksheets/[^"]+\.pdf)"', html) == ["worksheets/phq-9.pdf"]
    # a full build makes every PDF (as jobs of its own), so it links them all
    from goalsheet.paper.catalogue import load_catalogue
    from goalsheet.project import load_project
    from goalsheet.site.plan import site_request
    from goalsheet.site.render import render_site

    project = load_project(root)
    full = site_request(project, load_catalogue(root), dt.date(2026, 11, 20), pdf=True)
    library = render_site(full)["worksheets.html"][1] or ""
    for worksheet in sheets:
        assert f'href="worksheets/{worksheet}.pdf"' in library, worksheet


@pytest.mark.slow
def test_nothing_from_client_files_reaches_the_site(built: Path) -> None:
    """Every demo client's ID, name, therapist, goal titles and reasons, steps, notes and
    review texts: none of them is anywhere in site/."""
    secrets: set[str] = set()
    for folder in (built / "goalsheets").iterdir():
        secrets.add(folder.name)
        for file in folder.rglob("*.yaml"):
            secrets |= _private_texts(yaml.safe_load(file.read_text()))
    # Phrases, not lone words ("practice", "activities" are everyday vocabulary), and IDs.
    secrets = {s for s in secrets if (" " in s and len(s) >= 10) or re.fullmatch(r"[A-Z]-\d{4}", s)}
    assert len(secrets) > 40
    site_text = "\n".join(_readable(p) for p in (built / "site").rglob("*") if p.is_file())
    site_text = " ".join(site_text.split()).lower()  # a phrase may wrap onto two lines
    leaked = sorted(s for s in secrets if " ".join(s.split()).lower() in site_text)
    assert leaked == []


def _readable(file: Path) -> str:
    """A site file's text: PDFs decompressed and their text extracted, Pagefind's search
    fragments unzipped, other binaries (fonts, images) left out."""
    if file.suffix == ".pdf":
        return pdftools.text(file) + pdftools.uncompressed(file).decode("latin-1")
    if file.suffix in (".pf_fragment", ".pf_index", ".pf_meta", ".pf_filter"):
        return gzip.decompress(file.read_bytes()).decode("utf-8", errors="replace")
    if file.suffix in (".html", ".xml", ".txt", ".js", ".css", ".json", ".svg"):
        return file.read_text(errors="replace")
    return ""


PRIVATE_KEYS = {"id", "name", "therapist", "title", "why", "specific", "achievable", "text",
                "note", "progress", "helped", "next", "feedback"}  # fmt: skip


def _private_texts(data: object, key: str = "") -> set[str]:
    """Free text a person wrote about a client (not scale labels or shared vocabulary)."""
    if isinstance(data, str):
        return {data.strip()} if key in PRIVATE_KEYS else set()
    if isinstance(data, dict):
        return {t for k, v in data.items() for t in _private_texts(v, str(k))}
    if isinstance(data, list):
        return {t for v in data for t in _private_texts(v, key)}
    return set()


XSS = """---
title: Hostile page
---
# Hostile page

<script>alert('x')</script>
<img src="x.png" onerror="alert('img')">
<a href="javascript:alert('js')">js link</a>
<a href="data:text/html,<script>alert(1)</script>">data link</a>
<iframe src="https://example.com"></iframe>
<svg onload="alert('svg')"><script>alert(2)</script></svg>
<div style="background:url(javascript:alert(3))" onclick="alert(4)">styled</div>
![remote](https://example.com/tracker.png)
![local file](file:///etc/passwd)
![up](../../secret.png)
[ok link](smart-goals.md)
"""


@pytest.mark.slow
def test_raw_html_is_sanitised(run: Run, tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "p")
    (root / "content" / "hostile.md").write_text(XSS)
    result = build(run, root)
    assert result.exit_code == 0, result.output
    html = (root / "site" / "hostile.html").read_text()
    body = html.split('<div class="prose">')[1].split("</div>\n  \n")[0]
    for bad in ("<script", "onerror", "javascript:", "data:text", "<iframe", "onload",
                "onclick", "example.com", "file:", "../../secret.png", "style="):  # fmt: skip
        assert bad not in body, bad
    assert 'href="smart-goals.html"' in body
    # and check names what it removed, with a line number
    checked = run("check", "--as-of", AS_OF, "--project", root)
    assert re.search(
        r"content/hostile\.md:\d+:1: GS303 .*https://example\.com/tracker\.png", checked.output
    )


BAD_PAGES = [
        ("broken-yaml.md", "---\ntitle: [unclosed\n---\n# Hi\n", r"content/broken-yaml\.md:[23]:\d+: GS002"),
        ("unknown-key.md", "---\ntitle: Hi\ntitel: typo\n---\nText\n", r"content/unknown-key\.md:3:1: GS317 \[warning\] .*'titel'"),
        ("no-title.md", "Just text, no heading.\n", r"content/no-title\.md:1:1: GS307"),
        ("dead-link.md", "# Dead\n\nSee [gone](missing-page.md).\n", r"content/dead-link\.md:3:1: GS301 .*missing-page\.md"),
        ("bad-anchor.md", "# Anchor\n\n[x](smart-goals.md#nope)\n", r"content/bad-anchor\.md:3:1: GS302"),
        ("no-image.md", "# Pic\n\n![a](nothing.png)\n", r"content/no-image\.md:3:1: GS303 .*nothing\.png"),
        ("latin1.md", "# Caf\xe9\n", r"content/latin1\.md:1:6: GS001 .*not UTF-8"),
        ("worksheet.md", "---\nworksheets: [smart-goal, nope]\n---\n# W\n", r"content/worksheet\.md:2:26: GS305 .*'nope'"),
    ]  # fmt: skip


@pytest.mark.parametrize(("name", "content", "expected"), BAD_PAGES)
def test_bad_pages_are_named_with_file_and_line(
    run: Run, tmp_path: Path, name: str, content: str, expected: str
) -> None:
    root = copy_demo(tmp_path / "p")
    raw = content.encode("latin-1") if name == "latin1.md" else content.encode()
    (root / "content" / name).write_bytes(raw)
    checked = run("check", "--as-of", AS_OF, "--project", root)
    assert re.search(expected, checked.output), checked.output
    assert "Traceback" not in checked.output


@pytest.mark.slow
def test_a_build_with_bad_pages_warns_and_goes_on_but_strict_refuses(
    run: Run, tmp_path: Path
) -> None:
    root = copy_demo(tmp_path / "p")
    for name, content, _ in BAD_PAGES:
        raw = content.encode("latin-1") if name == "latin1.md" else content.encode()
        (root / "content" / name).write_bytes(raw)
    result = build(run, root)
    assert result.exit_code == 0, result.output
    for _, _, expected in BAD_PAGES:
        assert re.search(expected, result.output), expected
    assert (root / "site" / "smart-goals.html").is_file()
    assert (root / "site" / "dead-link.html").is_file()  # a warning does not drop the page
    assert not (root / "site" / "broken-yaml.html").exists()  # an unreadable page is left out
    strict = build(run, root, "--strict")
    assert strict.exit_code == 1 and "--strict" in strict.output


@pytest.mark.slow
def test_a_huge_page_is_refused_clearly(run: Run, tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "p")
    (root / "content" / "huge.md").write_text("# Huge\n\n" + "word " * 1_100_000)
    result = build(run, root)
    assert result.exit_code == 0
    assert re.search(r"content/huge\.md:1:1: GS001 the file is too large", result.output)
    assert not (root / "site" / "huge.html").exists()


def test_duplicate_slugs(run: Run, tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "p")
    (root / "content" / "again.md").write_text("---\nslug: smart-goals\n---\n# Again\n")
    checked = run("check", "--as-of", AS_OF, "--project", root)
    assert re.search(r"GS304 \[warning\] two pages would both be smart-goals\.html", checked.output)


@pytest.mark.slow
def test_a_page_without_front_matter_takes_its_first_heading(run: Run, tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "p")
    (root / "content" / "plain.md").write_text("# Plain and simple\n\nNo front matter.\n")
    assert build(run, root).exit_code == 0
    html = (root / "site" / "plain.html").read_text()
    assert "<h1>Plain and simple</h1>" in html and html.count("<h1") == 1
    assert "<title>Plain and simple · " in html


@pytest.mark.slow
def test_handout_pdf(built: Path) -> None:
    [result] = run_jobs(
        built,
        [HandoutJob("smart-goals", "site/handouts/smart-goals.pdf", "a4")],
        workers=1,
        today=dt.date(2026, 11, 20),
    )
    assert result.ok, result.error
    pdf = built / "site" / "handouts" / "smart-goals.pdf"
    assert qpdf_ok(pdf)
    words = text(pdf)
    assert "SMART goals" in words and "If you need help now" in words
    assert "Riverside Talking Therapies (demo)" in words


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    root = copy_demo(tmp_path / "p")
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "goalsheet", "serve", "--port", str(port), "--project", str(root)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(url + "index.html", timeout=2)
                break
            except OSError:
                time.sleep(0.3)
        yield root, url
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_serve_rebuilds_and_tells_the_page_to_reload(served: tuple[Path, str]) -> None:
    root, url = served
    page = urllib.request.urlopen(url + "smart-goals.html").read().decode()
    assert '<script src="/__goalsheet/reload.js" defer></script>' in page
    assert "reload.js" not in (root / "site" / "smart-goals.html").read_text()  # not on disk
    before = urllib.request.urlopen(url + "__goalsheet/version").read().decode()
    source = root / "content" / "smart-goals.md"
    source.write_text(source.read_text().replace("title: SMART goals", "title: SMART goals, live"))
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        after = urllib.request.urlopen(url + "__goalsheet/version").read().decode()
        if after != before:
            break
        time.sleep(0.3)
    assert after != before
    page = urllib.request.urlopen(url + "smart-goals.html").read().decode()
    assert "<h1>SMART goals, live</h1>" in page


@pytest.mark.slow
def test_a_practice_template_overrides_the_built_in_one(run: Run, tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "p")
    own = root / "templates" / "site"
    own.mkdir(parents=True)
    (own / "home.html.j2").write_text(
        '{% extends "site/base.html.j2" %}{% block main %}<h1>Welcome to {{ site.name }}</h1>'
        "{% endblock %}"
    )
    assert build(run, root).exit_code == 0
    html = (root / "site" / "index.html").read_text()
    assert "<h1>Welcome to Riverside Talking Therapies (demo)</h1>" in html
    assert 'href="smart-goals.html"' in html  # the built-in base still draws the navigation


@pytest.mark.slow
def test_an_override_runs_in_the_sandbox(run: Run, tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "p")
    own = root / "templates" / "site"
    own.mkdir(parents=True)
    (own / "home.html.j2").write_text("{{ ''.__class__.__mro__[1].__subclasses__() }}")
    result = build(run, root)
    assert result.exit_code == 1
    assert "failed: the HTML site: template site/home.html.j2 failed" in result.output
    assert "unsafe" in result.output and "Traceback" not in result.output


@pytest.mark.slow
def test_the_practice_logo_is_on_every_page(built: Path) -> None:
    # An SVG logo is published as its rebuilt, safe drawing (render/svg.py): the same shapes.
    published = (built / "site" / "assets" / "logo.svg").read_bytes()
    assert published == clean_svg((REPO / "branding" / "logo.svg").read_bytes()).data
    assert published.count(b"<path") == 2 and b"<title>" in published
    for file in html_files(built):
        if file.name != "404.html":
            depth = len(file.relative_to(built / "site").parts) - 1
            assert f'<img src="{"../" * depth}assets/logo.svg" alt=""' in file.read_text()


@pytest.mark.slow
def test_a_logo_outside_the_project_is_refused(run: Run, tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "p")
    config = root / "goalsheet.yaml"
    config.write_text(config.read_text().replace("logo: branding/logo.svg", "logo: /etc/passwd"))
    checked = run("check", "--as-of", AS_OF, "--project", root)
    assert re.search(r"goalsheet\.yaml:\d+:\d+: GS306 .*outside the project", checked.output)
    assert build(run, root).exit_code == 0
    assert "passwd" not in (root / "site" / "index.html").read_text()


@pytest.mark.slow
def test_every_page_is_valid_html(built: Path) -> None:
    """html5lib's strict parser raises on any parse error the HTML standard defines."""
    import html5lib

    pages = html_files(built)
    assert len(pages) > 20
    for file in pages:
        parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
        parser.parse(file.read_text())
        assert parser.errors == [], (file.name, parser.errors[:3])


@pytest.mark.slow
def test_a_rebuild_renders_only_what_changed(run: Run, tmp_path: Path) -> None:
    """Pages are rendered again exactly when something they show changed."""
    root = copy_demo(tmp_path / "p")
    site = root / "site"

    def stamps() -> dict[str, int]:
        return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in html_files(root)}

    def rebuilt(before: dict[str, int]) -> set[str]:
        after = stamps()
        return {path for path, stamp in after.items() if before.get(path) != stamp}

    assert build(run, root).exit_code == 0
    first = stamps()
    time.sleep(0.02)
    assert build(run, root).exit_code == 0
    assert rebuilt(first) == set()  # nothing changed, nothing written
    # One page's body: that page only (the search index follows it).
    page = root / "content" / "baseline-tracking.md"
    page.write_text(page.read_text() + "\nOne more sentence for the test.\n")
    before = stamps()
    assert build(run, root).exit_code == 0
    assert rebuilt(before) == {"baseline-tracking.html"}
    assert "One more sentence for the test." in (site / "baseline-tracking.html").read_text()
    # A page's title shows in every page's navigation: every page.
    page.write_text(page.read_text().replace("title: Baseline tracking", "title: Baselines"))
    before = stamps()
    assert build(run, root).exit_code == 0
    # The Spanish pages (es/) have their own navigation, of Spanish pages only.
    handouts = {p for p in before if not p.startswith(("guide/", "es/"))}
    assert rebuilt(before) >= handouts - {"404.html"}  # every page (the 404 too, or not)
    assert ">Baselines</a>" in (site / "smart-goals.html").read_text()
    # A practice template (an override of the sidebar): every page again.
    own = root / "templates" / "site"
    own.mkdir(parents=True)
    sidebar = (REPO / "templates" / "site" / "sidebar.html.j2").read_text()
    (own / "sidebar.html.j2").write_text(sidebar.replace('{{ _("Topics") }}', "All topics"))
    before = stamps()
    assert build(run, root).exit_code == 0
    assert rebuilt(before) >= handouts - {"404.html"}
    assert ">All topics<" in (site / "faq.html").read_text()
    # A config value (the crisis line is in every footer): every page again.
    config = root / "goalsheet.yaml"
    config.write_text(config.read_text().replace("24-hour crisis line", "24-hour helpline"))
    before = stamps()
    assert build(run, root).exit_code == 0
    assert rebuilt(before) >= handouts  # the English pages: es/ shows the Spanish text
    assert "24-hour helpline" in (site / "index.html").read_text()
    # A deleted output is made again, whatever the record says.
    (site / "faq.html").unlink()
    assert build(run, root).exit_code == 0
    assert (site / "faq.html").is_file()


@pytest.mark.slow
def test_a_removed_page_leaves_nothing_behind(run: Run, tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "p")
    extra = root / "content" / "temporary.md"
    extra.write_text("---\ntags: [temporary-topic]\n---\n# A page for a while\n")
    handouts = root / "site" / "handouts"
    handouts.mkdir(parents=True)
    (handouts / "temporary.pdf").write_bytes(b"%PDF-1.7 from an earlier build")
    (root / "site" / "practice-notes.html").parent.mkdir(parents=True, exist_ok=True)
    (root / "site" / "practice-notes.html").write_text("not ours")  # put there by hand
    assert build(run, root).exit_code == 0
    assert (root / "site" / "temporary.html").is_file()
    assert (root / "site" / "tags" / "temporary-topic.html").is_file()
    extra.unlink()
    assert build(run, root).exit_code == 0
    assert not (root / "site" / "temporary.html").exists()
    assert not (root / "site" / "tags" / "temporary-topic.html").exists()
    assert not (handouts / "temporary.pdf").exists()
    assert "A page for a while" not in (root / "site" / "index.html").read_text()
    assert (root / "site" / "practice-notes.html").read_text() == "not ours"


@pytest.mark.slow
def test_check_reads_the_cache_but_writes_nothing(run: Run, tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "p")
    assert run("check", "--as-of", AS_OF, "--project", root).exit_code == 0
    assert not (root / ".goalsheet-cache").exists()
    assert not (root / "site").exists()
    assert build(run, root).exit_code == 0  # a build fills the cache...
    cached = sorted((root / ".goalsheet-cache" / "markdown").glob("*.json"))
    assert len(cached) == len(list((root / "content").rglob("*.md")))  # no guide: it is off
    assert run("check", "--as-of", AS_OF, "--project", root).exit_code == 0
    assert sorted((root / ".goalsheet-cache" / "markdown").glob("*.json")) == cached


@pytest.mark.slow
def test_a_translated_handout_links_to_its_original_and_back(run: Run, tmp_path: Path) -> None:
    root = copy_demo(tmp_path / "p")
    shutil.rmtree(root / "content" / "es")  # metas-smart.md is the one Spanish smart-goals
    (root / "content" / "metas-smart.md").write_text(
        "---\ntitle: Metas SMART\nlang: es\ntranslation_of: smart-goals\n---\n"
        "Una meta SMART es concreta y se puede medir.\n",
        encoding="utf-8",
    )
    (root / "content" / "broken.md").write_text(
        "---\ntitle: Rota\nlang: es\ntranslation_of: no-such-page\n---\nTexto.\n",
        encoding="utf-8",
    )
    result = build(run, root)
    assert result.exit_code == 0, result.output
    assert re.search(r"content/broken\.md:4:\d+: GS310 .*no page 'no-such-page'", result.output)
    spanish = (root / "site" / "metas-smart.html").read_text(encoding="utf-8")
    english = (root / "site" / "smart-goals.html").read_text(encoding="utf-8")
    assert 'data-pagefind-body lang="es">' in spanish
    assert 'href="smart-goals.html" hreflang="en-GB" lang="en-GB">English</a>' in spanish
    assert 'href="metas-smart.html" hreflang="es-ES" lang="es-ES">español</a>' in english
