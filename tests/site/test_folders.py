"""content/ with sub-folders, as a practice brings it from MkDocs or a shared drive: where
each page is published, its section, index.md, language folders, links between folders
(as MkDocs reads them), and the privacy rules on folders that link elsewhere."""

from __future__ import annotations

import os
import re
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from playwright.sync_api import Browser

from goalsheet.site.content import load_content
from helpers.browser import axe_problems, served
from helpers.project import Project

Run = Callable[..., Result]
AS_OF = "2026-11-20"


def png() -> bytes:
    """A real 4x4 PNG (red), so the site publishes it."""
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 4 for _ in range(4))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    header = (4).to_bytes(4, "big") * 2 + bytes([8, 2, 0, 0, 0])
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw))
            + chunk(b"IEND", b""))  # fmt: skip


def nested(project: Project) -> Project:
    """Folders three deep, index pages, a language folder, names with spaces and capitals,
    links across folders, with anchors, and an image in another folder."""
    project.write("content/index.md", "# Welcome to the practice\n\nStart [here](anxiety/).\n")
    project.write("content/anxiety/index.md", "# Anxiety and worry\n\nRead [panic](panic.md).\n")
    project.write(
        "content/anxiety/panic.md",
        """\
        # Panic

        ![A chart](../images/chart.png)

        ## What happens

        Try [winding down](../sleep-and-rest/wind-down.md#a-routine), the
        [deep page](<body/In The Chest/Heart Racing.md>), [the top](/sleep-and-rest/wind-down.md)
        and [this part](#what-happens).
        """,
    )
    project.write(
        "content/anxiety/body/In The Chest/Heart Racing.md",
        """\
        ---
        section: Body signals
        ---
        # A racing heart

        Back to [panic](../../panic.md#what-happens) or [lights out](../../../sleep-and-rest/Lights%20Out.md).
        """,
    )
    project.write(
        "content/sleep-and-rest/wind-down.md", "# Winding down\n\n## A routine\n\nText.\n"
    )
    project.write("content/sleep-and-rest/Lights Out.md", "# Lights out\n\nText.\n")
    project.write("content/top.md", "# At the top\n\nSee [panic](anxiety/panic.md).\n")
    project.write("content/es/anxiety/panic.md", "# Pánico\n\nTexto.\n")
    project.write("content/es/Sólo en español.md", "# Solo en español\n\nTexto.\n")
    project.write("content/images/chart.png", png())
    return project


def build(run: Run, root: Path, *extra: str) -> Result:
    return run("build", "--no-pdf", "--shard", "1/64", "--as-of", AS_OF, "--project", root, *extra)


def body(html: str) -> str:
    """The page's own text (the article), without the navigation around it."""
    found = re.search(r"<article\b.*?</article>", html, re.S)
    assert found is not None
    return found.group(0)


def test_pages_in_folders_have_ids_sections_and_languages(project: Project) -> None:
    content = load_content(nested(project).root, set())
    pages = {page.id: page for page in content.pages}
    assert set(pages) == {
        "anxiety/index",
        "anxiety/panic",
        "anxiety/body/in-the-chest/heart-racing",
        "sleep-and-rest/wind-down",
        "sleep-and-rest/lights-out",
        "top",
        "es/anxiety/panic",
        "es/solo-en-espanol",
    }
    assert pages["anxiety/panic"].output == "anxiety/panic.html"
    assert pages["anxiety/panic"].section == "Anxiety and worry"  # the folder's index.md
    assert pages["sleep-and-rest/wind-down"].section == "Sleep and rest"  # its name, readable
    assert pages["anxiety/body/in-the-chest/heart-racing"].section == "Body signals"  # section:
    assert pages["top"].section is None
    assert pages["top"].lang is None and pages["top"].original == "top"
    assert pages["es/anxiety/panic"].lang == "es"
    assert pages["es/anxiety/panic"].original == "anxiety/panic"
    assert pages["es/anxiety/panic"].section == "Anxiety"  # the folder under es/, readable
    assert pages["es/solo-en-espanol"].original == "es/solo-en-espanol"  # nothing to translate
    assert content.home is not None and content.home.title == "Welcome to the practice"
    assert "index" not in pages  # the home page's introduction, not a page of its own
    assert not [f for f in content.findings if f.code != "GS306"], content.findings


