"""Build benchmark: incremental rebuilds of the demo project, and a big caseload.

1. The demo project (this repository's goalsheet.yaml, goalsheets/, content/): a full build
   (`--clean`), a rebuild with nothing changed, and a rebuild after one handout was edited,
   each as a share of the full build (targets: at most 10% and 15%).
2. A fictional caseload (benchmarks/caseload.py) of N clients and N handout pages, at N and
   10 N: the build time ratio (target at most 11), the largest process's peak memory
   (target under 500 MB) and how busy the cores were (CPU time / wall time / cores).
   PDFs are left out by default (`--no-pdf`: the HTML reports, their charts and the site),
   since 1000 clients' PDFs take about an hour on two cores; `--pdf` includes them.

Run: .venv/bin/python benchmarks/build.py [--clients 100] [--pdf]   (or `make bench`)
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from caseload import AS_OF, generate
from demo_copy import copy_demo

BIN = Path(sys.executable).parent
CORES = len(os.sched_getaffinity(0))


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float  # the largest process, goalsheet or one of its workers
    busy: float  # CPU seconds / wall seconds / cores

    def __str__(self) -> str:
        return f"{self.seconds:.2f} s, peak {self.peak_mb:.0f} MB, cores {self.busy:.0%} busy"


def build(root: Path, *args: str) -> Run:
    command = [str(BIN / "goalsheet"), "build", *args]
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        assert process.stderr is not None
        raise SystemExit(f"build failed in {root}:\n{process.stderr.read().decode()[-2000:]}")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, usage.ru_maxrss / 1024, cpu / seconds / CORES)


def demo(base: Path) -> None:
    root = copy_demo(base / "demo")
    build(root)  # warm the disk cache and Python's bytecode
    full = build(root, "--clean")
    noop = build(root)
    page = root / "content" / "faq.md"
    page.write_text(page.read_text() + "\nOne more sentence for the benchmark.\n")
    edited = build(root)
    print(f"demo project, full build (--clean): {full}")
    print(f"  rebuild, nothing changed: {noop.seconds:.2f} s = "
          f"{noop.seconds / full.seconds:.1%} of the full build (target <= 10%)")  # fmt: skip
    print(f"  rebuild, one handout edited: {edited.seconds:.2f} s = "
          f"{edited.seconds / full.seconds:.1%} of the full build (target <= 15%)")  # fmt: skip


def caseload(base: Path, clients: int, pdf: bool) -> None:
    runs = {}
    for count in (clients, clients * 10):
        root = base / f"caseload-{count}"
        generate(root, count, count)
        args = ["--as-of", AS_OF.isoformat()] + ([] if pdf else ["--no-pdf"])
        runs[count] = build(root, *args)
        print(f"caseload of {count} clients and {count} pages: {runs[count]}")
        shutil.rmtree(root)
    small, large = runs[clients], runs[clients * 10]
    print(
        f"  {clients * 10} against {clients}: {large.seconds / small.seconds:.2f}x the time "
        f"(target <= 11), largest process {max(small.peak_mb, large.peak_mb):.0f} MB "
        "(target < 500)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--pdf", action="store_true", help="include the PDFs in the caseload")
    parser.add_argument("--skip-demo", action="store_true")
    args = parser.parse_args()
    print(f"{CORES} core(s)")
    with tempfile.TemporaryDirectory() as tmp:
        if not args.skip_demo:
            demo(Path(tmp))
        caseload(Path(tmp), args.clients, args.pdf)


if __name__ == "__main__":
    main()
