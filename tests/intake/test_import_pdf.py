"""`goalsheet import` of filled PDFs, end to end: forms filled by pypdf, by pdftk-java (a
Java program fed XFDF), saved as an incremental update, redrawn by qpdf, or with a checkbox
whose on-state is /Yes. Each value is looked for in the new entries file, in the report
and past `check`. Then re-imports and conflicts, partial and blank forms, dry runs, wrong
values and dates, and bad files: each ends with exit 1, a clear message and nothing
written under goalsheets/, in bounded time and without a traceback.

The forms are made once for the module (about a second each); every test fills copies in
its own folder. All names and answers are fictional.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result
from pypdf import PdfReader, PdfWriter

from helpers import pdffill as pf
from helpers.cli import invoke
from helpers.project import CLIENT, ENTRIES, REPO, Project

pytestmark = pytest.mark.slow  # every test here takes more than ~2 s

TICK_BOXES = REPO / "tests" / "data" / "forms-v1"  # C-0001's PHQ-9 and GAD-7

Run = Callable[..., Result]
Snapshot = dict[str, bytes]

AS_OF = "2026-11-20"
START = "2026-11-09"  # a Monday; the diary covers 9 to 15 November 2026
GOALSHEET = Path(sys.executable).with_name("goalsheet")
# The forms are made for a client who also counts calls to a friend. A test that wants a
# client who has since dropped that tracker writes the conftest CLIENT back.
COUNTING = CLIENT + "  - {id: calls, label: Calls to a friend, kind: count}\n"
ENTRY_NAME = re.compile(
    r"goalsheets/C-0001/entries/\d{4}-\d\d-\d\d-import-[a-z0-9-]+-[0-9a-f]{8}(-\d+)?\.yaml"
)


def day(number: int) -> dt.date:
    return dt.date(2026, 11, number)


# --- the forms, made once ----------------------------------------------------------


@dataclass(frozen=True)
class Forms:
    diary: Path  # C-0001's diary for the week of Mon 9 Nov: mood (1-10), walked, calls
    phq9: Path
    gad7: Path
    review: Path  # a session review with a 0-10 "how close" rating of the goal `walks`
    blank: Path  # the blank daily diary: 28 rows, each with a date to write in


@pytest.fixture(scope="module")
def forms(tmp_path_factory: pytest.TempPathFactory) -> Forms:
    pf.require_tools()
    folder = tmp_path_factory.mktemp("forms")
    maker = Project(folder / "practice")
    maker.write("goalsheet.yaml", "practice: {name: Test Practice}\n")
    maker.client(COUNTING)
    maker.entries(ENTRIES, name="e1.yaml")

    def make(name: str, *args: str) -> Path:
        out = folder / name
        result = invoke(*args, "--fillable", "-o", out, "--project", maker.root)
        assert result.exit_code == 0, result.output
        return out

    client = ("--client", "C-0001")
    return Forms(
        diary=make("diary.pdf", "diary", *client, "--weeks", "1", "--start", START),
        # Made before questionnaires had radio groups: a tick box per answer still imports
        # (test_forms_measures.py fills today's radio groups).
        phq9=TICK_BOXES / "phq9-C-0001-ticks.pdf",
        gad7=TICK_BOXES / "gad7-C-0001-ticks.pdf",
        review=make("review.pdf", "worksheet", "session-review", *client),
        blank=make("blank.pdf", "worksheet", "daily-diary"),
    )


@pytest.fixture
def practice(project: Project) -> Project:
    """The conftest project, its client given the `calls` tracker the forms were made with."""
    project.client(COUNTING)
    return project


# --- helpers ---------------------------------------------------------------------------


def snapshot(root: Path) -> Snapshot:
    """Every file under goalsheets/ (hidden and temporary ones too), by relative path."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted((root / "goalsheets").rglob("*"))
        if p.is_file()
    }


def importing(run: Run, practice: Project, *args: str | Path) -> Result:
    extra = () if "--as-of" in args else ("--as-of", AS_OF)
    result = run("import", *args, "--project", practice.root, *extra)
    assert "Traceback" not in result.output
    return result


def created(practice: Project, before: Snapshot) -> dict[str, dict[str, Any]]:
    """The entries files an import added, parsed. Checks no earlier file changed and each
    new one is readable by its owner only."""
    after = snapshot(practice.root)
    for name, data in before.items():
        assert after.get(name) == data, f"{name} was changed or removed"
    new = {}
    for name in sorted(set(after) - set(before)):
        assert ENTRY_NAME.fullmatch(name), name
        assert stat.S_IMODE((practice.root / name).stat().st_mode) == 0o600, name
        data = yaml.safe_load(after[name])
        assert isinstance(data, dict)
        new[name] = data
    return new


def one(files: dict[str, dict[str, Any]]) -> dict[str, Any]:
    assert len(files) == 1, sorted(files)
    return next(iter(files.values()))


def by_form(files: dict[str, dict[str, Any]], form: str) -> dict[str, Any]:
    (data,) = [d for name, d in files.items() if f"-import-{form}-" in name]
    return data


def nothing_written(practice: Project, before: Snapshot, result: Result) -> None:
    assert snapshot(practice.root) == before
    assert "Traceback" not in result.output


