"""Paper benchmarks: goalsheet's overhead over plain WeasyPrint, and parallel speed-up.

Run: .venv/bin/python benchmarks/paper.py   (or `make bench`)
Prints ratios measured in one run, so they compare across noisy machines.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import tempfile
import time
from pathlib import Path

from goalsheet.paper.catalogue import load_catalogue
from goalsheet.paper.context import SheetRequest
from goalsheet.paper.document import render_html, render_pdf
from goalsheet.paper.names import default_file_name
from goalsheet.pipeline.jobs import SheetJob
from goalsheet.pipeline.runner import run_jobs
from goalsheet.project import load_project
from goalsheet.resources import builtin_dir

REPO = Path(__file__).resolve().parent.parent
WORKSHEETS = ["smart-goal", "goal-ladder", "session-review", "phq-9", "gad-7", "scaling"]


def overhead(rounds: int) -> tuple[float, float]:
    """Seconds for `rounds` batches through goalsheet, and through WeasyPrint alone."""
    from weasyprint import HTML

    project = load_project(REPO)
    catalogue = load_catalogue(REPO)
    folder = project.client("C-0142")
    assert folder is not None
    requests = [
        SheetRequest(catalogue[name], "a4", fillable)
        for name in WORKSHEETS
        for fillable in (False, True)
    ]
    pages = [render_html(r, REPO, project.config, folder.sheet, project.measures) for r in requests]
    base = builtin_dir("templates").as_uri() + "/"
    render_pdf(pages[0], REPO)  # warm caches (fonts) for both sides alike
    plain = ours = 0.0
    for _ in range(rounds):
        start = time.perf_counter()
        for request in requests:
            document = render_html(request, REPO, project.config, folder.sheet, project.measures)
            render_pdf(document, REPO)
        ours += time.perf_counter() - start
        start = time.perf_counter()
        for request, document in zip(requests, pages, strict=True):
            HTML(string=document.html, base_url=base).write_pdf(
                pdf_variant="pdf/ua-1", pdf_forms=request.fillable
            )
        plain += time.perf_counter() - start
    return ours, plain


def parallel(count: int, workers: int, root: Path) -> float:
    catalogue = load_catalogue(root)
    names = [n for n in catalogue if catalogue[n].kind != "diary"]
    jobs = [
        SheetJob(
            names[i % len(names)],
            f"bench/{i}-{default_file_name(names[i % len(names)], fillable=i % 2 == 1)}",
            "a4",
            i % 2 == 1,
        )
        for i in range(count)
    ]
    start = time.perf_counter()
    results = run_jobs(root, jobs, workers, dt.date.today())
    elapsed = time.perf_counter() - start
    failed = [r for r in results if not r.ok]
    assert not failed, failed[0].error
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--documents", type=int, default=40)
    args = parser.parse_args()

    ours, plain = overhead(args.rounds)
    docs = args.rounds * len(WORKSHEETS) * 2
    print(
        f"overhead: {docs} worksheet PDFs: goalsheet {ours:.2f}s, plain WeasyPrint {plain:.2f}s, "
        f"ratio {ours / plain:.3f} (overhead {100 * (ours / plain - 1):+.1f}%)"
    )

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        root.mkdir()
        shutil.copy(REPO / "goalsheet.yaml", root)
        one = parallel(args.documents, 1, root)
        two = parallel(args.documents, 2, root)
    print(
        f"parallel: {args.documents} PDFs: --jobs 1 {one:.2f}s, --jobs 2 {two:.2f}s, "
        f"speed-up {one / two:.2f}x"
    )
    print(f"date: {dt.date.today().isoformat()}")


if __name__ == "__main__":
    main()
