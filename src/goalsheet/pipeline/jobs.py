"""The build's jobs: one output file each, one class per kind. Each output package plans its
own (paper/plan.py, report/plan.py, site/handouts.py, site/thumbnails.py); the runner
dispatches on the class. A thumbnail is drawn from its worksheet's PDF, so it runs after it."""

from __future__ import annotations

import hashlib

from goalsheet.paper.plan import SheetJob
from goalsheet.report.plan import AttentionJob, ReportJob, SummaryJob
from goalsheet.site.handouts import HandoutJob
from goalsheet.site.thumbnails import ThumbnailJob

Job = SheetJob | HandoutJob | ThumbnailJob | ReportJob | SummaryJob | AttentionJob

__all__ = [
    "AttentionJob",
    "HandoutJob",
    "Job",
    "ReportJob",
    "SheetJob",
    "SummaryJob",
    "ThumbnailJob",
    "shard",
]


def shard(jobs: list[Job], index: int, count: int) -> list[Job]:
    """A stable 1/count of the jobs (by output path), so machines can split a build. A
    thumbnail goes with its worksheet's PDF, which it is drawn from."""

    def path(job: Job) -> str:
        return job.source if isinstance(job, ThumbnailJob) else job.output

    return [
        job
        for job in jobs
        if int(hashlib.sha256(path(job).encode()).hexdigest(), 16) % count == index - 1
    ]
