"""What the site is made from, read once: the pages, the worksheet library, the logo."""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

from goalsheet.findings import Finding
from goalsheet.paper.catalogue import Worksheet
from goalsheet.project import Project
from goalsheet.read.private_paths import PrivatePlaces
from goalsheet.resources import builtin_dir
from goalsheet.site.build import logo_url
from goalsheet.site.cache import MarkdownCache
from goalsheet.site.content import CONTENT_DIR, Content, load_content, private_finding
from goalsheet.site.request import GUIDE_DIR, WORKSHEETS_DIR, SiteRequest
from goalsheet.site.svg_images import published
from goalsheet.site.thumbnails import SUFFIX as THUMBNAIL

__all__ = ["SiteRequest", "site_findings", "site_request"]

TEMPLATES_DIR = "templates"


def site_request(
    project: Project,
    catalogue: dict[str, Worksheet],
    today: dt.date,
    pdf: bool = True,
    cache: MarkdownCache | None = None,
) -> SiteRequest:
    """Everything the site is made from. With a `cache`, unchanged pages are not converted
    again (`build` and `serve` use one; `check` reads without writing anything)."""
    private = private_places(project)
    content = load_content(project.root, set(catalogue), cache, private=private)
    logo, _ = logo_url(project)
    folder = project.root / project.config.output.site / WORKSHEETS_DIR
    present = frozenset() if pdf else _worksheets_present(folder)
    guide = guide_content(cache, private) if project.config.guide else None
    return SiteRequest(
        project.root, project.config, content, catalogue, pdf, logo, today, present, guide
    )


def _worksheets_present(folder: Path) -> frozenset[str]:
    """The blank worksheet PDFs (and their thumbnails) an earlier build left (none if site/
    cannot be searched: GS019 says so)."""
    try:
        files = [*folder.glob("*.pdf"), *folder.glob(f"*{THUMBNAIL}")]
        return frozenset(f"{WORKSHEETS_DIR}/{file.name}" for file in files)
    except OSError:
        return frozenset()


def guide_content(
    cache: MarkdownCache | None = None, private: PrivatePlaces | None = None
) -> Content:
    """The practitioner's guide that ships with goalsheet (the `guide` folder); nothing in
    it that leads into the project's `private` places is read."""
    folder = builtin_dir(GUIDE_DIR)
    return load_content(
        folder.parent, set(), cache, name=GUIDE_DIR, output_folder=f"{GUIDE_DIR}/", private=private
    )


def private_places(project: Project) -> PrivatePlaces:
    """The project's client data, never read for the site (see read/private_paths.py)."""
    return PrivatePlaces(project.root, project.config.output.private)


def site_findings(request: SiteRequest, project: Project) -> list[Finding]:
    """Everything wrong in content/, the practice's logo setting and a templates/ folder
    that leads into client data (it is not used: see render/environment.py)."""
    templates = project.root / TEMPLATES_DIR
    reached = private_places(project).reaches(templates) if templates.is_symlink() else None
    linked = [private_finding(templates, project.root, reached)] if reached is not None else []
    svgs = _svg_findings(request, project.root)
    return [*request.content.findings, *logo_url(project)[1], *linked, *svgs]


def _svg_findings(request: SiteRequest, root: Path) -> list[Finding]:
    """What the site leaves out of each SVG it publishes (the same words `build` acts on),
    so `check` warns before a build does."""
    sources = [root / CONTENT_DIR / image for image in request.content.images]
    if request.logo is not None and request.config.practice.logo:
        sources.append(root / request.config.practice.logo)
    findings: list[Finding] = []
    for source in sources:
        if source.suffix.lower() == ".svg":
            with contextlib.suppress(OSError):
                findings += published(source, root)[1]
    return findings
