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

Run: .venv/bin/python benchmarks/site.py [--rounds 5] [--keep DIR]   (or `make bench`)
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
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


def timed(command: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    return time.perf_counter() - start, done


def run(name: str, command: list[str], cwd: Path, samples: list[float]) -> None:
    seconds, done = timed(command, cwd)
    samples.append(seconds)
    if done.returncode not in (0,):
        tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        print(f"  {name} exited {done.returncode}: " + " | ".join(tail), file=sys.stderr)


def times(what: str, samples: list[float], mkdocs: list[float] | None = None) -> None:
    median = statistics.median(samples)
    each = ", ".join(f"{s:.2f}" for s in samples)
    line = f"{what}: median {median:.2f} s ({each})"
    if mkdocs is not None:
        line += f"; goalsheet/mkdocs {median / statistics.median(mkdocs):.2f} (target <= 1)"
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
        print(f"corpus: {len(markdown)} Markdown pages, folders up to {depth} deep, "
              f"{len(files) - len(markdown)} images, seed {args.seed}")  # fmt: skip
        cold: list[float] = []
        mkdocs: list[float] = []
        warm: list[float] = []
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
