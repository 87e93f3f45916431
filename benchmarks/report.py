"""Report benchmark: a client with five years of data against a typical demo client.

The big client (fictional, generated here) has five years of daily diary entries on five
trackers, 120 PHQ-9 administrations and monthly goal ratings by two raters. Its report must
build in at most 3x the time of a demo client's (charts aggregate by month as the span grows).

Run: .venv/bin/python benchmarks/report.py   (or `make bench`)
Prints figures measured in one run, and their ratio, so they compare across noisy machines.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import yaml

from goalsheet.project import load_project
from goalsheet.report.context import ReportRequest
from goalsheet.report.document import client_report
from goalsheet.report.figures import client_progress
from goalsheet.report.names import Audience, Medium

REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 20)
TYPICAL = "C-0142"
BIG = "B-5YEAR"
YEARS = 5
ADMINISTRATIONS = 120


class _NoAnchors(yaml.SafeDumper):
    """goalsheet refuses YAML anchors, so write repeated values out in full."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def _dump(data: object) -> str:
    return yaml.dump(data, Dumper=_NoAnchors, sort_keys=False)


def big_client(folder: Path, seed: int = 7) -> None:
    """Write the five-year client: sheet, one entries file per month."""
    rng = random.Random(seed)
    start = TODAY - dt.timedelta(days=365 * YEARS)
    sheet = {
        "client": {"id": BIG, "started": start, "therapist": "Bench Mark"},
        "goals": [
            {
                "id": "walks",
                "title": "Walk outside most days",
                "measure": {
                    "what": "walks",
                    "unit": "per week",
                    "baseline": 1,
                    "target": 5,
                    "tracker": "walks",
                },
                "why": "I feel better outdoors",
                "target_date": TODAY + dt.timedelta(days=60),
                "interventions": ["behavioural activation"],
            },
            {
                "id": "sleep",
                "title": "Sleep by midnight",
                "why": "Mornings are easier",
                "target_date": TODAY + dt.timedelta(days=60),
            },
        ],
        "trackers": [
            {"id": "mood", "label": "Mood", "kind": "rating", "min": 1, "max": 10},
            {"id": "walks", "label": "Walks", "kind": "count", "goal": "walks"},
            {"id": "relax", "label": "Relaxation", "kind": "duration"},
            {"id": "bed", "label": "In bed by midnight", "kind": "yesno", "goal": "sleep"},
            {"id": "worry", "label": "Worry", "kind": "rating", "min": 0, "max": 10},
        ],
    }
    (folder / "entries").mkdir(parents=True)
    (folder / "goalsheet.yaml").write_text(_dump(sheet))
    months: dict[str, dict[str, object]] = {}
    day = start
    while day <= TODAY:
        if rng.random() > 0.08:  # some days are missed, as in life
            month = months.setdefault(day.strftime("%Y-%m"), {"diary": {}})
            month["diary"][day] = {  # type: ignore[index]
                "mood": rng.randint(3, 9),
                "walks": rng.randint(0, 2),
                "relax": rng.choice([0, 10, 15, 20]),
                "bed": rng.random() > 0.4,
                "worry": rng.randint(0, 8),
            }
        day += dt.timedelta(days=1)
    step = (TODAY - start).days // ADMINISTRATIONS
    for index in range(ADMINISTRATIONS):
        when = start + dt.timedelta(days=index * step)
        month = months.setdefault(when.strftime("%Y-%m"), {"diary": {}})
        answers = [rng.randint(0, 3) for _ in range(8)] + [0]
        month.setdefault("measures", []).append(  # type: ignore[attr-defined]
            {"date": when, "measure": "PHQ-9", "answers": answers}
        )
    for index, key in enumerate(sorted(months)):
        when = dt.date.fromisoformat(f"{key}-15")
        if when > TODAY:
            continue
        months[key]["ratings"] = [
            {"date": when, "goal": "walks", "rater": "client", "gbo": min(10, 2 + index // 8)},
            {"date": when, "goal": "walks", "rater": "therapist", "gbo": min(10, 1 + index // 9)},
        ]
    for key, data in months.items():
        (folder / "entries" / f"{key}.yaml").write_text(_dump(data))


def timed(project_root: Path, client: str, medium: Medium, rounds: int) -> float:
    """Median seconds to build one client's two reports (clinician and client)."""
    project = load_project(project_root)
    folder = project.client(client)
    assert folder is not None and folder.sheet is not None, client
    audiences: tuple[Audience, ...] = ("clinician", "client")
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        for audience in audiences:
            client_report(project, folder, ReportRequest(audience, medium, TODAY))
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copy(REPO / "goalsheet.yaml", root / "goalsheet.yaml")
        shutil.copytree(REPO / "goalsheets" / TYPICAL, root / "goalsheets" / TYPICAL)
        big_client(root / "goalsheets" / BIG)
        days = sum(1 for _ in (root / "goalsheets" / BIG / "entries").iterdir())
        load_start = time.perf_counter()
        loaded = load_project(root)
        load = time.perf_counter() - load_start
        errors = [f for f in loaded.findings if f.severity == "error"]
        if errors:
            raise SystemExit(f"the generated client does not check: {errors[0].as_text()}")
        folder = loaded.client(BIG)
        assert folder is not None
        trends = client_progress(loaded, folder, TODAY).trends
        periods = {t.period for t in trends}
        most = max(len(t.points) for t in trends)
        shown = ", ".join(sorted(periods))
        print(f"five-year client's diary charts: by {shown}, {most} points at most")
        # Warm-up: the first chart imports matplotlib, the first PDF loads fonts.
        timed(root, TYPICAL, "pdf", 1)
        print(f"project load with the five-year client ({days} files): {load:.2f} s")
        media: tuple[Medium, ...] = ("pdf", "html")
        for medium in media:
            typical = timed(root, TYPICAL, medium, args.rounds)
            big = timed(root, BIG, medium, args.rounds)
            print(
                f"{medium}: typical client {typical:.2f} s, five-year client {big:.2f} s, "
                f"ratio {big / typical:.2f} (must be <= 3)"
            )


if __name__ == "__main__":
    main()
