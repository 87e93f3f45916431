"""The build's jobs: one output file each, one class per kind. Each output package plans its
own (paper/plan.py, report/plan.py, site/handouts.py); the runner dispatches on the class."""

from __future__ import annotations

import hashlib

from goalsheet.paper.plan import SheetJob
from goalsheet.report.plan import AttentionJob, ReportJob, SummaryJob
from goalsheet.site.handouts import HandoutJob

Job = SheetJob | HandoutJob | ReportJob | SummaryJob | AttentionJob

__all__ = [
    "AttentionJob",
    "HandoutJob",
    "Job",
    "ReportJob",
    "SheetJob",
    "SummaryJob",
    "shard",
]


def shard(jobs: list[Job], index: int, count: int) -> list[Job]:
    """A stable 1/count of the jobs (by output path), so machines can split a build."""
    return [
        job
        for job in jobs
        if int(hashlib.sha256(job.output.encode()).hexdigest(), 16) % count == index - 1
    ]