def test_each_language_has_a_home_introduction(project: Project) -> None:
    project.write("content/index.md", "# Welcome\n")
    project.write("content/es/index.md", "# Bienvenida\n\nVea [esto](notas/index.md).\n")
    project.write("content/es/notas/index.md", "# Notas\n")
    project.write("content/otras/index.md", "---\nlang: es\n---\n# Otras\n")
    content = load_content(project.root, set())
    assert sorted(page.id for page in content.homes) == ["es/index", "index"]
    spanish = next(page for page in content.homes if page.id == "es/index")
    assert spanish.lang == "es" and 'href="notas/index.html"' in spanish.rendered.html
    assert sorted(page.id for page in content.pages) == ["es/notas/index", "otras/index"]
    project.write("content/sleep-well/index.md", "No heading.\n")
    untitled = load_content(project.root, set()).pages
    assert next(p for p in untitled if p.id == "sleep-well/index").title == "Sleep well"


@pytest.mark.slow
def test_links_between_folders_are_written_from_the_page(run: Run, project: Project) -> None:
    root = nested(project).root
    result = build(run, root)
    assert result.exit_code == 0, result.output
    site = root / "site"
    panic = body((site / "anxiety" / "panic.html").read_text())
    assert 'href="../sleep-and-rest/wind-down.html#a-routine"' in panic
    assert 'href="body/in-the-chest/heart-racing.html"' in panic
    assert 'href="../sleep-and-rest/wind-down.html"' in panic  # "/..." read from content/
    assert 'href="#what-happens"' in panic
    assert 'src="../images/chart.png"' in panic
    assert (site / "images" / "chart.png").read_bytes() == png()
    deep = body((site / "anxiety/body/in-the-chest/heart-racing.html").read_text())
    assert 'href="../../panic.html#what-happens"' in deep
    assert 'href="../../../sleep-and-rest/lights-out.html"' in deep
    top = body((site / "top.html").read_text())
    assert 'href="anxiety/panic.html"' in top
    assert (site / "anxiety" / "index.html").is_file()
    assert (site / "es" / "anxiety" / "panic.html").is_file()
    assert not (site / "content").exists()


def test_a_broken_link_across_folders_names_the_file_and_line(run: Run, project: Project) -> None:
    project.write("content/a/b/page.md", "# Page\n\nOne line.\n\n[gone](../../c/missing.md)\n")
    project.write("content/a/other.md", "# Other\n\n## Part\n\n[bad part](b/page.md#nowhere)\n")
    project.write("content/a/pic.md", "# Pic\n\n![x](../../outside.png)\n")
    checked = run("check", "--as-of", AS_OF, "--project", project.root)
    out = checked.output
    assert re.search(r"content/a/b/page\.md:5:1: GS301 .*\.\./\.\./c/missing\.md", out), out
    assert re.search(r"content/a/other\.md:5:1: GS302 .*'#nowhere'", out), out
    assert re.search(r"content/a/pic\.md:3:1: GS303 .*outside\.png", out), out
    assert "Traceback" not in out


def test_an_image_out_of_content_is_taken_out_of_the_page(project: Project) -> None:
    project.write("secret.png", png())
    project.write("content/a/pic.md", "# Pic\n\n![x](../../secret.png) ![y](../../../etc/z.png)\n")
    page = load_content(project.root, set()).pages[0]
    assert "<img" not in page.rendered.html


def test_two_files_for_one_address_are_a_warning(project: Project) -> None:
    project.write("content/Sleep/Wind Down.md", "# One\n")
    project.write("content/sleep/wind-down.md", "# Two\n")
    content = load_content(project.root, set())
    assert [page.id for page in content.pages] == ["sleep/wind-down"]
    assert any(f.code == "GS304" and "sleep/wind-down.html" in f.message for f in content.findings)


def test_a_page_where_the_site_makes_its_own_file_is_left_out(project: Project) -> None:
    project.write("content/search.md", "# My search\n")
    project.write("content/es/worksheets.md", "# Mis fichas\n")
    project.write("content/tags/index.md", "# Tags\n")
    project.write("content/worksheets/how-to.md", "# How to fill them in\n")  # no clash
    content = load_content(project.root, set())
    assert [page.id for page in content.pages] == ["worksheets/how-to"]
    left_out = sorted(f.message for f in content.findings if f.code == "GS304")
    assert left_out == [
        "the site makes es/worksheets.html itself; the page is left out",
        "the site makes search.html itself; the page is left out",
        "the site makes tags/index.html itself; the page is left out",
    ]


