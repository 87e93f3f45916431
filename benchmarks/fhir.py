"""The FHIR export and import against the CSV ones, on the same fictional caseload
(benchmarks/caseload.py: N clients, each with PHQ-9, GAD-7 and GBO ratings over eight
weeks). Every command runs in this process (click's runner), so start-up is left out and
the figures are the work itself; each is the median of --rounds runs, and the ratios are
measured in the same run.

    .venv/bin/python benchmarks/fhir.py [--clients 40] [--rounds 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parent))
from caseload import AS_OF, generate

from goalsheet.cli import main as goalsheet


def timed(rounds: int, work: Callable[[], None]) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(*args: str) -> None:
    result = CliRunner().invoke(goalsheet, list(args), catch_exceptions=False)
    if result.exit_code != 0:
        raise SystemExit(f"goalsheet {' '.join(args)} failed:\n{result.output}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary) / "practice"
        generate(root, options.clients)
        clients = sorted(p.name for p in (root / "goalsheets").iterdir())
        out = root / "private"
        project = ("--project", str(root))
        as_of = ("--as-of", AS_OF.isoformat())

        def export_fhir() -> None:
            for client in clients:
                target = str(out / "fhir" / f"{client}.fhir.json")
                run("export", client, "--format", "fhir", "-o", target, *project)

        def export_all() -> None:
            run("export", "--all", "--format", "fhir", "--bundle", "-o", str(out / "all.json"),
                *project)  # fmt: skip

        def export_csv() -> None:
            for client in clients:
                run("export", client, "-o", str(out / "csv" / f"{client}.csv"), *project)

        def import_fhir() -> None:
            files = [str(out / "fhir" / f"{c}.fhir.json") for c in clients]
            run("import", *files, "--dry-run", *project, *as_of)

        def import_csv() -> None:
            files = [str(out / "csv" / f"{c}.csv") for c in clients]
            run("import", *files, "--dry-run", *project, *as_of)

        figures = {
            "export FHIR (each client, one command each)": timed(options.rounds, export_fhir),
            "export CSV (each client, one command each)": timed(options.rounds, export_csv),
            "import FHIR, dry run (every client's Bundle)": timed(options.rounds, import_fhir),
            "import CSV, dry run (every client's CSV)": timed(options.rounds, import_csv),
        }
        every = timed(options.rounds, export_all)
        size_fhir = sum(f.stat().st_size for f in (out / "fhir").iterdir())
        size_csv = sum(f.stat().st_size for f in (out / "csv").iterdir())
    print(f"{options.clients} clients, median of {options.rounds} runs")
    for name, seconds in figures.items():
        each = seconds * 1000 / len(clients)
        print(f"  {name:<46} {seconds * 1000:8.1f} ms  {each:6.2f} ms a client")
    print(f"  {'export FHIR --all --bundle (one transaction)':<46} {every * 1000:8.1f} ms")
    values = list(figures.values())
    print(f"  FHIR / CSV export time: x{values[0] / values[1]:.2f}")
    print(f"  FHIR / CSV import time: x{values[2] / values[3]:.2f}")
    print(f"  FHIR / CSV bytes: x{size_fhir / size_csv:.1f} ({size_fhir:,} and {size_csv:,} bytes)")


if __name__ == "__main__":
    main()
