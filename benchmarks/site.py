"""Site benchmark: goalsheet against MkDocs on the same 100-page Markdown corpus.

The corpus is made from the demo handouts (tables, admonitions, footnotes, definition lists,
attribute lists, cross-links), copied to 100 pages with their links kept working. Both tools
build it as a fresh process, as a user would run them: `goalsheet build --no-pdf` (in a
project with no clients, so only the site is built, Pagefind search index included) and
`mkdocs build` (default theme, the same Markdown extensions, its own search index).

Three goalsheet builds are timed: from scratch (no site/, no cache), again with nothing
changed, and again after one page was edited (what a practice does all day). goalsheet runs
as a user runs it, on every core; MkDocs has no parallel or incremental build.

Run: .venv/bin/python benchmarks/site.py   (or `make bench`)
Prints the median of several runs of each, and their ratio, measured in one run.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from caseload import corpus

REPO = Path(__file__).resolve().parent.parent
PAGES = 100
BIN = Path(sys.executable).parent
MKDOCS_YML = """site_name: Benchmark
theme:
  name: mkdocs
markdown_extensions:
  - tables
  - admonition
  - footnotes
  - def_list
  - attr_list
  - toc
"""


def goalsheet_project(root: Path, content: Path) -> None:
    root.mkdir()
    shutil.copy(REPO / "goalsheet.yaml", root / "goalsheet.yaml")
    shutil.copytree(REPO / "branding", root / "branding")
    shutil.copytree(content, root / "content")


def mkdocs_project(root: Path, content: Path) -> None:
    root.mkdir()
    (root / "mkdocs.yml").write_text(MKDOCS_YML)
    shutil.copytree(content, root / "docs")
    (root / "docs" / "index.md").write_text("# Benchmark\n")


def timed(
    command: list[str],
    cwd: Path,
    rounds: int,
    fresh: tuple[str, ...] = (),
    edit: Path | None = None,
) -> float:
    """Median seconds; `fresh` folders are removed before each run (a cold build), and
    `edit` gets a new paragraph before each run."""
    samples = []
    for round_ in range(rounds):
        for folder in fresh:
            shutil.rmtree(cwd / folder, ignore_errors=True)
        if edit is not None:
            with edit.open("a", encoding="utf-8") as page:
                page.write(f"\nA sentence added for round {round_} of the benchmark.\n")
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=True, capture_output=True)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pages", type=int, default=PAGES)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        corpus(base / "corpus", args.pages)
        goalsheet_project(base / "gs", base / "corpus")
        mkdocs_project(base / "mk", base / "corpus")
        ours = [str(BIN / "goalsheet"), "build", "--no-pdf"]
        theirs = [str(BIN / "mkdocs"), "build", "--quiet"]
        subprocess.run(ours, cwd=base / "gs", check=True, capture_output=True)  # warm caches
        subprocess.run(theirs, cwd=base / "mk", check=True, capture_output=True)
        built = len(list((base / "gs" / "site").glob("*.html")))
        cold = timed(ours, base / "gs", args.rounds, fresh=("site", ".goalsheet-cache"))
        warm = timed(ours, base / "gs", args.rounds)
        edited = timed(ours, base / "gs", args.rounds, edit=base / "gs" / "content" / "faq-0.md")
        mkdocs = timed(theirs, base / "mk", args.rounds, fresh=("site",))
        print(f"site: {args.pages} Markdown pages ({built} HTML files at the top of site/)")
        print(f"mkdocs build (every page, every time): {mkdocs:.2f} s")
        print(
            f"goalsheet build --no-pdf from scratch: {cold:.2f} s, "
            f"mkdocs/goalsheet {mkdocs / cold:.2f} (target >= 2)"
        )
        print(
            f"goalsheet build --no-pdf again, nothing changed: {warm:.2f} s, "
            f"mkdocs/goalsheet {mkdocs / warm:.2f} (target >= 2)"
        )
        print(
            f"goalsheet build --no-pdf after editing one page: {edited:.2f} s, "
            f"mkdocs/goalsheet {mkdocs / edited:.2f} (target >= 2)"
        )


if __name__ == "__main__":
    main()