def report(run: Run, practice: Project) -> dict[str, Any]:
    args = ("report", "C-0001", "--format", "json", "--as-of", AS_OF)
    result = run(*args, "--project", practice.root)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


def trend(data: dict[str, Any], tracker: str) -> dict[str, Any]:
    (found,) = [t for t in data["trends"] if t["tracker"] == tracker]
    assert isinstance(found, dict)
    return found


def check_is_clean(run: Run, practice: Project) -> None:
    result = run("check", "--project", practice.root, "--as-of", AS_OF)
    assert re.search(r"(^|\s)0 errors, ", result.output), result.output
    assert "Traceback" not in result.output


def ticks(prefix: str, answers: list[int]) -> dict[str, str]:
    """The checkbox of each answer on a questionnaire, ticked the pypdf way."""
    return {f"{prefix}_i{item}_{value}": "/on" for item, value in enumerate(answers, start=1)}


def field_value(pdf: Path, name: str) -> Any:
    fields = PdfReader(pdf).get_fields() or {}
    return fields[name].get("/V")


# --- 1. filled with pypdf: entries, report and check ---------------------------------

DIARY = {
    "d_2026-11-09_mood": "4",
    "d_2026-11-09_walked": "/on",
    "d_2026-11-09_calls": "2",
    "d_2026-11-10_mood": "7",
    "d_2026-11-10_calls": "0",
    "d_2026-11-11_mood": "8",
    "d_2026-11-11_walked": "/on",
}
DIARY_ENTRIES = {
    day(9): {"mood": 4, "walked": True, "calls": 2},
    day(10): {"mood": 7, "walked": False, "calls": 0},  # unticked on a filled day: no
    day(11): {"mood": 8, "walked": True},  # calls left blank: nothing, not 0
}
PHQ9 = [1, 2, 0, 3, 1, 1, 2, 0, 0]  # total 10
GAD7 = [2, 1, 1, 0, 2, 1, 0]  # total 7
REVIEW = {
    "review_date": "Tue 17 Nov",
    "progress": "Walked twice this week",
    "helped": "Going with a neighbour",
    "in_the_way": "Rainy days",
    "next_step": "Try the longer loop by the pond",
    "feedback": "Sessions feel useful",
}


def test_pypdf_filled_forms_reach_entries_report_and_check(
    forms: Forms, practice: Project, run: Run, tmp_path: Path
) -> None:
    diary = pf.fill(forms.diary, tmp_path / "diary-filled.pdf", DIARY)
    phq9 = pf.fill(
        forms.phq9,
        tmp_path / "phq9-filled.pdf",
        {**ticks("phq9", PHQ9), "phq9_date": "12 Nov 2026", "phq9_total": "10"},
    )
    gad7 = pf.fill(
        forms.gad7, tmp_path / "gad7-filled.pdf", {**ticks("gad7", GAD7), "gad7_date": "2026-11-13"}
    )
    review = pf.fill(forms.review, tmp_path / "review-filled.pdf", REVIEW)
    before = snapshot(practice.root)

    result = importing(run, practice, diary, phq9, gad7, review)

    assert result.exit_code == 0, result.output
    files = created(practice, before)
    assert len(files) == 4, result.output
    entries = by_form(files, "daily-diary")
    assert entries["diary"] == DIARY_ENTRIES
    assert "diary-filled.pdf" in entries["source"]
    assert by_form(files, "phq-9")["measures"] == [
        {"date": day(12), "measure": "PHQ-9", "answers": PHQ9}
    ]
    assert by_form(files, "gad-7")["measures"] == [
        {"date": day(13), "measure": "GAD-7", "answers": GAD7}
    ]
    assert by_form(files, "session-review")["reviews"] == [
        {
            "date": day(17),
            "progress": "Walked twice this week",
            "helped": "Going with a neighbour",
            "in_the_way": "Rainy days",
            "next": "Try the longer loop by the pond",
            "feedback": "Sessions feel useful",
        }
    ]

    data = report(run, practice)
    scores = {(m["measure"], m["date"]): m["total"] for m in data["measures"]}
    assert scores == {("PHQ-9", "2026-11-12"): 10, ("GAD-7", "2026-11-13"): 7}
    mood = trend(data, "mood")
    assert mood["by_weekday"] == {"Mon": 4.0, "Tue": 7.0, "Wed": 8.0, "Sun": 5.0}  # Sun: e1.yaml
    assert mood["days"] == 4
    walked = trend(data, "walked")
    assert walked["by_weekday"] == {"Mon": 1.0, "Tue": 0.0, "Wed": 1.0, "Sun": 1.0}
    assert trend(data, "calls")["days"] == 2
    assert data["review"]["last"] == "2026-11-17"
    (latest,) = [r for r in data["reviews"] if r["date"] == "2026-11-17"]
    assert latest["progress"] == "Walked twice this week"
    assert latest["next"] == "Try the longer loop by the pond"
    check_is_clean(run, practice)


# --- 2-5. other fillers and savers -------------------------------------------------------

PDFTK_DIARY = {
    "d_2026-11-12_mood": "8",  # a choice field
    "d_2026-11-12_walked": "on",  # a checkbox, by its on-state's name
    "d_2026-11-13_mood": "3",
    "d_2026-11-13_calls": "1",  # a text field
}
PDFTK_ENTRIES = {
    day(12): {"mood": 8, "walked": True},
    day(13): {"mood": 3, "walked": False, "calls": 1},
}
PDFTK_PHQ9 = [0, 1, 1, 0, 0, 1, 0, 0, 0]  # total 3


