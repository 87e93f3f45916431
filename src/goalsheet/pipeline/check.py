"""The build's check step (and `goalsheet check`): every finding for a loaded project, from
reading to lint: validation, the lint settings, the worksheet catalogue, the output
folders, content/ and the logo, then every enabled lint rule over every client."""

from __future__ import annotations

import datetime as dt
from functools import cache

from goalsheet.check.enabled import enabled_rules
from goalsheet.check.registry import ClientContext, run_rules
from goalsheet.check.result import CheckResult, capped
from goalsheet.findings import Finding, GoalsheetError, display_path
from goalsheet.language.messages import _
from goalsheet.model.client import Client, ClientSheet
from goalsheet.output_folders import output_findings
from goalsheet.paper.catalogue import CATALOGUE, load_catalogue
from goalsheet.project import Project
from goalsheet.read.yaml_source import SourceMap
from goalsheet.render.environment import template_dirs
from goalsheet.site import plan as site_plan
from goalsheet.site.cache import MarkdownCache
from goalsheet.site.content import CONTENT_DIR

__all__ = ["CheckResult", "check_project"]


# A sheet with nothing in it, for checking the entries of a client whose sheet failed to load.
@cache
def _stand_in() -> ClientSheet:
    return ClientSheet(client=Client(id="unloaded", started=dt.date(2000, 1, 1)))


def check_project(
    project: Project, today: dt.date, site: site_plan.SiteRequest | None = None
) -> CheckResult:
    """Validation findings plus every enabled lint rule over every client, as of `today`;
    content/'s from `site` when the caller has read it already (the build has)."""
    enabled, findings = enabled_rules(project.config, project.config_source)
    findings = [*project.findings, *findings]
    if not project.unreadable.get("templates"):  # else GS019 says why it cannot be read
        findings += catalogue_findings(project)
    findings += output_findings(project)
    findings += site_findings(project, today, site)
    for folder in project.clients:
        loaded = folder.sheet is not None and folder.source is not None
        sheet = folder.sheet or _stand_in()
        source = folder.source or SourceMap(folder.sheet_path)
        context = ClientContext(
            folder.entries, sheet, source, project.config, project.measures, today
        )
        findings.extend(run_rules(context, enabled, sheet_loaded=loaded))
    pages = len(list((project.root / CONTENT_DIR).rglob("*.md")))  # sub-folders too
    return CheckResult(capped(findings), project.files + pages)


def catalogue_findings(project: Project) -> list[Finding]:
    """Problems in the practice's own worksheet catalogue, if it has one."""
    try:
        catalogue = load_catalogue(project.root)
    except GoalsheetError as error:
        return error.findings
    dirs = template_dirs(project.root)
    source = display_path(project.root / "templates" / CATALOGUE, project.root)
    return [
        Finding(
            source,
            1,
            1,
            "GS016",
            _("worksheet '{id}' names a template that does not exist: {template}").format(
                id=sheet.id, template=sheet.template
            ),
            _("add the template under templates/ or correct the path in the catalogue"),
        )
        for sheet in catalogue.values()
        if not any((folder / sheet.template).is_file() for folder in dirs)
    ]


def site_findings(
    project: Project, today: dt.date, site: site_plan.SiteRequest | None = None
) -> list[Finding]:
    """Problems in content/ (pages, links, images) and with the practice's logo; from
    `site` when the caller has read content/ already."""
    if site is None:
        try:
            catalogue = load_catalogue(project.root)
        except GoalsheetError:
            catalogue = load_catalogue(None)
        cache = MarkdownCache(project.root, write=False)
        site = site_plan.site_request(project, catalogue, today, cache=cache)
    return site_plan.site_findings(site, project)
