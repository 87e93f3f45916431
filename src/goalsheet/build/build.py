"""`goalsheet build`: read the project once, plan every output as a job, run, report."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from goalsheet.build.jobs import Job, plan_paper, plan_reports, shard
from goalsheet.build.runner import JobResult, run_jobs
from goalsheet.check import CheckResult, check_project
from goalsheet.paper.catalogue import load_catalogue
from goalsheet.project import load_project


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
    project = load_project(root)
    report = BuildReport(check_project(project, options.today))
    jobs: list[Job] = plan_paper(project, load_catalogue(root), options.today)
    jobs += plan_reports(project, options.today)
    if options.shard is not None:
        jobs = shard(jobs, *options.shard)
    if options.clean:
        for folder in (project.config.output.site, project.config.output.private):
            shutil.rmtree(root / folder, ignore_errors=True)
    if not options.pdf:
        jobs = [job for job in jobs if not job.output.endswith(".pdf")]
    report.planned = len(jobs)
    if on_start is not None:
        on_start(len(jobs))
    report.results = run_jobs(root, jobs, options.workers, on_done)
    return report
