"""A critical answer (PHQ-9 item 9) is said first by `goalsheet import`, whatever the run
comes to: from a fillable PDF filled with pypdf, a scanned page drawn on the page goalsheet
printed (rasterised by poppler), and a tidy CSV; in a dry run, in a run stopped by a
conflict or a wrong value, in JSON; held-back questionnaires (an unclear mark, no date, a
wrong number) as "unclear: ask". Then `check` (GS113), a follow-up clearing it but never
the history, GS208, a practice's own critical item, and bad critical-item definitions.

Every client, answer and name here is fictional.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest
from click.testing import Result

from goalsheet.paper.scannable.page import measure_plan
from goalsheet.project import load_project
from helpers import pdffill as pf
from helpers.cli import invoke
from helpers.project import CLIENT, ENTRIES, REPO, Project

Run = Callable[..., Result]

AS_OF = "2026-11-20"
PHQ9 = [1, 2, 0, 3, 1, 1, 2, 0, 1]  # total 11 (moderate); item 9: 1, "Several days"
HEADLINE = (
    "CRITICAL C-0001: PHQ-9 item 9: 1 (Several days), on 2026-11-12. thoughts of being "
    "better off dead or of self-harm: follow up today"
)
GOALSHEET = Path(sys.executable).with_name("goalsheet")
FOLLOW_UP = """\
follow_ups:
  - {date: 2026-11-20, answer_date: 2026-11-12, measure: PHQ-9, by: Sam Lee,
     note: phoned; safety plan reviewed}
