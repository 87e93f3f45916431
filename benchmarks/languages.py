"""What a second language costs: the same client's documents rendered in English and in
Spanish (gettext lookups, Babel's dates and numbers), HTML only so layout time does not
hide the difference.

Run: .venv/bin/python benchmarks/languages.py   (or `make bench`)
Prints seconds per round for each language and their ratio, measured in one run.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import time
from pathlib import Path

from goalsheet.paper.catalogue import load_catalogue
from goalsheet.paper.context import SheetRequest
from goalsheet.paper.document import render_html
from goalsheet.project import load_project
from goalsheet.report.context import ReportRequest
from goalsheet.report.document import client_report

REPO = Path(__file__).resolve().parent.parent
CLIENT = "C-0512"  # the demo's Spanish-speaking client
WORKSHEETS = ["smart-goal", "goal-ladder", "daily-diary", "phq-9", "session-review"]
TODAY = dt.date(2026, 11, 20)


def one_round(locale: str) -> float:
    project = load_project(REPO)
    catalogue = load_catalogue(REPO)
    folder = project.client(CLIENT)
    assert folder is not None and folder.sheet is not None
    sheet = folder.sheet.model_copy(
        update={"client": folder.sheet.client.model_copy(update={"locale": locale})}
    )
    folder = dataclasses.replace(folder, sheet=sheet)
    started = time.perf_counter()
    for name in WORKSHEETS:
        request = SheetRequest(catalogue[name], "a4", True, dt.date(2026, 11, 23))
        render_html(request, REPO, project.config, sheet, project.measures)
    for audience in ("clinician", "client"):
        client_report(project, folder, ReportRequest(audience, "html", TODAY))
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    one_round("en_GB"), one_round("es_ES")  # warm caches (templates, catalogues, fonts)
    times: dict[str, list[float]] = {"en_GB": [], "es_ES": []}
    for _ in range(args.rounds):
        for locale in times:
            times[locale].append(one_round(locale))
    best = {locale: min(values) for locale, values in times.items()}
    print(f"documents per round: {len(WORKSHEETS)} worksheets and 2 reports (HTML), {CLIENT}")
    for locale, seconds in best.items():
        print(f"  {locale}: {seconds:.3f} s per round (best of {args.rounds})")
    print(f"Spanish / English: {best['es_ES'] / best['en_GB']:.2f}")


if __name__ == "__main__":
    main()