def test_pdftk_filled_forms_import(
    forms: Forms, practice: Project, run: Run, tmp_path: Path
) -> None:
    diary = pf.fill_pdftk(forms.diary, tmp_path / "diary-pdftk.pdf", PDFTK_DIARY)
    phq9_values = {name: "on" for name in ticks("phq9", PDFTK_PHQ9)} | {"phq9_date": "16/11/2026"}
    phq9 = pf.fill_pdftk(forms.phq9, tmp_path / "phq9-pdftk.pdf", phq9_values)
    # pdftk wrote the values (and kept goalsheet's form map)
    assert field_value(diary, "d_2026-11-12_mood") == "8"
    assert field_value(diary, "d_2026-11-12_walked") == "/on"
    assert pf.manifest(diary)["client"] == "C-0001"
    before = snapshot(practice.root)

    result = importing(run, practice, diary, phq9)

    assert result.exit_code == 0, result.output
    files = created(practice, before)
    assert by_form(files, "daily-diary")["diary"] == PDFTK_ENTRIES
    assert by_form(files, "phq-9")["measures"] == [
        {"date": day(16), "measure": "PHQ-9", "answers": PDFTK_PHQ9}
    ]
    data = report(run, practice)
    assert {"measure": "PHQ-9", "date": "2026-11-16", "total": 3}.items() <= data["measures"][
        0
    ].items()
    assert trend(data, "mood")["by_weekday"] == {"Thu": 8.0, "Fri": 3.0, "Sun": 5.0}
    check_is_clean(run, practice)


def test_incremental_update_imports_the_final_value(
    forms: Forms, practice: Project, run: Run, tmp_path: Path
) -> None:
    first = pf.fill(
        forms.diary,
        tmp_path / "first-save.pdf",
        {"d_2026-11-09_mood": "4", "d_2026-11-09_walked": "/on"},
    )
    final = pf.fill_incremental(
        first,
        tmp_path / "second-save.pdf",
        {"d_2026-11-09_mood": "6", "d_2026-11-10_walked": "/on"},
    )
    # a true incremental update: the first save is still there, byte for byte, and the
    # first value with it; only the final one must count
    old, new = first.read_bytes(), final.read_bytes()
    assert new.startswith(old) and len(new) > len(old)
    assert new.count(b"%%EOF") == old.count(b"%%EOF") + 1
    assert field_value(final, "d_2026-11-09_mood") == "6"
    before = snapshot(practice.root)

    result = importing(run, practice, final)

    assert result.exit_code == 0, result.output
    assert one(created(practice, before))["diary"] == {
        day(9): {"mood": 6, "walked": True},
        day(10): {"walked": True},
    }


def test_appearances_regenerated_by_qpdf(
    forms: Forms, practice: Project, run: Run, tmp_path: Path
) -> None:
    filled = pf.fill_pdftk(forms.diary, tmp_path / "diary-pdftk.pdf", PDFTK_DIARY)
    redrawn = pf.generate_appearances(filled, tmp_path / "diary-redrawn.pdf")
    assert redrawn.read_bytes() != filled.read_bytes()
    before = snapshot(practice.root)

    result = importing(run, practice, redrawn)

    assert result.exit_code == 0, result.output
    assert one(created(practice, before))["diary"] == PDFTK_ENTRIES


def test_checkbox_whose_on_state_is_yes(
    forms: Forms, practice: Project, run: Run, tmp_path: Path
) -> None:
    ticked = pf.tick_as(forms.diary, tmp_path / "yes.pdf", "d_2026-11-12_walked", "Yes")
    filled = pf.fill(ticked, tmp_path / "yes-filled.pdf", {"d_2026-11-13_mood": "6"})
    walked = (PdfReader(filled).get_fields() or {})["d_2026-11-12_walked"]
    assert walked["/V"] == "/Yes" and "/on" not in walked["/_States_"]
    before = snapshot(practice.root)

    result = importing(run, practice, filled)

    assert result.exit_code == 0, result.output
    assert one(created(practice, before))["diary"] == {
        day(12): {"walked": True},
        day(13): {"mood": 6, "walked": False},
    }


# --- 6. twice, and conflicts -------------------------------------------------------------

FIRST = {"d_2026-11-09_mood": "4", "d_2026-11-10_mood": "6"}
SECOND = {"d_2026-11-09_mood": "5", "d_2026-11-10_mood": "6", "d_2026-11-11_mood": "8"}


def test_importing_the_same_form_twice_adds_nothing(
    forms: Forms, practice: Project, run: Run, tmp_path: Path
) -> None:
    filled = pf.fill(forms.diary, tmp_path / "first.pdf", FIRST)
    assert importing(run, practice, filled).exit_code == 0
    before = snapshot(practice.root)

    again = importing(run, practice, filled)

    assert again.exit_code == 0, again.output
    assert "nothing new to import" in again.output
    nothing_written(practice, before, again)


