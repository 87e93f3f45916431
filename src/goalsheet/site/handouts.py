"""The site's print versions: every handout page's PDF as a job (plan), and one job's PDF
(make), from the pages the site was made from."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from goalsheet.language.messages import _
from goalsheet.paper.diary import DiaryError
from goalsheet.project import Project
from goalsheet.render.environment import template_dirs
from goalsheet.render.pdf import html_to_pdf
from goalsheet.site.content import CONTENT_DIR, Page
from goalsheet.site.render import HANDOUTS_DIR, SiteRequest, handout_html


@dataclass(frozen=True)
class HandoutJob:
    """The print-ready PDF of the content page whose id is `page` ("anxiety/panic"), at
    handouts/{page}.pdf beside the site's HTML. `source` is the page's file, relative to
    the project, so the job's key can read the right file."""

    page: str
    output: str
    paper: str
    source: str = ""

    private = False

    @property
    def label(self) -> str:
        # NOTE: {page} is a handout page's slug, e.g. "anxiety-basics".
        return _("handout {page} (PDF)").format(page=self.page)


def plan(project: Project, pages: list[Page]) -> list[HandoutJob]:
    """A handout PDF for every page of the site."""
    site = PurePosixPath(project.config.output.site) / HANDOUTS_DIR
    return [
        HandoutJob(page.id, str(site / f"{page.id}.pdf"), project.config.paper, page.source)
        for page in pages
    ]


def make(job: HandoutJob, site: SiteRequest, root: Path) -> bytes:
    """The handout's PDF; images `check` warns about are left out, as on the site."""
    page = next((p for p in site.content.pages if p.id == job.page), None)
    if page is None:
        raise DiaryError(_("content page '{page}' could not be read").format(page=job.page))
    html = handout_html(site, page)
    content = (root / CONTENT_DIR).resolve()
    return html_to_pdf(
        html,
        # The page's links and images are written from its address in the site
        # (anxiety/panic.html), which is content/'s folder tree with URL-made names.
        base_url=content / page.folder if page.folder else content,
        roots=[*template_dirs(root), root],
        optional=content,  # an image `check` warns about is left out, as on the site
    )
