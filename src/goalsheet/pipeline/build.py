"""`goalsheet build`: load the project once, check it, plan every output as a job, skip
what is fresh, run the rest, and record what was made."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from goalsheet.findings import Finding, GoalsheetError
from goalsheet.lock import project_lock
from goalsheet.output_folders import require_output_folders
from goalsheet.paper import plan as paper_plan
from goalsheet.paper.catalogue import Worksheet, load_catalogue
from goalsheet.pipeline.check import CheckResult, check_project
from goalsheet.pipeline.clean import clean_outputs
from goalsheet.pipeline.html_site import make_site
from goalsheet.pipeline.jobs import HandoutJob, Job, shard
from goalsheet.pipeline.keys import JobKeys
from goalsheet.pipeline.ledger import Ledger, build_ledger
from goalsheet.pipeline.runner import JobResult, run_jobs
from goalsheet.pipeline.stale import remove_stale
from goalsheet.project import Project, load_project
from goalsheet.render.environment import environment
from goalsheet.render.template import TemplateProblem
from goalsheet.report import plan as report_plan
from goalsheet.site import handouts, thumbnails
from goalsheet.site.cache import MarkdownCache
from goalsheet.site.plan import site_findings, site_request
from goalsheet.site.render import SiteRequest
from goalsheet.write import sweep_temporaries


@dataclass(frozen=True)
class BuildOptions:
    today: dt.date
    workers: int
    clean: bool = False
    pdf: bool = True
    shard: tuple[int, int] | None = None  # (index from 1, count)
    strict: bool = False  # build nothing if `check` finds anything


class StrictRefused(Exception):
    """`--strict`, and `check` has findings: nothing was built."""

    def __init__(self, check: CheckResult) -> None:
        super().__init__(f"{len(check.findings)} findings")
        self.check = check


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


@dataclass
class _Inputs:
    """What the outputs are made from besides the project: the worksheet library and the
    site's pages, read once for the check, the plan and the handouts."""

    catalogue: dict[str, Worksheet]
    site: SiteRequest
    problem: GoalsheetError | None  # the practice's catalogue cannot be read


Progress = tuple[Callable[[int], None] | None, Callable[[JobResult], None] | None]


def build(
    root: Path,
    options: BuildOptions,
    on_start: Callable[[int], None] | None = None,
    on_done: Callable[[JobResult], None] | None = None,
) -> BuildReport:
    """Build site/ and private/ for the project at `root`, holding the project's lock: a
    build reads client data an import may be changing, and two builds at once would pull
    the site's search index from under each other (serve's rebuilds take it too).
    Raises StrictRefused, OutputFolderError, CleanRefused or GoalsheetError."""
    with project_lock(root, "goalsheet build"):
        environment.cache_clear()  # templates may have changed since an earlier build here
        # load
        project = load_project(root)
        inputs = _read(project, options)
        # check
        report = BuildReport(_check(project, inputs, options))
        # plan
        jobs = _plan(project, inputs, options)
        _prepare(project, options)
        _write_site(project, inputs.site, options, report)  # its pages keep their own record
        # skip what is fresh
        ledger = _ledger(root, options)
        report.removed = remove_stale(root, project, ledger.stale({job.output for job in jobs}))
        keys = JobKeys(project, inputs.catalogue)
        todo, wanted, report.up_to_date = _skip_fresh(jobs, ledger, keys, options.pdf)
        report.planned = len(todo)
        # run, and record what was made
        site = inputs.site if any(isinstance(job, HandoutJob) for job in todo) else None
        del inputs  # only handouts need the pages: without them, workers start lighter
        report.results = _run(project, todo, options, site, ledger, wanted, (on_start, on_done))
        return report


def _read(project: Project, options: BuildOptions) -> _Inputs:
    """The worksheet library (the built-in one, for the check, when the practice's cannot
    be read) and the site's pages, converted where the Markdown cache has them not."""
    problem = None
    try:
        catalogue = load_catalogue(project.root)
    except GoalsheetError as error:
        catalogue, problem = load_catalogue(None), error
    cache = MarkdownCache(project.root, workers=options.workers)
    site = site_request(project, catalogue, options.today, pdf=options.pdf, cache=cache)
    if options.clean:  # the PDFs and thumbnails an earlier build left are about to go
        site = dataclasses.replace(site, pdfs_present=frozenset())
    cache.prune()
    return _Inputs(catalogue, site, problem)