def _conflicting(forms: Forms, practice: Project, run: Run, tmp_path: Path) -> Path:
    """Import FIRST, then try SECOND (mood 5 where 4 is recorded): blocked, nothing written."""
    first = pf.fill(forms.diary, tmp_path / "first.pdf", FIRST)
    second = pf.fill(forms.diary, tmp_path / "second.pdf", SECOND)
    assert importing(run, practice, first).exit_code == 0
    before = snapshot(practice.root)
    result = importing(run, practice, second)
    assert result.exit_code == 1, result.output
    assert "conflict: Mood on 2026-11-09: recorded 4, this file says 5" in result.output
    assert "--prefer new" in result.output and "--prefer old" in result.output
    nothing_written(practice, before, result)
    return second


def test_conflict_then_prefer_new(
    forms: Forms, practice: Project, run: Run, tmp_path: Path
) -> None:
    second = _conflicting(forms, practice, run, tmp_path)
    before = snapshot(practice.root)

    result = importing(run, practice, second, "--prefer", "new")

    assert result.exit_code == 0, result.output
    assert "Mood on 2026-11-09: 4 -> 5" in result.output
    entries = one(created(practice, before))
    assert entries["corrects"] is True
    assert entries["diary"] == {day(9): {"mood": 5}, day(11): {"mood": 8, "walked": False}}
    assert trend(report(run, practice), "mood")["by_weekday"] == {
        "Mon": 5.0,
        "Tue": 6.0,
        "Wed": 8.0,
        "Sun": 5.0,
    }
    check_is_clean(run, practice)
    after = snapshot(practice.root)
    again = importing(run, practice, second)
    assert again.exit_code == 0 and "nothing new to import" in again.output
    nothing_written(practice, after, again)


def test_conflict_then_prefer_old(
    forms: Forms, practice: Project, run: Run, tmp_path: Path
) -> None:
    second = _conflicting(forms, practice, run, tmp_path)
    before = snapshot(practice.root)

    result = importing(run, practice, second, "--prefer", "old")

    assert result.exit_code == 0, result.output
    assert "kept (--prefer old): Mood on 2026-11-09: 4" in result.output
    entries = one(created(practice, before))
    assert "corrects" not in entries
    assert entries["diary"] == {day(11): {"mood": 8, "walked": False}}
    assert trend(report(run, practice), "mood")["by_weekday"]["Mon"] == 4.0
    check_is_clean(run, practice)


# --- 7. partial forms --------------------------------------------------------------------


def test_partial_diary_adds_only_what_was_filled(
    forms: Forms, practice: Project, run: Run, tmp_path: Path
) -> None:
    filled = pf.fill(forms.diary, tmp_path / "partial.pdf", {"d_2026-11-10_mood": "7"})
    before = snapshot(practice.root)

    result = importing(run, practice, filled)

    assert result.exit_code == 0, result.output
    # one day; its unticked box is "no"; its blank count and the other six days add nothing
    assert one(created(practice, before))["diary"] == {day(10): {"mood": 7, "walked": False}}


def test_partial_questionnaire_keeps_blanks_unanswered(
    forms: Forms, practice: Project, run: Run, tmp_path: Path
) -> None:
    values = ticks("phq9", [2, 1, 0, 1]) | {"phq9_date": "2026-11-14"}  # items 5-9 blank
    filled = pf.fill(forms.phq9, tmp_path / "phq9-partial.pdf", values)
    before = snapshot(practice.root)

    result = importing(run, practice, filled)

    assert result.exit_code == 0, result.output
    assert one(created(practice, before))["measures"] == [
        {"date": day(14), "measure": "PHQ-9", "answers": [2, 1, 0, 1, None, None, None, None, None]}
    ]
    check_is_clean(run, practice)


# --- 8. dry run and JSON -----------------------------------------------------------------


def test_dry_run_lists_and_writes_nothing(
    forms: Forms, practice: Project, run: Run, tmp_path: Path
) -> None:
    filled = pf.fill(forms.diary, tmp_path / "diary-filled.pdf", DIARY)
    before = snapshot(practice.root)

    text = importing(run, practice, filled, "--dry-run")
    as_json = importing(run, practice, filled, "--dry-run", "--format", "json")

    assert text.exit_code == 0, text.output
    assert "would add 8 values" in text.output and "Dry run: nothing was written." in text.output
    assert "3 days of mood" in text.output and "3 days of walked" in text.output
    assert as_json.exit_code == 0, as_json.output
    data = json.loads(as_json.stdout)
    assert data["dry_run"] is True and data["written"] == [] and data["blocked"] is False
    (file,) = data["files"]
    added = {(a["label"], json.dumps(a["value"])) for a in file["added"]}
    assert ("Mood on 2026-11-09", "4") in added and (
        "Calls to a friend on 2026-11-10",
        "0",
    ) in added
    assert ("Went for a walk on 2026-11-10", "false") in added and len(added) == 8
    nothing_written(practice, before, text)


def test_json_output_of_a_real_import(
    forms: Forms, practice: Project, run: Run, tmp_path: Path
) -> None:
    filled = pf.fill(forms.diary, tmp_path / "diary-filled.pdf", DIARY)
    before = snapshot(practice.root)

    result = importing(run, practice, filled, "--format", "json")

    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    files = created(practice, before)
    assert data["dry_run"] is False and data["blocked"] is False
    assert data["written"] == list(files) == [data["files"][0]["target"]]
    assert data["files"][0]["client"] == "C-0001" and data["files"][0]["errors"] == []


# --- 9. blank forms ----------------------------------------------------------------------

