"""The PHQ-9 and GAD-7 forms: the scannable page (answer words above the columns, the closing
difficulty question as a row read back, the crisis box, the credit line; nothing but
circles in a row's band; one A4 and one US letter page) and the fillable PDF (one radio
group per item and for the difficulty question, filled by pypdf and pdftk, imported).

Real PDFs from WeasyPrint, read with poppler, qpdf and pypdf; scans drawn onto poppler's
rendering of the real page. Every value is fictional.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np
import pytest
import yaml
from click.testing import Result
from pypdf import PdfReader

from goalsheet.model.measures import GAD7, PHQ9, MeasureDefinition
from goalsheet.paper.scannable.layout import PagePlan, Row, rating_rows
from goalsheet.paper.scannable.page import measure_plan
from helpers import pdffill as pf
from helpers.cli import invoke
from helpers.project import CLIENT, ENTRIES, REPO, Project

Run = Callable[..., Result]
AS_OF = "2026-11-20"
DPI = 150
ANSWERS = [1, 2, 0, 3, 1, 1, 2, 0, 1]  # total 11; item 9 at 1
CUSTOM = """\
practice: {name: Test Practice}
measures:
  - {id: SLEEP-4, title: Sleep check, items: 4, item_min: 0, item_max: 3}
  - {id: LONG-12, title: Long list, items: 12, item_min: 0, item_max: 3}
"""


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A practice with C-0001 and a custom measure, and its forms: scannable PHQ-9 (A4 and
    letter), GAD-7 (letter), the custom measure (A4), and the fillable PHQ-9."""
    pf.require_tools()
    folder = tmp_path_factory.mktemp("forms")
    maker = Project(folder / "practice")
    maker.write("goalsheet.yaml", CUSTOM)
    maker.client(CLIENT)
    maker.entries(ENTRIES, name="e1.yaml")
    for name, measure, paper, kind in (
        ("phq9-a4.pdf", "phq-9", "a4", "--scannable"),
        ("phq9-letter.pdf", "phq-9", "letter", "--scannable"),
        ("gad7-letter.pdf", "gad-7", "letter", "--scannable"),
        ("sleep-a4.pdf", "sleep-4", "a4", "--scannable"),
        ("phq9-fillable.pdf", "phq-9", "a4", "--fillable"),
    ):
        args = ["worksheet", measure, kind, "--client", "C-0001", "--paper", paper]
        result = invoke(*args, "-o", folder / name, "--project", maker.root, catch=True)
        assert result.exit_code == 0, result.output
    return folder


def text_of(pdf: Path) -> str:
    done = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, check=True)
    return " ".join(done.stdout.decode().split())


def pages_of(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, check=True).stdout.decode()
    return int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))


def rasterised(pdf: Path, dpi: int = DPI) -> np.ndarray:
    out = pdf.with_name(f"{pdf.stem}-{dpi}")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", "-singlefile", pdf, out],
                   check=True, timeout=120)  # fmt: skip
    image = cv2.imread(f"{out}.png", cv2.IMREAD_GRAYSCALE)
    assert image is not None
    return image


# --- the plan ---------------------------------------------------------------------------


def test_layout_1_keeps_its_geometry_and_layout_2_adds_the_closing_row() -> None:
    old = rating_rows("a4", 9, range(4), version=1, difficulty=4)
    assert [row.y for row in old.rows[:9]] == [80.0 + 15 * n for n in range(9)]
    assert [row.y for row in old.rows[9:]] == pytest.approx([217.0, 225.6, 235.7, 244.3])
    assert [c.x for c in old.rows[0].circles] == pytest.approx([140.4, 156.4, 172.4, 188.4])
    assert "difficulty" not in {row.key for row in old.rows}

    for measure, paper in ((PHQ9, "letter"), (GAD7, "a4")):
        plan = measure_plan(measure, paper)
        keys = [row.key for row in plan.rows]
        assert keys[measure.items] == "difficulty" and keys[measure.items + 1] == "date:day:tens"
        closing = plan.rows[measure.items]
        assert [c.value for c in closing.circles] == [0, 1, 2, 3]
        bottom = plan.corners[2][1]  # the bottom corner marks' top edge
        assert max(row.y + row.circles[0].r for row in plan.rows) < bottom - 10
    custom = MeasureDefinition(id="SLEEP-4", title="Sleep", items=4, item_max=3)
    assert "difficulty" not in {row.key for row in measure_plan(custom, "a4").rows}


