"""A long scanner PDF: does reading stay linear in time and flat in memory? Imports (a dry
run) a 20-page and a 200-page PDF of filled pages (PHQ-9, GAD-7, a diary and a weekly log
in turn, at 200 dpi) and prints seconds per page and peak memory for each, and their
ratios (200 pages against 20: about 1.0 for both when each page is read on its own and only
a few are in flight).

Peak memory is that of the whole command: the proportional set size (a page shared by n
processes counts 1/n in each) of every process of its group added up, sampled every 0.1 s:
the import, its fork server, the workers reading pages and their poppler.

Run: .venv/bin/python benchmarks/scan_long.py [--pages 200]   (or `make bench`)
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
import time
from pathlib import Path

from demo_copy import copy_demo
from scan_speed import DATES, GOALSHEET, blank_pages, filled, scanner_pdf

DPI = 200


def group_kb(group: int) -> int:
    """The proportional set size of the processes of `group` together, in kB."""
    total = 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
            if int(stat.rsplit(")", 1)[1].split()[2]) != group:
                continue
            sizes = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
            total += sum(int(line.split()[1]) for line in sizes if line.startswith("Pss:"))
        except (OSError, IndexError, ValueError):
            continue
    return total


def run(root: Path, pdf: Path) -> tuple[float, int]:
    """Seconds and peak memory (kB) of a dry-run import of `pdf`."""
    began = time.perf_counter()
    command = [GOALSHEET, "import", str(pdf), "--dry-run", *DATES, "--project", str(root)]
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)  # fmt: skip
    peak = 0
    while child.poll() is None:
        peak = max(peak, group_kb(child.pid))
        time.sleep(0.1)  # reading the page tables more often slows the import down
    return time.perf_counter() - began, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = copy_demo(Path(folder) / "p")
        blanks = blank_pages(root, DPI)
        short, long = args.pages // 10, args.pages
        figures = {}
        for count in (short, long):
            pdf = root / f"scans-{count}.pdf"
            scanner_pdf(filled(blanks, count, DPI, seed=count), pdf, DPI)
            seconds, peak = run(root, pdf)
            figures[count] = (seconds / count, peak)
            size = pdf.stat().st_size / 1e6
            print(f"{count:4d} pages ({size:.0f} MB): {seconds:6.1f} s, {seconds / count:.2f} s "
                  f"per page, peak memory {peak / 1024:.0f} MB")  # fmt: skip
    (short_rate, short_peak), (long_rate, long_peak) = figures[short], figures[long]
    print(
        f"{long} pages against {short}: time per page x{long_rate / short_rate:.2f}, "
        f"peak memory x{long_peak / short_peak:.2f} (1.0 = linear time, flat memory)"
    )


if __name__ == "__main__":
    main()
