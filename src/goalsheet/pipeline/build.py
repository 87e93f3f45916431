"""`goalsheet build`: read the project once, plan every output as a job, run, report."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from goalsheet.check.run import CheckResult, check_project
from goalsheet.findings import Finding
from goalsheet.lock import project_lock
from goalsheet.output_folders import require_output_folders
from goalsheet.paper.catalogue import load_catalogue
from goalsheet.pipeline.clean import clean_outputs
from goalsheet.pipeline.dependencies import JobKeys
from goalsheet.pipeline.jobs import Job, plan_handouts, plan_paper, plan_reports, shard
from goalsheet.pipeline.ledger import Ledger
from goalsheet.pipeline.runner import JobResult, run_jobs
from goalsheet.project import Project, load_project
from goalsheet.render.environment import environment
from goalsheet.render.template import TemplateProblem
from goalsheet.site.build import write_site
from goalsheet.site.cache import MarkdownCache
from goalsheet.site.plan import site_findings, site_request
from goalsheet.write import sweep_temporaries


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
    up_to_date: int = 0  # jobs skipped: nothing they depend on changed
    removed: int = 0  # outputs removed because what they were made from is gone

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
    """Build site/ and private/ for the project at `root`, holding the project's lock: a
    build reads client data an import may be changing, and two builds at once would pull
    the site's search index from under each other (serve's rebuilds take it too)."""
    with project_lock(root, "goalsheet build"):
        return _build(root, options, on_start, on_done)


def _build(
    root: Path,
    options: BuildOptions,
    on_start: Callable[[int], None] | None,
    on_done: Callable[[JobResult], None] | None,
) -> BuildReport:
    environment.cache_clear()  # templates may have changed since an earlier build here
    project = load_project(root)
    require_output_folders(project)  # before anything is written or removed there
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
        clean_outputs(project)  # CleanRefused, and nothing removed, if a person's file is there
    for folder in (project.config.output.site, project.config.output.private):
        sweep_temporaries(root / folder)  # left by a build that was killed
    if options.shard is None or options.shard[0] == 1:  # one shard writes the HTML site
        report.site_dir = project.config.output.site
        try:
            written = write_site(site, project, root / project.config.output.site)
        except (TemplateProblem, OSError) as error:
            report.site_error = str(error)
        else:
            report.site_pages = sum(path.endswith(".html") for path in written.written)
            report.site_findings = [*site_findings(site, project), *written.findings]
    ledger = Ledger(root, options.shard)
    if options.clean:
        ledger.forget()
        ledger = Ledger(root, options.shard)
    planned = {job.output for job in jobs}
    report.removed = _remove_stale(root, project, ledger.stale(planned))
    keys = JobKeys(project, catalogue)
    todo: list[Job] = []
    wanted: dict[str, str] = {}
    for job in jobs:
        key = keys.key(job)
        if not options.pdf and job.output.endswith(".pdf"):
            if job.output in ledger.before:  # not built this time; still what it was
                ledger.made(job.output, ledger.before[job.output])
        elif ledger.fresh(job.output, key):
            ledger.made(job.output, key)
            report.up_to_date += 1
        else:
            todo.append(job)
            wanted[job.output] = key
    report.planned = len(todo)
    if on_start is not None:
        on_start(len(todo))

    def done(result: JobResult) -> None:
        if result.ok:
            ledger.made(result.job.output, wanted[result.job.output])
        if on_done is not None:
            on_done(result)

    try:
        handouts = site if any(job.handout is not None for job in todo) else None
        del site  # only handouts need the pages: without them, workers start lighter
        report.results = run_jobs(root, todo, options.workers, done, project, handouts)
    finally:
        ledger.save()  # what was made so far counts, even when the build is interrupted
    return report


def _remove_stale(root: Path, project: Project, outputs: list[str]) -> int:
    """Remove outputs of inputs that are gone (a removed client, worksheet or page), only
    ever inside site/ and private/: the record names the file under one of them, no link
    on the way leads out of it, and a link is removed itself, never what it points to."""
    names = [project.config.output.site, project.config.output.private]
    folders = [(root / name).resolve() for name in names]
    removed = 0
    for output in outputs:
        path = PurePosixPath(output)
        if ".." in path.parts or not any(path.is_relative_to(name) for name in names):
            continue
        target = root / output
        try:
            parent = target.parent.resolve(strict=True)
        except (OSError, RuntimeError):
            continue
        if not any(parent.is_relative_to(folder) for folder in folders):
            continue
        with contextlib.suppress(OSError):
            (parent / target.name).unlink()  # a folder is refused: IsADirectoryError
            removed += 1
            if parent not in folders and not any(parent.iterdir()):
                parent.rmdir()  # a removed client's own folder
    return removed