def test_a_folder_that_links_to_itself_is_not_walked(project: Project) -> None:
    project.write("content/loop/page.md", "# Page\n")
    os.symlink("..", project.root / "content" / "loop" / "again")
    content = load_content(project.root, set())
    assert [page.id for page in content.pages] == ["loop/page"]
    assert [f.code for f in content.findings] == ["GS309"]


def test_a_folder_linked_into_client_data_is_refused_unread(run: Run, project: Project) -> None:
    project.write("goalsheets/C-0001/notes.md", "# Session notes about C-0001\n")
    project.write("content/ok.md", "# Fine\n")
    os.symlink(project.root / "goalsheets" / "C-0001", project.root / "content" / "clients")
    content = load_content(project.root, set())
    assert [page.id for page in content.pages] == ["ok"]
    refused = [f for f in content.findings if f.code == "GS311"]
    assert refused and refused[0].path == "content/clients"
    result = build(run, project.root)  # the build goes on without the folder...
    assert result.exit_code == 0 and "GS311" in result.output, result.output
    texts = [
        p.read_text(errors="replace") for p in (project.root / "site").rglob("*") if p.is_file()
    ]
    assert not any("Session notes" in text for text in texts)
    assert not (project.root / "site" / "clients").exists()
    checked = run("check", "--as-of", AS_OF, "--project", project.root)
    assert checked.exit_code == 1  # ...and check fails on it
    assert "content/clients:1:1: GS311 content/clients leads to goalsheets/C-0001" in checked.output


def test_spaces_and_capitals_in_names(project: Project) -> None:
    project.write(
        "content/My Folder/A Page About Sleep.md",
        "# Sleep\n\n[me](A%20Page%20About%20Sleep.md) ![moon](<Moon Picture.png>)\n",
    )
    project.write("content/My Folder/Moon Picture.png", png())
    content = load_content(project.root, set())
    page = content.pages[0]
    assert page.id == "my-folder/a-page-about-sleep"
    assert page.section == "My Folder"
    assert 'href="a-page-about-sleep.html"' in page.rendered.html
    # The image keeps its folder's name (it is copied as it is); the page's folder is a URL.
    assert 'src="../My%20Folder/Moon%20Picture.png"' in page.rendered.html
    assert content.images == ["My Folder/Moon Picture.png"]
    assert not content.findings


def test_two_language_folders_pair_with_each_other(project: Project) -> None:
    project.write("content/en/sleep/tips.md", "# Sleep tips\n")
    project.write("content/es/sleep/tips.md", "# Consejos para dormir\n")
    project.write("content/fr/sleep/tips.md", "# Conseils\n")
    content = load_content(project.root, set())
    originals = {page.id: (page.lang, page.original) for page in content.pages}
    assert originals == {
        "en/sleep/tips": ("en", "en/sleep/tips"),
        "es/sleep/tips": ("es", "en/sleep/tips"),
        "fr/sleep/tips": ("fr", "en/sleep/tips"),
    }


def test_translation_of_takes_a_page_id(project: Project) -> None:
    project.write("content/anxiety/panic.md", "# Panic\n")
    project.write(
        "content/otra/panico.md", "---\nlang: es\ntranslation_of: anxiety/panic\n---\n# Pánico\n"
    )
    project.write("content/otra/mal.md", "---\ntranslation_of: anxiety/nope\n---\n# Mal\n")
    content = load_content(project.root, set())
    pages = {page.id: page for page in content.pages}
    assert pages["otra/panico"].original == "anxiety/panic"
    assert pages["otra/panico"].lang == "es"
    assert [f.code for f in content.findings] == ["GS310"]


@pytest.mark.browser
@pytest.mark.slow
def test_a_nested_page_in_the_browser(run: Run, project: Project, browser: Browser) -> None:
    root = nested(project).root
    assert build(run, root).exit_code == 0
    with served(root / "site") as address:
        page = browser.new_page()
        try:
            page.goto(f"{address}/anxiety/body/in-the-chest/heart-racing.html")
            assert axe_problems(page) == []
            page.locator("article").get_by_role("link", name="panic").click()
            page.wait_for_url(f"{address}/anxiety/panic.html#what-happens")
            assert page.locator("#what-happens").is_visible()
            image = page.locator("article img")
            assert image.evaluate("img => img.complete && img.naturalWidth") == 4
            assert axe_problems(page) == []
            page.locator("article").get_by_role("link", name="winding down").click()
            page.wait_for_url(f"{address}/sleep-and-rest/wind-down.html#a-routine")
            assert page.get_by_role("heading", name="Winding down").is_visible()
        finally:
            page.close()
