"""The practitioner's guide is for staff: off by default (nothing under guide/, no client
page links to it), published under guide/ with `guide: true` in its own navigation and
out of the clients' search, and removed again when switched off."""

from __future__ import annotations

import gzip
import re
import shutil
from pathlib import Path

import pytest

from helpers.cli import Run
from helpers.project import REPO

AS_OF = "2026-11-20"
GUIDE_TOPICS = ("install", "first-project", "goals-with-a-client", "printing-diaries",
                "fillable-pdfs-and-import", "reading-a-report", "publishing-the-site",
                "languages", "backups-and-privacy", "scanning-paper")  # fmt: skip
GUIDE_LINK = re.compile(r'href="[^"]*guide/')


def demo_copy(target: Path, guide: bool | None = None) -> Path:
    """The demo practice's settings and pages (no client data: none is needed here)."""
    target.mkdir(parents=True)
    config = (REPO / "goalsheet.yaml").read_text(encoding="utf-8")
    if guide is not None:
        config += f"guide: {'true' if guide else 'false'}\n"
    (target / "goalsheet.yaml").write_text(config, encoding="utf-8")
    shutil.copytree(REPO / "content", target / "content")
    shutil.copytree(REPO / "branding", target / "branding")
    return target


def build(run: Run, root: Path) -> None:
    result = run("build", "--no-pdf", "--as-of", AS_OF, "--project", root)
    assert result.exit_code == 0, result.output


def client_pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("*.html") if "guide" not in p.relative_to(site).parts]


@pytest.mark.slow
def test_the_guide_is_off_by_default_and_nothing_links_to_it(run: Run, tmp_path: Path) -> None:
    root = demo_copy(tmp_path / "p")
    build(run, root)
    site = root / "site"
    assert not (site / "guide").exists()
    for page in site.rglob("*.html"):
        assert not GUIDE_LINK.search(page.read_text(encoding="utf-8")), page
    assert "guide/" not in (site / "sitemap.xml").read_text(encoding="utf-8")


@pytest.mark.slow
def test_guide_true_publishes_it_apart_from_the_client_pages(run: Run, tmp_path: Path) -> None:
    root = demo_copy(tmp_path / "p", guide=True)
    build(run, root)
    guide = root / "site" / "guide"
    for topic in ("index", *GUIDE_TOPICS):
        page = (guide / f"{topic}.html").read_text(encoding="utf-8")
        assert '<nav class="sidebar" aria-label="Practitioner' in page, topic  # its own nav
        assert "data-pagefind-body" not in page, topic  # not in the clients' search
        assert '<html lang="en-GB"' in page, topic
        for link in re.findall(r'href="([^"#]+)"', page):
            if not link.startswith(("http", "mailto:", "tel:")):
                assert (guide / link).resolve().is_file(), f"{topic}: {link}"
    index = (guide / "index.html").read_text(encoding="utf-8")
    for topic in GUIDE_TOPICS:
        assert f'href="../guide/{topic}.html"' in index, topic
    for page in client_pages(root / "site"):  # still no client page leads to it
        assert not GUIDE_LINK.search(page.read_text(encoding="utf-8")), page
    fragments = b"".join(
        gzip.decompress(p.read_bytes()) for p in (root / "site" / "pagefind").rglob("*.pf_fragment")
    )
    assert b"guide/" not in fragments


@pytest.mark.slow
def test_switching_the_guide_off_removes_its_pages(run: Run, tmp_path: Path) -> None:
    root = demo_copy(tmp_path / "p", guide=True)
    build(run, root)
    assert (root / "site" / "guide" / "install.html").is_file()
    config = root / "goalsheet.yaml"
    config.write_text(config.read_text().replace("guide: true", "guide: false"))
    build(run, root)
    assert not list((root / "site").glob("guide/*.html"))
    assert (root / "site" / "smart-goals.html").is_file()
