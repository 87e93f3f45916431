"""`goalsheet build`: read the project once, plan every output as a job, run, report."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from goalsheet.build.jobs import Job, plan_handouts, plan_paper, plan_reports, shard
from goalsheet.build.runner import JobResult, run_jobs
from goalsheet.check import CheckResult, check_project
from goalsheet.findings import Finding
from goalsheet.paper.catalogue import load_catalogue
from goalsheet.project import load_project
from goalsheet.render.environment import environment
from goalsheet.render.template import TemplateProblem
from goalsheet.site.build import write_site
from goalsheet.site.cache import MarkdownCache
from goalsheet.site.plan import site_findings, site_request


@dataclass(frozen=True)
class BuildOptions:
    today: dt.date
    workers: int
    clean: bool = False
    pdf: bool = True
    shard: tuple[int, int] | None = None  # (index from 1, count)


@dataclass
class BuildReport:
    check: CheckResult
    planned: int = 0
    results: list[JobResult] = field(default_factory=list)
    site_dir: str = "site"
    site_pages: int = 0  # HTML files written for the site
    site_findings: list[Finding] = field(default_factory=list)
    site_error: str | None = None  # the site could not be made (a broken template override)

    @property
    def ok(self) -> bool:
        return self.site_error is None and not self.failed

    @property
    def failed(self) -> list[JobResult]:
        return [r for r in self.results if not r.ok]


def build(
    root: Path,
    options: BuildOptions,
    on_start: Callable[[int], None] | None = None,
    on_done: Callable[[JobResult], None] | None = None,
) -> BuildReport:
    """Build site/ and private/ for the project at `root`."""
    environment.cache_clear()  # templates may have changed since an earlier build here
    project = load_project(root)
    catalogue = load_catalogue(root)
    cache = MarkdownCache(root, workers=options.workers)
    site = site_request(project, catalogue, options.today, pdf=options.pdf, cache=cache)
    cache.prune()
    report = BuildReport(check_project(project, options.today, site))
    jobs: list[Job] = plan_paper(project, catalogue, options.today)
    jobs += plan_handouts(project, [page.slug for page in site.content.pages], options.today)
    jobs += plan_reports(project, options.today)
    if options.shard is not None:
        jobs = shard(jobs, *options.shard)
    if options.clean:
        for folder in (project.config.output.site, project.config.output.private):
            shutil.rmtree(root / folder, ignore_errors=True)
    if options.shard is None or options.shard[0] == 1:  # one shard writes the HTML site
        report.site_dir = project.config.output.site
        try:
            written = write_site(site, project, root / project.config.output.site)
        except (TemplateProblem, OSError) as error:
            report.site_error = str(error)
        else:
            report.site_pages = sum(path.endswith(".html") for path in written.written)
            report.site_findings = [*site_findings(site, project), *written.findings]
    if not options.pdf:
        jobs = [job for job in jobs if not job.output.endswith(".pdf")]
    report.planned = len(jobs)
    if on_start is not None:
        on_start(len(jobs))
    report.results = run_jobs(root, jobs, options.workers, on_done)
    return report
