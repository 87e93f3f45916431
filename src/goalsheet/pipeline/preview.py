"""`goalsheet serve`'s rebuilds: read the project again and write the HTML site (no PDFs)
through the same site step as `build`, under the project's lock."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

from goalsheet.findings import Finding
from goalsheet.language.messages import _
from goalsheet.lock import ProjectLocked, project_lock
from goalsheet.paper.catalogue import load_catalogue
from goalsheet.pipeline.html_site import make_site
from goalsheet.project import CONFIG_FILE, Project, load_project
from goalsheet.render.environment import environment
from goalsheet.render.template import TemplateProblem
from goalsheet.site.cache import MarkdownCache
from goalsheet.site.plan import site_findings, site_request
from goalsheet.site.serve import Preview


def site_preview(root: Path, today: dt.date, project: Project | None = None) -> Preview:
    """A preview of the site of the project at `root` (`project` if it is read already)."""
    project = project if project is not None else load_project(root)
    out = root / project.config.output.site
    return Preview(root, out, functools.partial(rebuild_site, root, today))


def rebuild_site(root: Path, today: dt.date) -> tuple[bool, list[Finding]]:
    """Rebuild the site under the project's lock (a build or an import may be writing);
    if another command holds it too long, say so: the next change tries again. Whether
    the site was written, and what was found."""
    try:
        with project_lock(root, "goalsheet serve"):
            return _rebuild(root, today)
    except ProjectLocked as locked:
        return False, locked.findings


def _rebuild(root: Path, today: dt.date) -> tuple[bool, list[Finding]]:
    environment.cache_clear()  # templates may have changed: compile them again
    project = load_project(root)
    cache = MarkdownCache(root)
    request = site_request(project, load_catalogue(root), today, False, cache)
    cache.prune()
    try:
        made = make_site(request, project, root)
    except (TemplateProblem, OSError) as error:
        return False, [Finding(CONFIG_FILE, 1, 1, "GS309",
                               _("the site was not rebuilt: {error}").format(error=error),
                               _("fix the template or file named, then save again"))]  # fmt: skip
    return True, [*site_findings(request, project), *made.findings]