def _check(project: Project, inputs: _Inputs, options: BuildOptions) -> CheckResult:
    """Check the project once; with --strict, any finding stops the build here. Nothing is
    built into output folders that cannot be used, nor from a catalogue that cannot be read."""
    checked = check_project(project, options.today, inputs.site)
    if options.strict and checked.findings:
        raise StrictRefused(checked)
    require_output_folders(project)  # before anything is written or removed there
    if inputs.problem is not None:
        raise inputs.problem
    return checked


def _plan(project: Project, inputs: _Inputs, options: BuildOptions) -> list[Job]:
    """Every output as a job: the paper, the handouts' PDFs, the reports (this shard's)."""
    sheets = paper_plan.plan(project, inputs.catalogue, options.today)
    jobs: list[Job] = [*sheets, *thumbnails.plan(sheets)]  # a thumbnail shards with its PDF
    jobs += handouts.plan(project, inputs.site.content.pages)
    jobs += report_plan.plan(project, options.today)
    return jobs if options.shard is None else shard(jobs, *options.shard)


def _prepare(project: Project, options: BuildOptions) -> None:
    """--clean empties the output folders (CleanRefused, and nothing removed, if a person's
    file is there); temporary files a killed build left are swept away."""
    if options.clean:
        clean_outputs(project)
    for folder in (project.config.output.site, project.config.output.private):
        sweep_temporaries(project.root / folder)


def _write_site(
    project: Project, site: SiteRequest, options: BuildOptions, report: BuildReport
) -> None:
    """The HTML site, written by one build (its first shard); a broken template override
    is reported, and the jobs still run."""
    if options.shard is not None and options.shard[0] != 1:
        return
    report.site_dir = project.config.output.site
    try:
        made = make_site(site, project, project.root)
    except (TemplateProblem, OSError) as error:
        report.site_error = str(error)
    else:
        report.site_pages = made.pages
        report.site_findings = [*site_findings(site, project), *made.findings]


def _ledger(root: Path, options: BuildOptions) -> Ledger:
    """The jobs' record of the last build (this shard's); --clean starts from none."""
    ledger = Ledger(root, build_ledger(options.shard))
    if options.clean:
        ledger.forget()
    return ledger


def _skip_fresh(
    jobs: list[Job], ledger: Ledger, keys: JobKeys, pdf: bool
) -> tuple[list[Job], dict[str, str], int]:
    """The jobs to run, the key each is made from, and how many were up to date. Without
    PDFs (--no-pdf), a PDF an earlier build made (and its thumbnail) stays what it was."""
    todo: list[Job] = []
    wanted: dict[str, str] = {}
    fresh = 0
    for job in jobs:
        if not pdf and (job.output.endswith(".pdf") or isinstance(job, thumbnails.ThumbnailJob)):
            if job.output in ledger.before:  # not built this time; still what it was
                ledger.made(job.output, ledger.before[job.output])
            continue
        key = keys.key(job)
        if ledger.fresh(job.output, key):
            ledger.made(job.output, key)
            fresh += 1
        else:
            todo.append(job)
            wanted[job.output] = key
    return todo, wanted, fresh


def _run(
    project: Project,
    todo: list[Job],
    options: BuildOptions,
    site: SiteRequest | None,
    ledger: Ledger,
    wanted: dict[str, str],
    progress: Progress,
) -> list[JobResult]:
    """Run the jobs in parallel, recording each one made; what was made so far counts,
    even when the build is interrupted."""
    on_start, on_done = progress
    if on_start is not None:
        on_start(len(todo))

    def done(result: JobResult) -> None:
        if result.ok:
            ledger.made(result.job.output, wanted[result.job.output])
        if on_done is not None:
            on_done(result)

    try:
        return run_jobs(project.root, todo, options.workers, options.today, done, project, site)
    finally:
        ledger.save()