"""


def importing(run: Run, root: Path, *args: str | Path) -> Result:
    result = run("import", *args, "--project", root, "--as-of", AS_OF)
    assert "Traceback" not in result.output
    return result


def first_line(result: Result) -> str:
    return result.stdout.splitlines()[0]


def as_json(result: Result) -> dict[str, Any]:
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


def entries_files(root: Path) -> list[Path]:
    return sorted((root / "goalsheets" / "C-0001" / "entries").glob("*.yaml"))


# --- a fillable PDF --------------------------------------------------------------------


@pytest.fixture(scope="module")
def phq9_form() -> Path:
    """C-0001's fillable PHQ-9 as made before radio groups: a tick box per answer, so two
    answers can be ticked on one item (test_forms_measures.py fills today's radio groups)."""
    pf.require_tools()
    return REPO / "tests" / "data" / "forms-v1" / "phq9-C-0001-ticks.pdf"


def ticks(answers: list[int]) -> dict[str, str]:
    return {f"phq9_i{item}_{value}": "/on" for item, value in enumerate(answers, start=1)}


@pytest.mark.slow
def test_a_filled_pdf_says_item_9_first_then_the_score_and_band(
    phq9_form: Path, project: Project, run: Run, tmp_path: Path
) -> None:
    filled = pf.fill(phq9_form, tmp_path / "f.pdf", {**ticks(PHQ9), "phq9_date": "12 Nov 2026"})

    dry = importing(run, project.root, filled, "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert first_line(dry) == HEADLINE
    assert "answer_date: 2026-11-12, measure: PHQ-9" in dry.stdout.splitlines()[1]
    assert "PHQ-9 on 2026-11-12: 11 (moderate)" in dry.stdout
    assert len(entries_files(project.root)) == 1  # the dry run wrote nothing

    data = as_json(importing(run, project.root, filled, "--dry-run", "--format", "json"))
    (critical,) = data["critical"]
    assert {
        "client": "C-0001",
        "measure": "PHQ-9",
        "item": 9,
        "kind": "answered",
        "answer": 1,
        "answer_words": "Several days",
        "date": "2026-11-12",
        "open": True,
        "imported": True,
    }.items() <= critical.items()
    assert "follow up today" in critical["message"]

    real = importing(run, project.root, filled)
    assert real.exit_code == 0, real.output
    assert first_line(real) == HEADLINE
    assert len(entries_files(project.root)) == 2


@pytest.mark.slow
def test_a_conflict_stops_the_run_but_not_the_warning(
    phq9_form: Path, project: Project, run: Run, tmp_path: Path
) -> None:
    project.entries(
        "measures:\n  - {date: 2026-11-12, measure: PHQ-9, answers: [0, 0, 0, 0, 0, 0, 0, 0, 0]}\n"
    )
    filled = pf.fill(phq9_form, tmp_path / "f.pdf", {**ticks(PHQ9), "phq9_date": "2026-11-12"})
    before = entries_files(project.root)

    result = importing(run, project.root, filled)

    assert result.exit_code == 1
    assert first_line(result) == HEADLINE
    assert "conflict" in result.stdout and "Nothing was written" in result.output
    assert entries_files(project.root) == before


@pytest.mark.slow
def test_an_undated_form_is_held_back_and_still_raised(
    phq9_form: Path, project: Project, run: Run, tmp_path: Path
) -> None:
    filled = pf.fill(phq9_form, tmp_path / "undated.pdf", ticks(PHQ9))

    result = importing(run, project.root, filled)
    data = as_json(importing(run, project.root, filled, "--format", "json"))

    assert result.exit_code == 1
    assert first_line(result) == (
        "CRITICAL C-0001: PHQ-9 item 9: 1 (Several days), on an undated form. thoughts of "
        "being better off dead or of self-harm: follow up today (not imported: see below)"
    )
    assert "has no date" in result.stdout
    assert data["critical"][0]["date"] is None and data["critical"][0]["imported"] is False


@pytest.mark.slow
def test_stdout_to_a_pipe_still_starts_with_the_warning(
    phq9_form: Path, project: Project, tmp_path: Path
) -> None:
    filled = pf.fill(phq9_form, tmp_path / "f.pdf", {**ticks(PHQ9), "phq9_date": "2026-11-12"})
    args = [GOALSHEET, "import", filled, "--dry-run", "--project", project.root, "--as-of", AS_OF]
    done = subprocess.run(args, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == HEADLINE  # plain text: no colour codes in a pipe


# --- a tidy CSV -----------------------------------------------------------------------

CSV_HEADER = "client,date,record,name,item,rater,value,weight\n"


def phq9_csv(folder: Path, answers: list[object], name: str = "phq9.csv") -> Path:
    rows = "".join(
        f"C-0001,2026-11-12,measure,PHQ-9,{item},,{value},\n"
        for item, value in enumerate(answers, start=1)
    )
    path = folder / name
    path.write_text(CSV_HEADER + rows, encoding="utf-8")
    return path


def test_a_csv_raises_it_in_text_json_and_dry_run(
    project: Project, run: Run, tmp_path: Path
) -> None:
    path = phq9_csv(tmp_path, PHQ9)

    dry = importing(run, project.root, path, "--dry-run")
    data = as_json(importing(run, project.root, path, "--dry-run", "--format", "json"))
    real = importing(run, project.root, path)

    assert first_line(dry) == first_line(real) == HEADLINE
    assert data["critical"][0]["answer_words"] == "Several days"
    assert data["critical"][0]["kind"] == "answered"
    assert real.exit_code == 0 and "PHQ-9 on 2026-11-12: 11 (moderate)" in real.stdout


def test_a_wrong_item_9_is_unclear_and_a_reason_to_ask(
    project: Project, run: Run, tmp_path: Path
) -> None:
    path = phq9_csv(tmp_path, [*PHQ9[:8], 5])

    result = importing(run, project.root, path)
    skipped = importing(run, project.root, path, "--skip-invalid", "--dry-run", "--format", "json")

    assert result.exit_code == 1
    assert first_line(result).startswith(
        "CRITICAL C-0001: PHQ-9 item 9: unclear (5 is not one of the answers), on 2026-11-12."
    )
    assert "ask today" in first_line(result) and "not imported" in first_line(result)
    (critical,) = as_json(skipped)["critical"]
    assert critical["kind"] == "unclear" and critical["answer"] == 5


def test_item_9_left_blank_is_asked_about(project: Project, run: Run, tmp_path: Path) -> None:
    path = phq9_csv(tmp_path, [*PHQ9[:8], ""])
    result = importing(run, project.root, path)
    assert result.exit_code == 0, result.output
    assert first_line(result).startswith(
        "CRITICAL C-0001: PHQ-9 item 9: not answered, on 2026-11-12. item 9 not answered: ask"
    )


def test_a_calm_questionnaire_raises_nothing(project: Project, run: Run, tmp_path: Path) -> None:
    result = importing(run, project.root, phq9_csv(tmp_path, [*PHQ9[:8], 0]))
    assert result.exit_code == 0 and "CRITICAL" not in result.output
    calm = importing(run, project.root, phq9_csv(tmp_path, [*PHQ9[:8], 0]), "--format", "json")
    assert as_json(calm)["critical"] == []


def test_a_file_that_cannot_be_read_does_not_hide_another_files_answer(
    project: Project, run: Run, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\nnot really\n")
    result = importing(run, project.root, broken, phq9_csv(tmp_path, PHQ9), "--skip-invalid")
    assert result.exit_code == 1
    assert first_line(result) == HEADLINE


# --- check, follow-up, report, GS208 --------------------------------------------------


def test_check_warns_until_a_follow_up_is_recorded_and_the_report_keeps_both(
    project: Project, run: Run, tmp_path: Path
) -> None:
    assert importing(run, project.root, phq9_csv(tmp_path, PHQ9)).exit_code == 0

    warned = run("check", "--project", project.root, "--as-of", AS_OF, "--format", "json")
    codes = [f["code"] for f in json.loads(warned.output)["findings"]]
    assert "GS113" in codes

    project.entries(FOLLOW_UP, name="2026-11-20-follow-up.yaml")
    cleared = run("check", "--project", project.root, "--as-of", AS_OF, "--format", "json")
    assert cleared.exit_code == 0, cleared.output
    assert "GS113" not in [f["code"] for f in json.loads(cleared.output)["findings"]]

    report = json.loads(
        run(
            "report", "C-0001", "--format", "json", "--project", project.root, "--as-of", AS_OF
        ).output
    )
    (critical,) = report["critical"]
    assert critical["answer"] == 1 and critical["open"] is False
    assert critical["follow_up"] == {
        "date": "2026-11-20",
        "by": "Sam Lee",
        "note": "phoned; safety plan reviewed",
    }

    again = importing(run, project.root, phq9_csv(tmp_path, PHQ9), "--dry-run")
    assert first_line(again).startswith("critical, followed up on 2026-11-20 by Sam Lee: C-0001")
    assert "CRITICAL" not in again.output


def test_a_follow_up_of_no_answer_is_gs208(project: Project, run: Run) -> None:
    project.entries(FOLLOW_UP.replace("answer_date: 2026-11-12", "answer_date: 2026-11-11"))
    result = run("check", "--project", project.root, "--as-of", AS_OF)
    assert result.exit_code == 1
    assert "GS208" in result.output and "e2.yaml" in result.output


# --- a practice's own critical item; bad definitions ------------------------------------

MOOD_CHECK = """\
practice: {name: Test Practice}
measures:
  - id: MOOD-3
    title: Three-question mood check (practice scale, fictional)
    items: 3
    item_max: 4
    answer_labels: [never, rarely, sometimes, often, always]
    flags:
      - {item: 3, at_least: 2, flag: hopeless, message: "feels hopeless: call today"}
"""


def test_a_practices_own_critical_item_is_raised_too(
    project: Project, run: Run, tmp_path: Path
) -> None:
    project.write("goalsheet.yaml", MOOD_CHECK)
    path = tmp_path / "mood.csv"
    rows = [f"C-0001,2026-11-18,measure,MOOD-3,{i},,{v},\n" for i, v in ((1, 1), (2, 0), (3, 3))]
    path.write_text(CSV_HEADER + "".join(rows), encoding="utf-8")

    result = importing(run, project.root, path)

    assert result.exit_code == 0, result.output
    assert first_line(result) == (
        "CRITICAL C-0001: MOOD-3 item 3: 3 (often), on 2026-11-18. feels hopeless: call today"
    )
    check = run("check", "--project", project.root, "--as-of", AS_OF)
    assert "GS113" in check.output and "MOOD-3" in check.output


@pytest.mark.parametrize(
    ("flag", "words"),
    [
        ("{item: 12, at_least: 1, flag: far, message: x}", "item 12"),
        ("{item: 3, at_least: 0, flag: every, message: x}", "at_least 0"),
        ("{item: 3, at_least: 5, flag: never, message: x}", "at_least 5"),
    ],
)
def test_a_bad_critical_item_names_goalsheet_yaml_and_its_line(
    project: Project, run: Run, flag: str, words: str
) -> None:
    text = MOOD_CHECK.replace(
        '{item: 3, at_least: 2, flag: hopeless, message: "feels hopeless: call today"}', flag
    )
    project.write("goalsheet.yaml", text)
    line = text.splitlines().index(f"      - {flag}") + 1

    result = run("check", "--project", project.root, "--as-of", AS_OF)

    assert result.exit_code == 1
    assert f"goalsheet.yaml:{line}:" in result.output, result.output
    assert words in result.output


def test_phq9_item_9_is_built_in_with_an_in_range_threshold(project: Project) -> None:
    (flag,) = load_project(project.root).measures["PHQ-9"].flags
    assert (flag.item, flag.at_least) == (9, 1)


# --- a scanned page -----------------------------------------------------------------------

DPI = 150


@pytest.fixture(scope="module")
def scan_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, np.ndarray]:
    """A practice for scans and C-0001's scannable PHQ-9, rasterised by poppler."""
    folder = tmp_path_factory.mktemp("scan")
    maker = Project(folder / "practice")
    maker.write("goalsheet.yaml", "practice: {name: Test Practice}\n")
    maker.client(CLIENT)
    maker.entries(ENTRIES, name="e1.yaml")
    pdf = folder / "phq9-scannable.pdf"
    args = ["worksheet", "phq-9", "--scannable", "--client", "C-0001", "-o", str(pdf)]
    result = invoke(*args, "--project", maker.root, catch=True)
    assert result.exit_code == 0, result.output
    out = folder / "page"
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", "-singlefile", pdf, out],
                   check=True, timeout=120)  # fmt: skip
    image = cv2.imread(f"{out}.png", cv2.IMREAD_GRAYSCALE)
    assert image is not None
    return maker.root, image


def filled_scan(root: Path, image: np.ndarray, marks: list[list[int]]) -> np.ndarray:
    """The page with, on each item's row, the circles of the values given filled in."""
    plan = measure_plan(load_project(root).measures["PHQ-9"], "a4")
    rows = [row for row in plan.rows if row.key.startswith("item")]
    page = image.copy()
    k = DPI / 25.4
    for row, values in zip(rows, marks, strict=True):
        for circle in row.circles:
            if circle.value in values:
                centre = (round(circle.x * k), round(circle.y * k))
                cv2.circle(page, centre, round(circle.r * k * 0.9), 25, -1)
    return page


@pytest.fixture
def scan_project(scan_page: tuple[Path, np.ndarray], tmp_path: Path) -> Path:
    root = tmp_path / "practice"
    shutil.copytree(scan_page[0], root)
    return root


@pytest.mark.slow
def test_a_scan_with_item_9_at_1_says_it_first(
    scan_page: tuple[Path, np.ndarray], scan_project: Path, run: Run, tmp_path: Path
) -> None:
    image = tmp_path / "phq9-scan.png"
    cv2.imwrite(str(image), filled_scan(scan_project, scan_page[1], [[a] for a in PHQ9]))

    dry = importing(run, scan_project, image, "--date", "2026-11-12", "--dry-run")
    data = as_json(importing(run, scan_project, image, "--date", "2026-11-12", "--format", "json"))

    assert dry.exit_code == 0, dry.output
    assert first_line(dry) == HEADLINE
    assert data["critical"][0]["answer"] == 1 and data["critical"][0]["imported"] is True


@pytest.mark.slow
def test_a_scan_with_item_9_unclear_is_held_back_and_says_unclear_ask(
    scan_page: tuple[Path, np.ndarray], scan_project: Path, run: Run, tmp_path: Path
) -> None:
    marks = [[a] for a in PHQ9[:8]] + [[0, 2]]  # two circles filled on item 9
    image = tmp_path / "phq9-two-marks.png"
    cv2.imwrite(str(image), filled_scan(scan_project, scan_page[1], marks))
    before = entries_files(scan_project)

    result = importing(run, scan_project, image, "--date", "2026-11-12")

    assert result.exit_code == 1
    assert first_line(result) == (
        "CRITICAL C-0001: PHQ-9 item 9: unclear, on 2026-11-12. item 9 could not be read: "
        "ask today (not imported: see below)"
    )
    assert "unclear" in result.stdout and "item 9" in result.stdout
    assert entries_files(scan_project) == before
    data = as_json(importing(run, scan_project, image, "--date", "2026-11-12", "--format", "json"))
    assert data["critical"][0]["kind"] == "unclear" and data["critical"][0]["imported"] is False
    decided = importing(run, scan_project, image, "--date", "2026-11-12", "--accept", "p1:item9=2")
    assert decided.exit_code == 0, decided.output
    assert first_line(decided).startswith(
        "CRITICAL C-0001: PHQ-9 item 9: 2 (More than half the days), on 2026-11-12."
    )