# --- the scannable page -----------------------------------------------------------------


@pytest.mark.slow
def test_the_scannable_pages_fit_one_page_with_their_words(made: Path) -> None:
    for name in ("phq9-a4.pdf", "phq9-letter.pdf", "gad7-letter.pdf", "sleep-a4.pdf"):
        assert pages_of(made / name) == 1, name
    phq = text_of(made / "phq9-letter.pdf")
    for words in ("Not at all", "Several", "half the", "Nearly", "every day",
                  "how difficult have these problems made it for you",
                  "0 = Not difficult at all", "3 = Extremely", "If you need help now.",
                  "go to the nearest emergency department", "Spitzer", "Kroenke", "free to reproduce"):  # fmt: skip
        assert words in phq, words
    assert "Spitzer" in text_of(made / "gad7-letter.pdf")
    custom = text_of(made / "sleep-a4.pdf")
    assert "If you need help now." in custom
    assert "Spitzer" not in custom and "Not at all" not in custom and "difficult" not in custom
    # Circles that would run into the foot (crisis box, corner marks) are never printed.
    args = ["worksheet", "long-12", "--scannable", "--paper", "letter", "-o", made / "long.pdf"]
    long = invoke(*args, "--project", made / "practice", catch=True)
    assert long.exit_code == 1 and "too many items for one scannable page" in long.output
    assert not (made / "long.pdf").exists()


def bands(plan: PagePlan) -> list[tuple[Row, float, float]]:
    """Each row with its band's top and bottom (mm): half-way to the nearest rows, at most
    two radii, as the mark reader looks."""
    out = []
    for row in plan.rows:
        r = row.circles[0].r
        above = [row.y - other.y for other in plan.rows if other.y < row.y]
        below = [other.y - row.y for other in plan.rows if other.y > row.y]
        up = min(above) / 2 if above else 2 * r
        down = min(below) / 2 if below else 2 * r
        out.append((row, row.y - min(up, 2 * r), row.y + min(down, 2 * r)))
    return out


@pytest.mark.slow
@pytest.mark.parametrize("name", ["phq9-letter.pdf", "gad7-letter.pdf"])
def test_nothing_but_the_circles_is_printed_in_a_rows_band(made: Path, name: str) -> None:
    measure = PHQ9 if name.startswith("phq9") else GAD7
    plan = measure_plan(measure, "letter")
    image = rasterised(made / name)
    k = DPI / 25.4
    ink = image < 160
    for row, top, bottom in bands(plan):
        r = row.circles[0].r
        x0, x1 = row.circles[0].x - 1.5 * r - 0.5, row.circles[-1].x + 1.5 * r + 0.5
        ys, xs = np.mgrid[round((top - 0.5) * k) : round((bottom + 0.5) * k),
                          round(x0 * k) : round(x1 * k)]  # fmt: skip
        printed = np.zeros(ys.shape, dtype=bool)
        for circle in row.circles:  # the circle, its outline and its light digit
            printed |= np.hypot(xs / k - circle.x, ys / k - circle.y) <= circle.r + 0.6
        stray = ink[ys, xs] & ~printed
        assert not stray.any(), (row.key, int(stray.sum()))
    first = plan.rows[0]
    above = ink[round((first.y - 19) * k) : round((first.y - 8.5) * k),
                round((first.circles[0].x - 7) * k) : round((first.circles[-1].x + 7) * k)]  # fmt: skip
    assert above.sum() > 200  # the answer words are there, above the band


# --- scans read back with the closing question ----------------------------------------------


