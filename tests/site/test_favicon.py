"""The site's icon: drawn from the practice's colour and name into assets/favicon.svg, or
the practice's logo when it has one; every page links the one it uses."""

from __future__ import annotations

import re

from helpers.cli import Run
from helpers.project import Project

ICON = re.compile(r'<link rel="icon" href="([^"]+)"')


def build(run: Run, project: Project) -> None:
    result = run("build", "--no-pdf", "--as-of", "2026-11-20", "--project", project.root)
    assert result.exit_code == 0, result.output


def test_without_a_logo_the_icon_is_drawn_from_the_practice(run: Run, project: Project) -> None:
    project.write(
        "goalsheet.yaml", "practice: {name: willow clinic, colours: {primary: '#225533'}}\n"
    )
    project.write("content/es/metas.md", "---\ntitle: Metas\n---\nTexto.\n")
    build(run, project)
    site = project.root / "site"
    icon = (site / "assets" / "favicon.svg").read_text(encoding="utf-8")
    assert icon.startswith("<svg") and "#225533" in icon and ">W<" in icon
    assert ICON.search((site / "index.html").read_text()).group(1) == "assets/favicon.svg"  # type: ignore[union-attr]
    nested = (site / "es" / "metas.html").read_text()
    assert ICON.search(nested).group(1) == "../assets/favicon.svg"  # type: ignore[union-attr]


def test_a_practice_logo_is_its_icon(run: Run, project: Project) -> None:
    project.write("goalsheet.yaml", "practice: {name: P, logo: branding/logo.png}\n")
    png = bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
    )
    project.write("branding/logo.png", png)
    build(run, project)
    page = (project.root / "site" / "index.html").read_text()
    assert ICON.search(page).group(1) == "assets/logo.png"  # type: ignore[union-attr]
