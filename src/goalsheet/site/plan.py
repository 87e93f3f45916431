"""What the site is made from, read once: the pages, the worksheet library, the logo."""

from __future__ import annotations

import datetime as dt

from goalsheet.findings import Finding
from goalsheet.paper.catalogue import Worksheet
from goalsheet.project import Project
from goalsheet.site.build import logo_url
from goalsheet.site.content import load_content
from goalsheet.site.render import SiteRequest


def site_request(
    project: Project, catalogue: dict[str, Worksheet], today: dt.date, pdf: bool = True
) -> SiteRequest:
    content = load_content(project.root, set(catalogue))
    logo, _ = logo_url(project)
    return SiteRequest(project.root, project.config, content, catalogue, pdf, logo, today)


def site_findings(request: SiteRequest, project: Project) -> list[Finding]:
    """Everything wrong in content/ and the practice's logo setting."""
    return [*request.content.findings, *logo_url(project)[1]]