def filled(image: np.ndarray, plan: PagePlan, marks: dict[str, list[int]]) -> np.ndarray:
    """The page with, on each row named in `marks`, the circles of those values filled."""
    page = image.copy()
    k = DPI / 25.4
    for row in plan.rows:
        for circle in row.circles:
            if circle.value in marks.get(row.key, []):
                centre = (round(circle.x * k), round(circle.y * k))
                cv2.circle(page, centre, round(circle.r * k * 0.9), 25, -1)
    return page


def importing(run: Run, root: Path, *args: str | Path) -> Result:
    result = run("import", *args, "--project", root, "--as-of", AS_OF)
    assert "Traceback" not in result.output
    return result


def new_measures(root: Path, before: set[Path]) -> list[dict[str, object]]:
    files = set((root / "goalsheets" / "C-0001" / "entries").glob("*.yaml")) - before
    return [m for f in sorted(files) for m in yaml.safe_load(f.read_text())["measures"]]


@pytest.fixture
def practice(made: Path, tmp_path: Path) -> Path:
    root = tmp_path / "practice"
    subprocess.run(["cp", "-r", made / "practice", root], check=True)
    return root


@pytest.mark.slow
def test_a_scan_records_the_difficulty_answer_and_a_doubt_about_it_leaves_it_out(
    made: Path, practice: Path, run: Run, tmp_path: Path
) -> None:
    plan = measure_plan(PHQ9, "a4")
    blank = rasterised(made / "phq9-a4.pdf")
    marks = {f"item{n}": [a] for n, a in enumerate(ANSWERS, start=1)}
    dated = {"date:day:tens": [1], "date:day:units": [2], "date:month:tens": [1],
             "date:month:units": [1]}  # fmt: skip
    page = tmp_path / "phq9-scan.png"
    cv2.imwrite(str(page), filled(blank, plan, {**marks, **dated, "difficulty": [2]}))
    entries = practice / "goalsheets" / "C-0001" / "entries"
    before = set(entries.glob("*.yaml"))

    result = importing(run, practice, page)

    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("CRITICAL C-0001: PHQ-9 item 9: 1 (Several days)")
    (entry,) = new_measures(practice, before)
    assert entry["answers"] == ANSWERS and entry["difficulty"] == 2
    assert str(entry["date"]) == "2026-11-12"
    assert run("check", "--project", practice, "--as-of", AS_OF).exit_code in (0, 1)
    assert "GS201" not in run("check", "--project", practice, "--as-of", AS_OF).output

    doubt = tmp_path / "phq9-two-difficulties.png"
    dated = {**dated, "date:day:units": [3]}  # 13 November
    cv2.imwrite(str(doubt), filled(blank, plan, {**marks, **dated, "difficulty": [1, 3]}))
    before = set(entries.glob("*.yaml"))
    second = importing(run, practice, doubt)
    (entry,) = new_measures(practice, before)
    assert entry["answers"] == ANSWERS and "difficulty" not in entry
    assert "the difficulty question" in second.stdout and "not scored" in second.stdout


# --- the fillable PDF ---------------------------------------------------------------------


@pytest.mark.slow
def test_each_item_is_one_radio_group_of_four(made: Path) -> None:
    pdf = made / "phq9-fillable.pdf"
    fields = PdfReader(pdf).get_fields() or {}
    for name in [f"phq9_i{n}" for n in range(1, 10)] + ["phq9_difficulty"]:
        group = fields[name]
        assert group["/FT"] == "/Btn" and int(group["/Ff"]) & (1 << 15), name  # a radio group
        assert len(group["/Kids"]) == 4, name
        states = {s for kid in group["/Kids"] for s in kid.get_object()["/AP"]["/N"]}
        assert states == {"/0", "/1", "/2", "/3"}, name
    assert not [name for name in fields if "." in name or "_i9_" in name]  # no fields in fields
    assert subprocess.run(["qpdf", "--check", pdf], capture_output=True).returncode == 0


def radio_values(answers: list[int | None], difficulty: int, prefix: str = "/") -> dict[str, str]:
    values = {f"phq9_i{n}": f"{prefix}{a}" for n, a in enumerate(answers, 1) if a is not None}
    return values | {"phq9_difficulty": f"{prefix}{difficulty}"}


