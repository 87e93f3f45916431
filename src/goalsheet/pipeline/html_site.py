"""The build's HTML site step: write the pages that changed, record their keys in the
site's ledger, remove the pages that are gone, then index the site for search."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from goalsheet.findings import Finding
from goalsheet.pipeline.keys import page_key, shared_key
from goalsheet.pipeline.ledger import SITE_LEDGER, Ledger
from goalsheet.pipeline.stale import remove_stale
from goalsheet.project import Project
from goalsheet.site.build import index_for_search, write_site
from goalsheet.site.render import SiteRequest


@dataclass(frozen=True)
class SiteMade:
    pages: int  # HTML files the site has
    findings: list[Finding]  # the search index's


def make_site(site: SiteRequest, project: Project, root: Path) -> SiteMade:
    """Write the HTML site into output.site; a page whose key the ledger holds, and whose
    file is still there, is not rendered again. Raises TemplateProblem or OSError."""
    out = root / project.config.output.site
    prefix = PurePosixPath(project.config.output.site)
    ledger = Ledger(root, SITE_LEDGER)
    shared = shared_key(site)

    def fresh(path: str, key: str) -> bool:
        return ledger.fresh(str(prefix / path), key)

    written = write_site(site, project, out, (shared, lambda page: page_key(shared, page)), fresh)
    for path, key in written.keys.items():
        ledger.made(str(prefix / path), key)
    remove_stale(root, project, ledger.stale(set(ledger.now)))  # before the search index
    ledger.save()
    pages = sum(path.endswith(".html") for path in written.written)
    return SiteMade(pages, index_for_search(out, root))