BLANK = {
    "day1_date": "Mon 9 Nov",  # no year: the latest 9 November on or before --as-of
    "d_day1_mood": "5",
    "day2_date": "10/11/2026",  # day first (the practice's locale is en_GB)
    "d_day2_mood": "6",
    "day3_date": "2026-11-11",
    "d_day3_mood": "7",
    "d_day3_notes": "Rain all day",  # a tracker this client does not have
}


def test_blank_form_needs_client(forms: Forms, practice: Project, run: Run, tmp_path: Path) -> None:
    filled = pf.fill(forms.blank, tmp_path / "blank-filled.pdf", BLANK)
    assert pf.manifest(filled)["client"] is None
    before = snapshot(practice.root)

    result = importing(run, practice, filled)

    assert result.exit_code == 1, result.output
    assert "blank form" in result.output and "--client" in result.output
    nothing_written(practice, before, result)


def test_blank_form_with_client_uses_the_written_dates(
    forms: Forms, practice: Project, run: Run, tmp_path: Path
) -> None:
    filled = pf.fill(forms.blank, tmp_path / "blank-filled.pdf", BLANK)
    before = snapshot(practice.root)

    result = importing(run, practice, filled, "--client", "C-0001")

    assert result.exit_code == 0, result.output
    assert "left out" in result.output and "notes" in result.output
    assert one(created(practice, before))["diary"] == {
        day(9): {"mood": 5},
        day(10): {"mood": 6},
        day(11): {"mood": 7},
    }
    check_is_clean(run, practice)


def test_blank_form_for_a_client_that_is_not_there(
    forms: Forms, practice: Project, run: Run, tmp_path: Path
) -> None:
    filled = pf.fill(forms.blank, tmp_path / "blank-filled.pdf", BLANK)
    before = snapshot(practice.root)

    result = importing(run, practice, filled, "--client", "C-0999")

    assert result.exit_code == 1, result.output
    assert "C-0999" in result.output
    nothing_written(practice, before, result)


# --- 10a. wrong values and dates ---------------------------------------------------------


def test_value_out_of_range_and_not_a_number(
    forms: Forms, practice: Project, run: Run, tmp_path: Path
) -> None:
    values = {"d_2026-11-09_mood": "11", "d_2026-11-10_calls": "lots", "d_2026-11-10_mood": "6"}
    filled = pf.fill(forms.diary, tmp_path / "wrong.pdf", values)
    before = snapshot(practice.root)

    blocked = importing(run, practice, filled)

    assert blocked.exit_code == 1, blocked.output
    assert "wrong value" in blocked.output
    assert re.search(r"Mood on 2026-11-09: 11 is outside the scale \(1 to 10\)", blocked.output)
    assert re.search(r"Calls to a friend on 2026-11-10: 'lots' is not a", blocked.output)
    assert "--skip-invalid" in blocked.output
    nothing_written(practice, before, blocked)

    skipped = importing(run, practice, filled, "--skip-invalid")

    assert skipped.exit_code == 0, skipped.output
    assert "wrong value" in skipped.output
    days = one(created(practice, before))["diary"]
    assert days[day(10)]["mood"] == 6
    assert "calls" not in days[day(10)] and "mood" not in days.get(day(9), {})
    assert 11 not in [v for values in days.values() for v in values.values()]


def test_diary_sent_back_before_its_last_day(
    forms: Forms, practice: Project, run: Run, tmp_path: Path
) -> None:
    """Empty days still to come are not wrong values: the filled days import as they are."""
    values = {"d_2026-11-09_mood": "4", "d_2026-11-10_mood": "5"}
    filled = pf.fill(forms.diary, tmp_path / "early.pdf", values)
    before = snapshot(practice.root)

    result = importing(run, practice, filled, "--as-of", "2026-11-10")

    assert result.exit_code == 0, result.output
    assert "has not happened yet" not in result.output
    assert one(created(practice, before))["diary"] == {
        day(9): {"mood": 4, "walked": False},
        day(10): {"mood": 5, "walked": False},
    }


def test_days_after_as_of(forms: Forms, practice: Project, run: Run, tmp_path: Path) -> None:
    values = {"d_2026-11-09_mood": "4", "d_2026-11-10_mood": "5", "d_2026-11-11_mood": "6"}
    filled = pf.fill(forms.diary, tmp_path / "ahead.pdf", values)
    before = snapshot(practice.root)

    blocked = importing(run, practice, filled, "--as-of", "2026-11-10")

    assert blocked.exit_code == 1, blocked.output
    assert "2026-11-11 has not happened yet" in blocked.output
    nothing_written(practice, before, blocked)

    skipped = importing(run, practice, filled, "--as-of", "2026-11-10", "--skip-invalid")

    assert skipped.exit_code == 0, skipped.output
    assert one(created(practice, before))["diary"] == {
        day(9): {"mood": 4, "walked": False},
        day(10): {"mood": 5, "walked": False},
    }