@pytest.mark.slow
@pytest.mark.parametrize("filler", ["pypdf", "pdftk"])
def test_a_filled_radio_form_imports_with_its_difficulty(
    made: Path, practice: Path, run: Run, tmp_path: Path, filler: str
) -> None:
    blank = made / "phq9-fillable.pdf"
    out = tmp_path / f"{filler}.pdf"
    if filler == "pypdf":
        pf.fill(blank, out, radio_values(ANSWERS, 3) | {"phq9_date": "12 Nov 2026"})
    else:
        pf.fill_pdftk(blank, out, radio_values(ANSWERS, 3, "") | {"phq9_date": "12/11/2026"})
    assert subprocess.run(["qpdf", "--check", out], capture_output=True).returncode == 0
    before = set((practice / "goalsheets" / "C-0001" / "entries").glob("*.yaml"))

    result = importing(run, practice, out)

    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("CRITICAL C-0001: PHQ-9 item 9: 1 (Several days)")
    assert "PHQ-9 on 2026-11-12: 11 (moderate)" in result.stdout
    (entry,) = new_measures(practice, before)
    assert entry["answers"] == ANSWERS and entry["difficulty"] == 3
    again = importing(run, practice, out)
    assert again.exit_code == 0 and new_measures(practice, before) == [entry]  # nothing added


@pytest.mark.slow
def test_item_9_left_without_a_choice_is_asked_about(
    made: Path, practice: Path, run: Run, tmp_path: Path
) -> None:
    out = pf.fill(made / "phq9-fillable.pdf", tmp_path / "blank9.pdf",
                  radio_values([*ANSWERS[:8], None], 0) | {"phq9_date": "2026-11-12"})  # fmt: skip
    result = importing(run, practice, out)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("CRITICAL C-0001: PHQ-9 item 9: not answered, on 2026-11-12.")


@pytest.mark.slow
def test_two_ticks_on_item_9_of_an_old_tick_box_form_are_asked_never_dropped(
    practice: Path, run: Run, tmp_path: Path
) -> None:
    old = REPO / "tests" / "data" / "forms-v1" / "phq9-C-0001-ticks.pdf"
    ticks = {f"phq9_i{n}_{a}": "/on" for n, a in enumerate(ANSWERS[:8], start=1)}
    ticks |= {"phq9_i9_0": "/on", "phq9_i9_2": "/on", "phq9_difficulty_1": "/on"}
    out = pf.fill(old, tmp_path / "two-ticks.pdf", ticks | {"phq9_date": "2026-11-12"})
    entries = practice / "goalsheets" / "C-0001" / "entries"
    before = set(entries.glob("*.yaml"))

    result = importing(run, practice, out)
    forced = importing(run, practice, out, "--skip-invalid")

    assert result.exit_code == 1
    assert result.stdout.startswith(
        "CRITICAL C-0001: PHQ-9 item 9: unclear, on 2026-11-12. item 9 could not be read: ask"
    )
    assert "two answers are ticked (0 and 2)" in result.stdout
    assert forced.stdout.startswith("CRITICAL C-0001: PHQ-9 item 9: unclear")
    assert set(entries.glob("*.yaml")) == before  # held back, even with --skip-invalid


# --- check ------------------------------------------------------------------------------


def test_check_names_a_difficulty_the_measure_cannot_have(project: Project, run: Run) -> None:
    project.write("goalsheet.yaml", CUSTOM)
    project.entries(
        "measures:\n"
        "  - {date: 2026-11-12, measure: PHQ-9, answers: [0, 0, 0, 0, 0, 0, 0, 0, 0],\n"
        "     difficulty: 4}\n"
        "  - {date: 2026-11-12, measure: SLEEP-4, answers: [0, 1, 0, 1], difficulty: 1}\n"
    )
    result = run("check", "--project", project.root, "--as-of", AS_OF)
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "GS201" in line]
    assert any("e2.yaml:3:" in line and "difficulty 4 is outside the answers 0 to 3" in line
               for line in lines), result.output  # fmt: skip
    assert any("e2.yaml:4:" in line and "SLEEP-4 has no difficulty question" in line
               for line in lines), result.output  # fmt: skip
