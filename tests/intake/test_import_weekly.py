"""A filled weekly log (the fillable PDF, filled with pypdf) imports into `weeks:`: each
row's numbers under its week's Monday; words listed, not stored; wrong numbers and dates
named, with nothing written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from helpers import pdffill as pf
from helpers.cli import Run
from helpers.scan_pages import cli

CLIENT = "C-0142"  # mood (1-10), outings (count), relax (minutes), exercise (yes/no)


@pytest.fixture(scope="module")
def form(demo: Path) -> Path:
    out = demo / "weekly-log.pdf"
    result = cli(demo, "worksheet", "weekly-log", "--client", CLIENT, "--fillable", "-o", out)
    assert result.exit_code == 0, result.output
    return out


def entries(root: Path) -> set[Path]:
    return set((root / "goalsheets" / CLIENT / "entries").glob("*.yaml"))


@pytest.mark.slow
def test_a_filled_weekly_log_imports_as_weeks(demo: Path, form: Path, tmp_path: Path) -> None:
    filled = pf.fill(form, tmp_path / "filled.pdf", {
        "w1_week_start": "2/11/2026", "w1_mood": "5,5", "w1_outings": "3", "w1_relax": "2h 20",
        "w1_exercise": "4", "w1_what_noticed": "Better after the walk on Saturday",
        "w2_week_start": "11/11/2026", "w2_mood": "6",
    })  # fmt: skip
    before = entries(demo)
    result = cli(demo, "import", filled, "--as-of", "2026-11-20")
    assert result.exit_code == 0, result.output
    assert "stored as the week of Monday 2026-11-09" in result.output  # the 11th: a Wednesday
    assert "words are not stored: Better after the walk on Saturday" in result.output
    (new,) = entries(demo) - before
    data = yaml.safe_load(new.read_text(encoding="utf-8"))
    assert data["weeks"] == {
        dt.date(2026, 11, 2): {"mood": 5.5, "outings": 3, "relax": 140, "exercise": 4},
        dt.date(2026, 11, 9): {"mood": 6},
    }
    again = cli(demo, "import", filled, "--as-of", "2026-11-20")
    assert again.exit_code == 0 and "nothing new to import" in again.output
    report = cli(demo, "report", CLIENT, "--format", "json", "--as-of", "2026-11-20")
    assert report.exit_code == 0, report.output
    assert '"logged": true' in report.output or '"logged_weeks"' in report.output


@pytest.mark.slow
@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ({"w1_week_start": "2/11/2026", "w1_exercise": "8"}, "not a number of days from 0 to 7"),
        ({"w1_week_start": "2/11/2026", "w1_mood": "11"}, "outside the scale"),
        ({"w1_week_start": "2/11/2026", "w1_outings": "2.5"}, "not a whole number"),
        ({"w1_week_start": "2/11/2026", "w1_relax": "lots"}, "not a number of minutes"),
        ({"w1_mood": "5"}, "no 'Week starting' date"),
        ({"w1_week_start": "31/02/2026", "w1_mood": "5"}, "not a real date"),
        ({"w1_week_start": "7/12/2026", "w1_mood": "5"}, "is after today"),
    ],
)
def test_wrong_numbers_and_dates_write_nothing(
    demo: Path, form: Path, tmp_path: Path, cells: dict[str, str], message: str
) -> None:
    filled = pf.fill(form, tmp_path / "wrong.pdf", cells)
    before = entries(demo)
    result = cli(demo, "import", filled, "--as-of", "2026-11-20")
    assert result.exit_code == 1, result.output
    assert message in result.output, result.output
    assert "Traceback" not in result.output
    assert entries(demo) == before


def test_a_client_who_keeps_only_a_weekly_log_hears_about_it_in_plain_words(
    tmp_path: Path, run: Run
) -> None:
    from helpers.project import CLIENT as ONE_CLIENT
    from helpers.project import Project

    practice = Project(tmp_path / "practice")
    practice.write("goalsheet.yaml", "practice: {name: Test Practice}\n")
    practice.client(ONE_CLIENT)
    practice.entries("""\
        weeks:
          2026-10-26: {walked: 1, mood: 4}
          2026-11-02: {walked: 2, mood: 5}
          2026-11-09: {walked: 3, mood: 6.5}
        """)  # fmt: skip
    out = tmp_path / "client.html"
    result = run("report", "C-0001", "--audience", "client", "--format", "html", "-o", out,
                 "--project", practice.root, "--as-of", "2026-11-16", catch=True)  # fmt: skip
    assert result.exit_code == 0, result.output
    text = " ".join(out.read_text(encoding="utf-8").split())
    assert "went for a walk: about 1 day a week at the start, about 3 days a week lately" in text
    assert "Mood: about 4 out of 10 at the start, about 7 out of 10 lately" in text
    stale = tmp_path / "stale.html"
    result = run("report", "C-0001", "--audience", "client", "--format", "html", "-o", stale,
                 "--project", practice.root, "--as-of", "2027-01-20", catch=True)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "lately" not in stale.read_text(encoding="utf-8")  # the last log is weeks old
