"""Run build jobs in parallel processes; each output is written atomically.

Each worker process reads the project once, then has each job it is given made by the
output it belongs to (paper, report, the site's handouts), as of the build's `today`. A job
that fails reports its input and the reason; the others carry on. Workers end with the build's
process, however it ends (goalsheet/orphans.py).
"""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from goalsheet.language.messages import _, active_locale, set_locale
from goalsheet.orphans import die_with_parent
from goalsheet.paper import plan as paper_plan
from goalsheet.paper.catalogue import Worksheet, load_catalogue
from goalsheet.paper.diary import DiaryError
from goalsheet.pipeline.jobs import HandoutJob, Job, SheetJob, ThumbnailJob
from goalsheet.project import Project, load_project
from goalsheet.render.pdf import RenderError
from goalsheet.render.template import TemplateProblem
from goalsheet.report import plan as report_plan
from goalsheet.site import handouts, thumbnails
from goalsheet.site.plan import site_request
from goalsheet.site.render import SiteRequest
from goalsheet.write import write_bytes_atomic

PRIVATE_MODE = 0o600


@dataclass(frozen=True)
class JobResult:
    job: Job
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


class _Worker:
    """What one process keeps between jobs: the project and catalogue, read once (or
    inherited from the process that planned the build, when workers are forked from it)."""

    def __init__(
        self,
        root: Path,
        today: dt.date,
        project: Project | None = None,
        site: SiteRequest | None = None,
    ) -> None:
        self.root = root
        self.today = today
        self.project: Project = project if project is not None else load_project(root)
        self.catalogue: dict[str, Worksheet] = load_catalogue(root)
        self._site = site  # else read when the first handout is made

    def run(self, job: Job) -> JobResult:
        try:
            self._write(job, self._make(job))
        except (DiaryError, TemplateProblem, RenderError, OSError) as error:
            return JobResult(job, str(error))
        except Exception as error:  # a bug, not bad input: still name the job, keep going
            # NOTE: a bug in goalsheet, not in the project; {kind} is a Python exception name.
            message = _("internal error: {kind}: {error}")
            return JobResult(job, message.format(kind=type(error).__name__, error=error))
        return JobResult(job)

    def _make(self, job: Job) -> bytes:
        """The job's file, made by the output it belongs to."""
        if isinstance(job, SheetJob):
            return paper_plan.make(job, self.project, self.catalogue, self.root)
        if isinstance(job, ThumbnailJob):
            return thumbnails.make(job, self.root)
        if isinstance(job, HandoutJob):
            if self._site is None:
                self._site = site_request(self.project, self.catalogue, self.today)
            return handouts.make(job, self._site, self.root)
        return report_plan.make(job, self.project)

    def _write(self, job: Job, data: bytes) -> None:
        target = self.root / job.output
        if job.private:
            _private_dir(target.parent, self.root / self.project.config.output.private)
        write_bytes_atomic(target, data, mode=PRIVATE_MODE if job.private else 0o644)


def _private_dir(folder: Path, private: Path) -> None:
    """private/ and every folder in it are readable by their owner only."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(folder, 0o700)
    os.chmod(private, 0o700)


_WORKER: _Worker | None = None
# The project (and the site's pages, when handouts are to be made) as the build read them,
# inherited by forked workers.
_PLANNED: tuple[Project, SiteRequest | None] | None = None


def _start_worker(root: Path, today: dt.date, locale: str, parent: int) -> None:
    global _WORKER
    die_with_parent(parent)  # a build killed outright leaves no worker rendering on
    set_locale(locale)  # a spawned worker starts in English: messages in the build's language
    if _PLANNED is not None and _PLANNED[0].root == root:
        _WORKER = _Worker(root, today, *_PLANNED)
    else:
        _WORKER = _Worker(root, today)


def _run_in_worker(job: Job) -> JobResult:
    assert _WORKER is not None, "worker not started"
    return _WORKER.run(job)


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def run_jobs(
    root: Path,
    jobs: list[Job],
    workers: int,
    today: dt.date,
    on_done: Callable[[JobResult], None] | None = None,
    project: Project | None = None,
    site: SiteRequest | None = None,
) -> list[JobResult]:
    """Run every job, as of `today`; results in the order the jobs were given. With
    `project` (and `site`) already read, workers forked from this process use them instead
    of reading again. Thumbnails run once every other job is done: each is drawn from its
    worksheet's PDF, and is not drawn when that PDF could not be made."""
    results: dict[Job, JobResult] = {}

    def record(result: JobResult) -> None:
        results[result.job] = result
        if on_done is not None:
            on_done(result)

    first: list[Job] = [job for job in jobs if not isinstance(job, ThumbnailJob)]
    for result in _results(root, first, workers, today, project, site):
        record(result)
    failed = {result.job.output for result in results.values() if not result.ok}
    after: list[Job] = []
    for job in jobs:
        if isinstance(job, ThumbnailJob):
            if job.source in failed:
                record(JobResult(job, _("not drawn: its PDF could not be made")))
            else:
                after.append(job)
    for result in _results(root, after, workers, today, project, None) if after else []:
        record(result)
    return [results[job] for job in jobs]


def _results(
    root: Path,
    jobs: list[Job],
    workers: int,
    today: dt.date,
    project: Project | None,
    site: SiteRequest | None,
) -> Iterator[JobResult]:
    global _PLANNED
    if workers <= 1 or len(jobs) <= 1:
        worker = _Worker(root, today, project, site)
        for job in jobs:
            yield worker.run(job)
        return
    fork = "fork" in multiprocessing.get_all_start_methods()
    _PLANNED = (project, site) if fork and project is not None else None
    gc.collect()  # workers start from this process's memory: leave them no garbage
    try:
        with ProcessPoolExecutor(
            max_workers=min(workers, len(jobs)),
            initializer=_start_worker,
            initargs=(root, today, active_locale(), os.getpid()),
            mp_context=multiprocessing.get_context("fork" if fork else None),
        ) as pool:
            futures = [pool.submit(_run_in_worker, job) for job in jobs]
            for future in as_completed(futures):
                yield future.result()
    finally:
        _PLANNED = None