def test_blank_diary_date_outside_its_range(
    forms: Forms, practice: Project, run: Run, tmp_path: Path
) -> None:
    values = {
        "day1_date": "2026-10-05",
        "d_day1_mood": "5",
        "day2_date": "2026-11-16",  # the diary's rows run 5 Oct to 1 Nov
        "d_day2_mood": "6",
    }
    filled = pf.fill(forms.blank, tmp_path / "range.pdf", values)
    before = snapshot(practice.root)

    blocked = importing(run, practice, filled, "--client", "C-0001")

    assert blocked.exit_code == 1, blocked.output
    assert "2026-11-16 is outside the diary's range (2026-10-05 to 2026-11-01)" in blocked.output
    nothing_written(practice, before, blocked)

    skipped = importing(run, practice, filled, "--client", "C-0001", "--skip-invalid")

    assert skipped.exit_code == 0, skipped.output
    assert one(created(practice, before))["diary"] == {dt.date(2026, 10, 5): {"mood": 5}}


def test_questionnaire_dated_in_the_future(
    forms: Forms, practice: Project, run: Run, tmp_path: Path
) -> None:
    values = ticks("phq9", PHQ9) | {"phq9_date": "2026-12-01"}
    filled = pf.fill(forms.phq9, tmp_path / "phq9-future.pdf", values)
    before = snapshot(practice.root)

    result = importing(run, practice, filled)

    assert result.exit_code == 1, result.output
    assert "2026-12-01" in result.output and "not happened yet" in result.output
    nothing_written(practice, before, result)


def test_questionnaire_without_a_date_needs_date_option(
    forms: Forms, practice: Project, run: Run, tmp_path: Path
) -> None:
    filled = pf.fill(forms.phq9, tmp_path / "phq9-undated.pdf", ticks("phq9", PHQ9))
    before = snapshot(practice.root)

    blocked = importing(run, practice, filled)

    assert blocked.exit_code == 1, blocked.output
    assert "has no date" in blocked.output and "--date" in blocked.output
    nothing_written(practice, before, blocked)

    dated = importing(run, practice, filled, "--date", "2026-11-15")

    assert dated.exit_code == 0, dated.output
    assert one(created(practice, before))["measures"] == [
        {"date": day(15), "measure": "PHQ-9", "answers": PHQ9}
    ]


def test_form_from_an_older_template_version(
    forms: Forms, practice: Project, run: Run, tmp_path: Path
) -> None:
    practice.client(CLIENT)  # the client has stopped counting calls since the form was made

    def older(data: dict[str, Any]) -> None:
        data["version"] = 0

    old = pf.with_manifest(forms.diary, tmp_path / "old-version.pdf", older)
    filled = pf.fill(
        old, tmp_path / "old-filled.pdf", {"d_2026-11-09_mood": "5", "d_2026-11-09_calls": "3"}
    )
    before = snapshot(practice.root)

    result = importing(run, practice, filled)

    assert result.exit_code == 0, result.output
    assert "older version" in result.output and "version 0" in result.output
    assert "left out: d_2026-11-09_calls" in result.output and "'calls'" in result.output
    assert one(created(practice, before))["diary"] == {day(9): {"mood": 5, "walked": False}}


def test_all_or_nothing_with_a_file_that_would_not_make_valid_entries(
    forms: Forms, practice: Project, run: Run, tmp_path: Path
) -> None:
    """A good diary and a session review with a goal rating: both
    written, or, while that import is refused, neither."""
    diary = pf.fill(forms.diary, tmp_path / "diary-filled.pdf", DIARY)
    review = pf.fill(forms.review, tmp_path / "review-filled.pdf", REVIEW | {"g1_close": "6"})
    before = snapshot(practice.root)

    result = importing(run, practice, diary, review)

    files = created(practice, before)
    assert (result.exit_code, len(files)) in ((0, 2), (1, 0)), (result.output, sorted(files))


def test_all_or_nothing_across_files(
    forms: Forms, practice: Project, run: Run, tmp_path: Path
) -> None:
    good = pf.fill(forms.diary, tmp_path / "good.pdf", DIARY)
    data = good.read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: len(data) // 2])
    before = snapshot(practice.root)

    result = importing(run, practice, good, cut)

    assert result.exit_code == 1, result.output
    assert "would add 8 values" in result.output and "damaged" in result.output
    nothing_written(practice, before, result)


def test_skip_invalid_leaves_a_damaged_file_out_and_imports_the_rest(
    forms: Forms, practice: Project, run: Run, tmp_path: Path
) -> None:
    """A tired practice manager's batch: one file cannot be read at all. With --skip-invalid
    the others land, the damaged one is named with what to do, and the run still exits 1."""
    good = pf.fill(forms.diary, tmp_path / "good.pdf", DIARY)
    data = good.read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: len(data) // 2])
    before = snapshot(practice.root)

    result = importing(run, practice, cut, good, "--skip-invalid")

    assert result.exit_code == 1, result.output
    assert "damaged" in result.output and "were left out" in result.output
    (new,) = created(practice, before).values()
    assert len(new["diary"]) >= 1
    again = importing(run, practice, cut, good, "--skip-invalid", "--format", "json")
    assert again.exit_code == 1
    listed = {Path(f["file"]).name: f for f in json.loads(again.stdout)["files"]}
    assert listed["cut.pdf"]["errors"] and listed["good.pdf"]["added"] == []
    assert json.loads(again.stdout)["failed"] is True


# --- 10b. bad files, through the real command with a time limit ------------------------


def _plain_pdf(forms: Forms, folder: Path) -> Path:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    out = folder / "someone-elses-form.pdf"
    writer.write(out)
    return out


