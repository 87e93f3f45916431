"""Pagefind is given the pages without their sidebar (site/search_pages.py): what it indexes
must be what it indexes from the published pages."""

from __future__ import annotations

import filecmp
import json
import shutil
import subprocess
from pathlib import Path

from goalsheet.site.build import MEMORY_FOLDER, _pagefind
from goalsheet.site.search_pages import search_copy
from helpers.project import REPO

AS_OF = "2026-11-20"


def _bundle(site: Path, out: Path) -> None:
    command = [*_pagefind(), "--site", str(site), "--output-path", str(out), "--silent"]
    subprocess.run(command, check=True, capture_output=True, timeout=120)


def _same_index(ours: Path, theirs: Path) -> bool:
    """Every page's fragment byte for byte, and the same languages with the same pages.
    The index files themselves are not compared: Pagefind numbers the pages in the order
    the folder lists them, so even site/ copied as it is into another folder gives other
    index files (and pagefind-entry.json lists the languages in either order)."""
    compared = filecmp.dircmp(ours / "fragment", theirs / "fragment")
    if compared.left_only or compared.right_only or not compared.common_files:
        return False
    fragments = compared.common_files
    _, mismatch, errors = filecmp.cmpfiles(
        ours / "fragment", theirs / "fragment", fragments, shallow=False
    )

    def languages(folder: Path) -> dict[str, int]:
        entry = json.loads((folder / "pagefind-entry.json").read_text())
        return {lang: value["page_count"] for lang, value in entry["languages"].items()}

    return not mismatch and not errors and languages(ours) == languages(theirs)


def _left_behind() -> set[str]:
    folder = Path(MEMORY_FOLDER)
    return {p.name for p in folder.glob("goalsheet-search-*")} if folder.is_dir() else set()


def test_the_bundle_is_the_one_the_published_pages_give(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "demo"
    root.mkdir()
    shutil.copy(REPO / "goalsheet.yaml", root / "goalsheet.yaml")
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "branding", root / "branding")
    before = _left_behind()
    result = run("build", "--no-pdf", "--as-of", AS_OF, "--project", root)
    assert result.exit_code == 0, result.output
    assert _left_behind() <= before  # the copies are gone with the build
    pages = [p for p in (root / "site").rglob("*.html") if "pagefind" not in p.parts]
    indexed = [p.read_bytes() for p in pages if b"data-pagefind-body" in p.read_bytes()]
    assert len(indexed) > 20
    assert all(len(search_copy(page)) < len(page) for page in indexed)  # sidebars left out
    from_site = tmp_path / "from-site"
    _bundle(root / "site", from_site)
    assert _same_index(root / "site" / "pagefind", from_site)


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
