"""Pagefind is given the pages without their sidebar (site/search_pages.py): the bundle it
writes must be the one it writes from the published pages, byte for byte."""

from __future__ import annotations

import filecmp
import json
import shutil
import subprocess
from pathlib import Path

from goalsheet.site.build import _pagefind
from goalsheet.site.search_pages import search_copy
from helpers.project import REPO

AS_OF = "2026-11-20"


def _bundle(site: Path, out: Path) -> None:
    command = [*_pagefind(), "--site", str(site), "--output-path", str(out), "--silent"]
    subprocess.run(command, check=True, capture_output=True, timeout=120)


def _same_tree(left: Path, right: Path) -> bool:
    """Byte for byte, but pagefind-entry.json as data: Pagefind lists the languages in
    either order from one run to the next."""
    compared = filecmp.dircmp(left, right)
    if compared.left_only or compared.right_only:
        return False
    _, mismatch, errors = filecmp.cmpfiles(left, right, compared.common_files, shallow=False)
    for name in [m for m in mismatch if m == "pagefind-entry.json"]:
        if json.loads((left / name).read_text()) == json.loads((right / name).read_text()):
            mismatch.remove(name)
    return (
        not mismatch
        and not errors
        and all(_same_tree(left / name, right / name) for name in compared.common_dirs)
    )


def test_the_bundle_is_the_one_the_published_pages_give(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "demo"
    root.mkdir()
    shutil.copy(REPO / "goalsheet.yaml", root / "goalsheet.yaml")
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "branding", root / "branding")
    result = run("build", "--no-pdf", "--as-of", AS_OF, "--project", root)
    assert result.exit_code == 0, result.output
    copies = root / ".goalsheet-cache" / "search-pages"
    assert copies.is_dir()
    pages = sorted(p.relative_to(root / "site") for p in (root / "site").rglob("*.html")
                   if "pagefind" not in p.parts)  # fmt: skip
    assert sorted(p.relative_to(copies) for p in copies.rglob("*.html")) == pages
    indexed = [p for p in pages if b"data-pagefind-body" in (root / "site" / p).read_bytes()]
    assert len(indexed) > 20
    for page in indexed:  # each handout is given without its sidebar
        assert (copies / page).stat().st_size < (root / "site" / page).stat().st_size, page
    from_site = tmp_path / "from-site"
    _bundle(root / "site", from_site)
    assert _same_tree(root / "site" / "pagefind", from_site)


def test_a_gone_page_and_a_planted_link_leave_the_copies(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "demo"
    root.mkdir()
    shutil.copy(REPO / "goalsheet.yaml", root / "goalsheet.yaml")
    (root / "content").mkdir()
    (root / "content" / "a.md").write_text("# A\n\nOne.\n")
    (root / "content" / "b.md").write_text("# B\n\nTwo.\n")
    assert run("build", "--no-pdf", "--project", root).exit_code == 0
    copies = root / ".goalsheet-cache" / "search-pages"
    assert (copies / "b.html").is_file()
    elsewhere = tmp_path / "elsewhere.html"
    elsewhere.write_text("kept")
    (copies / "a.html").unlink()
    (copies / "a.html").symlink_to(elsewhere)
    (root / "content" / "b.md").unlink()
    (root / "content" / "a.md").write_text("# A\n\nOne, changed.\n")
    assert run("build", "--no-pdf", "--project", root).exit_code == 0
    assert not (copies / "b.html").exists()
    assert not (copies / "a.html").is_symlink()
    assert elsewhere.read_text() == "kept"


def test_a_sidebar_that_may_be_indexed_stays() -> None:
    nav = b'<nav class="sidebar" aria-label="Handouts"><a href="x.html">X</a></nav>'
    body = b"<main data-pagefind-body><h1>T</h1></main>"
    assert search_copy(b"<body>" + nav + body + b"</body>") == b"<body>" + body + b"</body>"
    inside = b"<body data-pagefind-body>" + nav + b"<h1>T</h1></body>"
    assert search_copy(inside) == inside  # the sidebar is in the indexed element
    unmarked = b"<body>" + nav + b"<h1>T</h1></body>"
    assert search_copy(unmarked) == unmarked  # a site that marks none is indexed whole
    meta = nav.replace(b"<a ", b"<a data-pagefind-meta='x' ")
    assert search_copy(b"<body>" + meta + body) == b"<body>" + meta + body