def _attachment_removed(forms: Forms, folder: Path) -> Path:
    filled = pf.fill(forms.diary, folder / "filled.pdf", DIARY)
    return pf.without_manifest(filled, folder / "resaved.pdf")


def _unknown_client(forms: Forms, folder: Path) -> Path:
    def elsewhere(data: dict[str, Any]) -> None:
        data["client"] = "C-0999"

    moved = pf.with_manifest(forms.diary, folder / "other.pdf", elsewhere)
    return pf.fill(moved, folder / "other-filled.pdf", DIARY)


def _encrypted_pypdf(forms: Forms, folder: Path) -> Path:
    filled = pf.fill(forms.diary, folder / "filled.pdf", DIARY)
    return pf.pypdf_encrypt(filled, folder / "locked.pdf", "pw")


def _encrypted_qpdf_rc4(forms: Forms, folder: Path) -> Path:
    filled = pf.fill(forms.diary, folder / "filled.pdf", DIARY)
    return pf.qpdf_encrypt(filled, folder / "locked.pdf", "pw", "128", "--use-aes=n")


def _encrypted_qpdf_aes256(forms: Forms, folder: Path) -> Path:
    filled = pf.fill(forms.diary, folder / "filled.pdf", DIARY)
    return pf.qpdf_encrypt(filled, folder / "locked.pdf", "pw", "256")


