"""Site benchmark: goalsheet against MkDocs 1.6 on the same nested docs corpus.

The corpus (benchmarks/site_corpus.py) has 100+ pages in folders 2-3 deep, an index.md in
every folder, relative links across folders, images in sub-folders and MkDocs front matter
goalsheet does not know. Both tools build it as a fresh process, as a person runs them:
`goalsheet build --no-pdf` in a project with no clients (the HTML site, its Pagefind search
index included) and `mkdocs build` (its default theme, its search plugin on, the same
Markdown extensions, `use_directory_urls: false` so both write `a/b.md` as `a/b.html`).

Cold means nothing left from an earlier build: before every run the output folder, goalsheet's
cache (.goalsheet-cache) and any __pycache__ in the project are removed. Python's bytecode of
the installed packages (goalsheet's, MkDocs', Markdown's) stays, as on any machine where the
tools were run once. The two tools run in pairs, the order alternating, and the medians and
their ratio are printed; so is goalsheet with its Markdown cache warm (site/ removed, the
cache kept). Then both outputs are checked the same way (site_check.py): every Markdown page
has its HTML page, and every internal `<a href>` resolves (the corpus has one broken link on
purpose).

Each run's CPU time (user + system, the tool and every process it waited for: goalsheet's
Markdown workers and Pagefind) is printed beside the wall clock, and the load average before
the runs: on a machine busy with other work, goalsheet's second core is not free and the
wall clock says more about the neighbours than the tools. `--flat` builds the same pages
with every file at the top (links rewritten), for a goalsheet without content folders.

Run: .venv/bin/python benchmarks/site.py [--rounds 5] [--flat] [--keep DIR]   (or `make bench`)
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from site_check import SiteCheck, check_site
from site_corpus import generate

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
GOALSHEET = [str(BIN / "goalsheet"), "build", "--no-pdf"]
MKDOCS = [str(BIN / "mkdocs"), "build", "--quiet"]
MKDOCS_YML = """site_name: Benchmark
use_directory_urls: false
theme:
  name: mkdocs
plugins:
  - search
markdown_extensions:
  - tables
  - admonition
  - footnotes
  - def_list
  - attr_list
  - fenced_code
  - sane_lists
  - toc:
      toc_depth: 2-3
"""
OUTPUTS = ("site", ".goalsheet-cache", "private")
# Both tools run as on a person's machine: Python writes the bytecode of the installed
# packages once (the untimed first run of each) and reuses it, even where this shell says not to.
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def write_corpus(folder: Path, files: dict[PurePosixPath, bytes]) -> None:
    for path, data in files.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_bytes(data)


def projects(base: Path, files: dict[PurePosixPath, bytes]) -> tuple[Path, Path]:
    """A goalsheet project (the demo's settings and logo, no clients) and a MkDocs one."""
    ours, theirs = base / "goalsheet", base / "mkdocs"
    ours.mkdir()
    shutil.copy(REPO / "goalsheet.yaml", ours / "goalsheet.yaml")
    shutil.copytree(REPO / "branding", ours / "branding")
    write_corpus(ours / "content", files)
    theirs.mkdir()
    (theirs / "mkdocs.yml").write_text(MKDOCS_YML)
    write_corpus(theirs / "docs", files)
    return ours, theirs


def make_cold(project: Path, keep_cache: bool = False) -> None:
    """Remove every output and cache an earlier build left (and any __pycache__)."""
    for name in OUTPUTS:
        if not (keep_cache and name == ".goalsheet-cache"):
            shutil.rmtree(project / name, ignore_errors=True)
    for cache in list(project.rglob("__pycache__")):
        shutil.rmtree(cache, ignore_errors=True)


@dataclass(frozen=True)
class Run:
    seconds: float  # wall clock
    cpu: float  # user + system seconds of the tool and every process it waited for
    status: int
    output: str


def timed(command: list[str], cwd: Path) -> Run:
    """One run; its CPU time too, which a machine busy with other work changes far less
    than the wall clock."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    output = process.stdout.read() if process.stdout is not None else ""
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return Run(seconds, usage.ru_utime + usage.ru_stime, process.returncode, output)


def run(name: str, command: list[str], cwd: Path, samples: list[Run]) -> None:
    done = timed(command, cwd)
    samples.append(done)
    if done.status != 0:
        tail = done.output.strip().splitlines()[-5:]
        print(f"  {name} exited {done.status}: " + " | ".join(tail), file=sys.stderr)


def times(what: str, runs: list[Run], mkdocs: list[Run] | None = None) -> None:
    wall = statistics.median(run.seconds for run in runs)
    cpu = statistics.median(run.cpu for run in runs)
    each = ", ".join(f"{run.seconds:.2f}" for run in runs)
    line = f"{what}: median {wall:.2f} s ({each}), CPU {cpu:.2f} s"
    if mkdocs is not None:
        theirs = statistics.median(run.seconds for run in mkdocs)
        their_cpu = statistics.median(run.cpu for run in mkdocs)
        line += f"\n  goalsheet/mkdocs {wall / theirs:.2f} (target <= 1), CPU {cpu / their_cpu:.2f}"
    print(line)


def report(tool: str, check: SiteCheck, show: int) -> None:
    present = check.pages - len(check.missing)
    print(
        f"{tool}: {present}/{check.pages} pages present, "
        f"{len(check.broken)} of {check.links} internal links broken"
    )
    for path in check.missing[:show]:
        print(f"    missing: {path}")
    for page, href in check.broken[:show]:
        print(f"    broken: {page} -> {href}")
    hidden = max(0, len(check.missing) - show) + max(0, len(check.broken) - show)
    if hidden:
        print(f"    ... and {hidden} more (--show N lists more)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5, help="paired cold runs")
    parser.add_argument("--seed", type=int, default=21)
    parser.add_argument("--show", type=int, default=10, help="missing/broken listed per tool")
    parser.add_argument("--flat", action="store_true", help="every page at the top")
    parser.add_argument("--keep", type=Path, help="build in this (new) folder and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = args.keep or Path(tmp)
        base.mkdir(parents=True, exist_ok=True)
        files = generate(args.seed, flat=args.flat)
        markdown = sorted(path for path in files if path.suffix == ".md")
        ours, theirs = projects(base, files)
        depth = max(len(path.parts) for path in markdown) - 1
        print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(f"corpus: {len(markdown)} Markdown pages, folders up to {depth} deep, "
              f"{len(files) - len(markdown)} images, seed {args.seed}")  # fmt: skip
        for command, cwd in ((GOALSHEET, ours), (MKDOCS, theirs)):  # bytecode, not timed
            timed(command, cwd)
        cold: list[Run] = []
        mkdocs: list[Run] = []
        warm: list[Run] = []
        for round_ in range(args.rounds):
            pair = [("goalsheet", GOALSHEET, ours, cold), ("mkdocs", MKDOCS, theirs, mkdocs)]
            for name, command, cwd, samples in pair if round_ % 2 == 0 else pair[::-1]:
                make_cold(cwd)
                run(name, command, cwd, samples)
            make_cold(ours, keep_cache=True)
            run("goalsheet (cache warm)", GOALSHEET, ours, warm)
        times("mkdocs build, cold", mkdocs)
        times("goalsheet build --no-pdf, cold", cold, mkdocs)
        times("goalsheet, Markdown cache warm", warm, mkdocs)
        report("goalsheet", check_site(ours / "site", markdown), args.show)
        report("mkdocs", check_site(theirs / "site", markdown), args.show)


if __name__ == "__main__":
    main()