def _truncated(forms: Forms, folder: Path) -> Path:
    data = pf.fill(forms.diary, folder / "filled.pdf", DIARY).read_bytes()
    out = folder / "cut-short.pdf"
    out.write_bytes(data[: len(data) // 2])
    return out


def _corrupt(forms: Forms, folder: Path) -> Path:
    out = folder / "corrupt.pdf"
    noise = bytes((i * 7919 + 13) % 251 for i in range(50_000))
    out.write_bytes(b"%PDF-1.7\n" + noise)
    return out


def _bomb(forms: Forms, folder: Path) -> Path:
    out = folder / "bomb.pdf"
    out.write_bytes(pf.bomb_pdf(4))
    assert out.stat().st_size < 50_000  # 4 GiB once inflated
    return out


def _reference_loop(forms: Forms, folder: Path) -> Path:
    out = folder / "loop.pdf"
    form_map = pf.manifest(forms.diary)
    out.write_bytes(pf.loop_pdf(form_map))
    return out


def _fifty_megabytes(forms: Forms, folder: Path) -> Path:
    out = pf.fill(forms.diary, folder / "padded.pdf", DIARY)
    with out.open("ab") as stream:  # a PDF comment after %%EOF: still a valid PDF
        stream.write(b"\n%")
        stream.write(b"0" * (50_000_000 - out.stat().st_size - 3))
        stream.write(b"\n")
    assert out.stat().st_size == 50_000_000
    return out


def _not_a_pdf(forms: Forms, folder: Path) -> Path:
    out = folder / "diary.pdf"
    out.write_text("Mon 9 Nov: mood 4, walked\nTue 10 Nov: mood 7\n", encoding="utf-8")
    return out


def _missing(forms: Forms, folder: Path) -> Path:
    return folder / "never-saved.pdf"


BAD_FILES: dict[str, tuple[Callable[[Forms, Path], Path], tuple[str, ...], str]] = {
    "not-made-by-goalsheet": (
        _plain_pdf,
        (
            "not made by goalsheet",
            "goalsheet diary --fillable",
            "goalsheet worksheet NAME --fillable",
        ),
        "GS401",
    ),
    "attachment-removed": (_attachment_removed, ("not made by goalsheet", "attachment"), "GS401"),
    "unknown-client": (_unknown_client, ("C-0999", "not in goalsheets/"), "GS402"),
    "encrypted-pypdf": (_encrypted_pypdf, ("encrypted", "password"), "GS401"),
    "encrypted-qpdf-rc4": (_encrypted_qpdf_rc4, ("encrypted", "password"), "GS401"),
    "encrypted-qpdf-aes256": (_encrypted_qpdf_aes256, ("encrypted", "password"), "GS401"),
    "truncated": (_truncated, ("damaged or incomplete",), "GS401"),
    "corrupt": (_corrupt, ("damaged",), "GS401"),
    "bomb": (_bomb, ("damaged",), "GS401"),  # or "too much memory" / "within N seconds"
    "reference-loop": (_reference_loop, ("damaged",), "GS401"),
    "fifty-megabytes": (_fifty_megabytes, ("too large", "50,000,000 bytes"), "GS401"),
    "not-a-pdf": (_not_a_pdf, ("not a PDF",), "GS401"),
    "missing": (_missing, ("cannot read the file", "No such file"), "GS401"),
}


def goalsheet(
    *args: str | Path, timeout: float = 60
) -> tuple[subprocess.CompletedProcess[str], float]:
    """The installed command in its own process, within `timeout` seconds."""
    assert GOALSHEET.is_file(), GOALSHEET
    started = time.monotonic()
    done = subprocess.run(
        [str(GOALSHEET), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return done, time.monotonic() - started


@pytest.mark.parametrize(
    "case",
    [case for case in sorted(BAD_FILES)],
)
def test_bad_file(forms: Forms, practice: Project, tmp_path: Path, case: str) -> None:
    build, words, _ = BAD_FILES[case]
    folder = tmp_path / "incoming"
    folder.mkdir()
    bad = build(forms, folder)
    before = snapshot(practice.root)

    done, seconds = goalsheet("import", bad, "--project", practice.root, "--as-of", AS_OF)

    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "Traceback" not in output
    assert f"{bad.name}\n  error: " in done.stdout
    for word in words:
        assert word.lower() in output.lower(), (word, output)
    assert "Nothing was written" in done.stderr
    assert seconds < 60
    assert snapshot(practice.root) == before


def test_bad_files_together_json(forms: Forms, practice: Project, tmp_path: Path) -> None:
    """All the bad files and one good one in one import: a GS401/GS402 error for each bad
    one, the good one not written either."""
    bad = {}
    for case, (build, _, code) in BAD_FILES.items():
        folder = tmp_path / case
        folder.mkdir()
        bad[build(forms, folder).as_posix()] = code
    good = pf.fill(forms.diary, tmp_path / "good.pdf", DIARY)
    before = snapshot(practice.root)

    done, _ = goalsheet(
        "import", *bad, good, "--project", practice.root, "--as-of", AS_OF, "--format", "json"
    )

    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    data = json.loads(done.stdout)
    assert data["blocked"] is True and data["written"] == []
    files = {f["file"]: f for f in data["files"]}
    for name, code in bad.items():
        assert [e["code"] for e in files[name]["errors"]] == [code], files[name]
    assert files[good.as_posix()]["errors"] == [] and len(files[good.as_posix()]["added"]) == 8
    assert snapshot(practice.root) == before


def test_kids_loop_in_an_otherwise_good_form(
    forms: Forms, practice: Project, tmp_path: Path
) -> None:
    """A field that is its own kid, added to a filled diary: pypdf walks past the loop, so
    the real values are read, in bounded time, and the loop field is not among them."""
    filled = pf.fill(forms.diary, tmp_path / "filled.pdf", DIARY)
    looped = pf.kids_loop(filled, tmp_path / "looped.pdf")
    before = snapshot(practice.root)

    done, seconds = goalsheet("import", looped, "--project", practice.root, "--as-of", AS_OF)

    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr and seconds < 60
    assert one(created(practice, before))["diary"] == DIARY_ENTRIES


# --- bugs found ------------------------------------------------------------------------


def test_session_review_with_goal_rating(
    forms: Forms, practice: Project, run: Run, tmp_path: Path
) -> None:
    filled = pf.fill(forms.review, tmp_path / "review-filled.pdf", REVIEW | {"g1_close": "6"})
    before = snapshot(practice.root)

    result = importing(run, practice, filled)

    assert result.exit_code == 0, result.output
    entries = one(created(practice, before))
    assert entries["ratings"] == [{"date": day(17), "goal": "walks", "rater": "client", "gbo": 6}]
    assert entries["reviews"][0]["goals"] == ["walks"]
    (goal,) = report(run, practice)["goals"]
    assert goal["gbo"]["client"]["latest"] == 6


def test_a_failing_write_for_a_second_client_leaves_no_file(
    forms: Forms, practice: Project, run: Run, tmp_path: Path
) -> None:
    practice.client(COUNTING.replace("C-0001", "C-0002"), client_id="C-0002")
    practice.write("goalsheets/C-0002/entries", "not a folder\n")  # a file in the way

    def second(data: dict[str, Any]) -> None:
        data["client"] = "C-0002"

    first = pf.fill(forms.diary, tmp_path / "first.pdf", DIARY)
    other = pf.fill(
        pf.with_manifest(forms.diary, tmp_path / "c2.pdf", second),
        tmp_path / "c2-filled.pdf",
        DIARY,
    )
    before = snapshot(practice.root)

    result = importing(run, practice, first, other)

    assert result.exit_code == 1, result.output
    assert sorted(snapshot(practice.root)) == sorted(before), result.output


def test_long_session_review_answer_is_kept_whole(
    forms: Forms, practice: Project, run: Run, tmp_path: Path
) -> None:
    helped = " ".join(
        [
            "Walking with my neighbour on Tuesday and Thursday mornings, before work.",
            "Leaving my phone at home so I notice the trees and the ducks on the pond.",
            "Writing the walk in the diary the same evening, even when it was short.",
            "Planning the route the night before so there is nothing left to decide.",
            "Telling my sister about it at the weekend, which made me want to keep going.",
        ]
    )
    assert len(helped) > 300
    filled = pf.fill(forms.review, tmp_path / "review-long.pdf", REVIEW | {"helped": helped})
    before = snapshot(practice.root)

    result = importing(run, practice, filled)

    assert result.exit_code == 0, result.output
    (review,) = one(created(practice, before))["reviews"]
    assert review["helped"] == helped


def test_a_flattened_form_is_refused_with_the_reason(
    forms: Forms, practice: Project, run: Run, tmp_path: Path
) -> None:
    filled = pf.fill_pdftk(forms.diary, tmp_path / "filled.pdf", PDFTK_DIARY)
    flat = tmp_path / "flat.pdf"
    subprocess.run(["pdftk", str(filled), "output", str(flat), "flatten"], check=True)
    assert pf.manifest(flat)["form"] == "daily-diary"  # the map survived; the fields did not
    before = snapshot(practice.root)
    result = importing(run, practice, flat)
    assert result.exit_code == 1
    assert "flattened" in result.output
    assert snapshot(practice.root) == before
