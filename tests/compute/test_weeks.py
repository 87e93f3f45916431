"""The weekly log (`weeks:` in an entries file), end to end: `check` finds what cannot be
right and says where and how to fix it; reports chart a logged week where the diary has no
day; corrections replace a week's number; the tidy CSV carries weeks both ways; the schema
describes them.

conftest's project: client C-0001 with trackers mood (rating 1-10) and walked (yes/no, the
goal "walks"); e1.yaml has a diary day on 2026-11-01 and a review on 2026-11-10. As of
2026-11-20 (a Friday) it is clean.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result

from goalsheet.compute.progress import progress
from goalsheet.compute.trends import Level, levels, trend
from goalsheet.model.client import ClientSheet
from goalsheet.model.entries import EntryFile
from goalsheet.model.measures import BUILTIN_MEASURES
from helpers.project import CLIENT, Project

Run = Callable[..., Result]
AS_OF = "2026-11-20"
TODAY = dt.date.fromisoformat(AS_OF)
D = dt.date
E2 = "goalsheets/C-0001/entries/e2.yaml"
TRACKERS = CLIENT + (
    "  - {id: panic, label: Panic attacks, kind: count}\n"
    "  - {id: practice, label: Practice, kind: duration}\n"
    "  - {id: notes, label: Notes, kind: text}\n"
    "  - {id: bedtime, label: Bedtime, kind: time}\n"
    "  - {id: incidents, label: Incidents, kind: abc}\n"
)


def check(run: Run, project: Project) -> tuple[Result, list[dict[str, Any]]]:
    """`check` as text and as JSON: the text result, and the JSON findings."""
    text = run("check", "--project", project.root, "--as-of", AS_OF)
    as_json = run("check", "--project", project.root, "--as-of", AS_OF, "--format", "json")
    assert as_json.exit_code == text.exit_code
    return text, json.loads(as_json.stdout)["findings"]


def only_error(run: Run, project: Project) -> tuple[Result, dict[str, Any]]:
    """The one finding `check` reports, which must be an error that makes it exit 1."""
    text, found = check(run, project)
    assert text.exit_code == 1, text.output
    assert "Traceback" not in text.output
    assert len(found) == 1, found
    (finding,) = found
    assert finding["severity"] == "error"
    where = f"{finding['path']}:{finding['line']}:{finding['column']}: {finding['code']}"
    assert where in text.output  # the text names the file, line and column too
    assert "\n1 error, 0 warnings in " in "\n" + text.output  # one error reads singular
    return text, finding


def report(run: Run, project: Project, *extra: str | Path) -> Result:
    result = run("report", "C-0001", "--project", project.root, "--as-of", AS_OF, *extra)
    assert result.exit_code == 0, result.output
    return result


def trends(run: Run, project: Project) -> dict[str, dict[str, Any]]:
    data = json.loads(report(run, project, "--format", "json").stdout)
    return {t["tracker"]: t for t in data["trends"]}


# --- check: a valid weekly log -------------------------------------------------------------


def test_a_valid_weekly_log_passes_check(run: Run, project: Project) -> None:
    project.client(TRACKERS)
    project.entries(
        "weeks:\n"
        "  2026-11-02: {mood: 5.4, walked: 4, panic: 3, practice: 140}\n"
        "  2026-11-09: {mood: 7, walked: 0, panic: 0, practice: 0, notes: null}\n"
        "  2026-11-16: {mood: 10, walked: 7}\n"  # this week: started before today
    )
    text, found = check(run, project)
    assert (text.exit_code, found) == (0, []), text.output


# --- check: each problem, where it is and how to fix it -------------------------------------


def test_a_week_that_does_not_start_on_a_monday(run: Run, project: Project) -> None:
    project.entries("weeks:\n  2026-11-02: {mood: 5}\n  2026-11-05: {mood: 6}\n")
    text, finding = only_error(run, project)
    assert (finding["path"], finding["line"], finding["code"]) == (E2, 3, "GS207")
    assert finding["rule"] == "week-not-monday"
    assert "2026-11-05 starts on a Thursday" in finding["message"]
    assert "weeks start on a Monday, as in reports" in finding["message"]
    assert "use 2026-11-02" in finding["hint"]
    assert "use 2026-11-02" in text.output


def test_an_unknown_tracker_in_the_weekly_log(run: Run, project: Project) -> None:
    project.entries("weeks:\n  2026-11-02:\n    mood: 5\n    walkd: 3\n")
    _text, finding = only_error(run, project)
    assert (finding["path"], finding["line"], finding["code"]) == (E2, 4, "GS202")
    assert finding["message"] == "unknown tracker 'walkd'"
    assert finding["hint"] == "did you mean 'walked'?"


@pytest.mark.parametrize("tracker", ["notes", "bedtime", "incidents"])
def test_a_tracker_with_no_weekly_number(run: Run, project: Project, tracker: str) -> None:
    project.client(TRACKERS)
    project.entries(f"weeks:\n  2026-11-02:\n    {tracker}: 3\n")
    _text, finding = only_error(run, project)
    assert (finding["path"], finding["line"], finding["code"]) == (E2, 3, "GS201")
    assert "has no weekly number" in finding["message"]
    assert "keep it in the diary" in finding["hint"]


@pytest.mark.parametrize(
    ("value", "words", "hint"),
    [
        ("mood: 11", "rating 11 is outside the scale 1 to 10", "average rating"),
        ("mood: 0.5", "rating 0.5 is outside the scale 1 to 10", "5.5 is fine"),
        ("panic: -1", "count -1 is not a whole number of 0 or more", "the week's total"),
        ("panic: 2.5", "count 2.5 is not a whole number of 0 or more", "the week's total"),
        ("practice: -5", "-5 is not a whole number of minutes in a week", "from 0 to 10080"),
        ("practice: 12.5", "12.5 is not a whole number of minutes in a week", "minutes"),
        ("practice: 10081", "10081 is not a whole number of minutes in a week", "minutes"),
        ("walked: 8", "8 is not a number of days from 0 to 7", "how many days"),
        ("walked: 3.5", "3.5 is not a number of days from 0 to 7", "how many days"),
        ("walked: -1", "-1 is not a number of days from 0 to 7", "how many days"),
        ("mood: .inf", "inf is not a number", "one number"),
    ],
)
def test_a_number_off_the_trackers_weekly_scale(
    run: Run, project: Project, value: str, words: str, hint: str
) -> None:
    project.client(TRACKERS)
    project.entries(f"weeks:\n  2026-11-02:\n    {value}\n")
    _text, finding = only_error(run, project)
    assert (finding["path"], finding["line"], finding["code"]) == (E2, 3, "GS201")
    assert finding["message"] == f"week starting 2026-11-02, {value.split(':')[0]}: {words}"
    assert hint in finding["hint"]


@pytest.mark.parametrize(
    ("value", "got"),
    [("walked: yes", "got yes"), ("mood: '6'", "got '6'"), ("mood: [5]", "got a list")],
)
def test_a_week_value_of_the_wrong_type(run: Run, project: Project, value: str, got: str) -> None:
    project.entries(f"weeks:\n  2026-11-02:\n    {value}\n")
    _text, finding = only_error(run, project)
    assert (finding["path"], finding["line"], finding["code"]) == (E2, 3, "GS012")
    assert "should be a whole number" in finding["message"] and got in finding["message"]
    assert finding["hint"]


def test_a_week_after_today(run: Run, project: Project) -> None:
    project.entries("weeks:\n  2026-11-16: {mood: 5}\n  2026-11-23: {mood: 6}\n")
    _text, finding = only_error(run, project)
    assert (finding["path"], finding["line"], finding["code"]) == (E2, 3, "GS203")
    assert finding["message"] == "the week starting 2026-11-23 is after today"
    assert "--as-of" in finding["hint"]
    later = run("check", "--project", project.root, "--as-of", "2026-11-23")
    assert later.exit_code == 0, later.output


def test_the_same_week_in_two_files(run: Run, project: Project) -> None:
    project.entries("weeks:\n  2026-11-09: {mood: 5, walked: 3}\n", name="e2.yaml")
    project.entries("weeks:\n  2026-11-09:\n    walked: 4\n", name="e3.yaml")
    _text, finding = only_error(run, project)
    assert finding["path"].endswith("e3.yaml") and finding["line"] == 3
    assert finding["code"] == "GS204"
    assert finding["message"] == (
        "walked, week starting 2026-11-09 is recorded twice (first at "
        "goalsheets/C-0001/entries/e2.yaml:2)"
    )


def test_a_correction_replaces_a_weeks_number(run: Run, project: Project) -> None:
    project.entries("weeks:\n  2026-11-09: {mood: 5, walked: 3}\n", name="e2.yaml")
    project.entries("corrects: true\nweeks:\n  2026-11-09: {walked: 4}\n", name="e3.yaml")
    text, found = check(run, project)
    assert (text.exit_code, found) == (0, []), text.output
    walked = trends(run, project)["walked"]
    week = next(w for w in walked["weeks"] if w["start"] == "2026-11-09")
    assert (week["level"], week["logged"]) == (4, True)  # the correction's, not 3
    exported = run("export", "C-0001", "--project", project.root).stdout
    assert "C-0001,2026-11-09,week,walked,,,4,\n" in exported
    assert ",week,walked,,,3," not in exported


def test_weekly_log_weeks_count_toward_a_baseline(run: Run, project: Project) -> None:
    """GS108: a goal judged on 2026-11-17 after two logged weeks (14 days) had a baseline."""
    project.entries("reviews:\n  - {date: 2026-11-17, goals: [walks]}\n", name="e1.yaml")
    text, found = check(run, project)
    assert [f["code"] for f in found] == ["GS108"], text.output
    assert "after 0 days of diary" in found[0]["message"]
    project.entries("weeks:\n  2026-11-02: {walked: 2}\n  2026-11-09: {walked: 3}\n")
    text, found = check(run, project)
    assert found == [], text.output


# --- reports: days win, a logged week fills a week without days -----------------------------


def test_report_uses_the_log_where_there_are_no_days_and_days_where_there_are(
    run: Run, project: Project
) -> None:
    project.entries(
        "diary:\n"
        "  2026-11-09: {mood: 4, walked: yes}\n"
        "  2026-11-10: {mood: 6, walked: no}\n"
        "weeks:\n"
        "  2026-10-19: {mood: 5.4, walked: 4}\n"  # no days: the log's level
        "  2026-11-09: {mood: 9, walked: 7}\n"  # days that week: the days' level wins
    )
    found = trends(run, project)
    mood, walked = found["mood"], found["walked"]
    # e1.yaml's day 2026-11-01 (a Sunday) is in the week of 2026-10-26: mood 5, walked yes.
    assert mood["weeks"] == [
        {"start": "2026-10-19", "days": 0, "level": 5.4, "logged": True},
        {"start": "2026-10-26", "days": 1, "level": 5, "logged": False},
        {"start": "2026-11-09", "days": 2, "level": 5, "logged": False},  # (4 + 6) / 2
    ]
    assert [(w["start"], w["level"], w["logged"]) for w in walked["weeks"]] == [
        ("2026-10-19", 4, True),
        ("2026-10-26", 1, False),
        ("2026-11-09", 1, False),  # one day ticked, not the log's 7
    ]
    assert (mood["logged_weeks"], walked["logged_weeks"]) == (1, 1)
    # Days and the daily means are the diary's only: 3 days, whatever the log says.
    assert mood["days"] == 3 and mood["by_weekday"] == {"Mon": 4.0, "Tue": 6.0, "Sun": 5.0}
    points = mood["chart"]["points"]
    assert [(p["start"], p["level"]) for p in points] == [
        ("2026-10-19", 5.4),
        ("2026-10-26", 5),
        ("2026-11-02", None),  # nothing either way: a gap, never a zero
        ("2026-11-09", 5),
    ]


def test_a_tracker_with_only_a_weekly_log_is_reported(run: Run, project: Project) -> None:
    project.client(TRACKERS)
    project.entries("weeks:\n  2026-11-02: {practice: 140}\n  2026-11-09: {practice: 90}\n")
    practice = trends(run, project)["practice"]
    assert practice["days"] == 0 and practice["logged_weeks"] == 2
    assert [p["level"] for p in practice["chart"]["points"]] == [140, 90]
    assert practice["baseline_mean"] is None and practice["recent_mean"] is None
    html = report(run, project, "--format", "html", "-o", project.root / "r.html")
    assert "Wrote" in html.output
    page = (project.root / "r.html").read_text(encoding="utf-8")
    assert "140 (weekly log)" in page and "90 (weekly log)" in page
    assert "2 weeks from the weekly log, shown as open circles" in page
    assert "2 weeks from the weekly log." in page  # the tracker's line under its heading


def test_logged_weeks_make_a_goal_have_data(run: Run, project: Project) -> None:
    project.entries(
        "diary:\n  2026-11-01: {mood: 5}\nreviews:\n  - {date: 2026-11-10}\n", "e1.yaml"
    )
    data = json.loads(report(run, project, "--format", "json").stdout)
    assert data["goals"][0]["has_data"] is False  # walked (the goal's tracker) has nothing
    project.entries("weeks:\n  2026-11-02: {walked: 3}\n")
    data = json.loads(report(run, project, "--format", "json").stdout)
    assert data["goals"][0]["has_data"] is True
    assert "no_data" not in [item["kind"] for item in data["attention"]]


def test_off_scale_odd_and_future_weeks_are_left_out_with_notes(run: Run, project: Project) -> None:
    project.entries(
        "weeks:\n"
        "  2026-11-02: {mood: 11, walked: 3}\n"  # mood off the scale: left out, noted
        "  2026-11-05: {mood: 4}\n"  # a Thursday: left out, noted
        "  2026-11-23: {mood: 6}\n"  # after today: left out, like a future diary day
    )
    data = json.loads(report(run, project, "--format", "json").stdout)
    mood = next(t for t in data["trends"] if t["tracker"] == "mood")
    assert mood["logged_weeks"] == 0 and [w["start"] for w in mood["weeks"]] == ["2026-10-26"]
    notes = [n for n in data["notes"] if n["about"] == "weekly log: Mood"]
    assert [n["message"] for n in notes] == [
        "1 value does not fit the tracker's scale (2026-11-02); left out",
        "1 week does not start on a Monday (2026-11-05); left out",
    ]
    walked = next(t for t in data["trends"] if t["tracker"] == "walked")
    assert [(w["start"], w["level"]) for w in walked["weeks"]][-1] == ("2026-11-02", 3)


# --- monthly levels: a logged week counts as 7 days -----------------------------------------


def test_monthly_rating_weighs_a_logged_week_as_seven_days() -> None:
    days = {
        # May 2025, week of 05-05: 2 and 4 (mean 3 over 2 days).
        D(2025, 5, 5): 2,
        D(2025, 5, 6): 4,
        # December 2025 (30 weeks on, so the chart goes by month): one day, 6.
        D(2025, 12, 3): 6,
    }
    logged = {
        D(2025, 5, 12): 9.0,  # May: no days that week, the log says 9 -> 7 days of 9
        D(2025, 5, 5): 1.0,  # May: the week has days, so the log's 1 is not used
        D(2025, 8, 4): 5.5,  # August: only a logged week
    }
    result = trend("mood", "rating", days, D(2026, 1, 1), logged=logged)
    assert [(w.start, w.days, w.level, w.logged) for w in result.weeks] == [
        (D(2025, 5, 5), 2, 3.0, False),
        (D(2025, 5, 12), 0, 9.0, True),
        (D(2025, 8, 4), 0, 5.5, True),
        (D(2025, 12, 1), 1, 6.0, False),
    ]
    period, points = levels(result)
    assert period == "month"
    # (3 * 2 days + 9 * 7 days) / 9 days = 69 / 9; a mean of week means would be 6.0.
    assert points[0] == Level(D(2025, 5, 1), 69 / 9, 2)
    assert points[3] == Level(D(2025, 8, 1), 5.5, 0)  # a logged week alone: no division by 0
    assert points[7] == Level(D(2025, 12, 1), 6.0, 1)
    assert result.days == 3 and result.by_weekday == {"Mon": 2.0, "Tue": 4.0, "Wed": 6.0}


def test_monthly_count_is_the_mean_of_weekly_totals_with_logged_weeks() -> None:
    days = {D(2025, 1, 6): 2, D(2025, 1, 7): 1, D(2025, 12, 1): 0}  # January: week total 3
    logged = {D(2025, 1, 13): 5.0, D(2025, 1, 27): 1.0}  # January's other weeks, from the log
    period, points = levels(trend("panic", "count", days, D(2026, 1, 1), logged=logged))
    assert period == "month"
    assert points[0] == Level(D(2025, 1, 1), 3.0, 2)  # (3 + 5 + 1) / 3 weekly totals


def test_progress_reads_the_weekly_log_from_entries_files() -> None:
    sheet = ClientSheet.model_validate(yaml.safe_load(CLIENT))
    files = [
        EntryFile.model_validate({"diary": {D(2026, 11, 16): {"mood": 3}}}),
        EntryFile.model_validate({"weeks": {D(2026, 10, 26): {"mood": 8, "walked": 5}}}),
    ]
    figures = progress(sheet, files, BUILTIN_MEASURES, "6 weeks", TODAY)
    mood = next(t for t in figures.trends if t.tracker == "mood")
    assert [(w.start, w.level, w.logged) for w in mood.weeks] == [
        (D(2026, 10, 26), 8, True),
        (D(2026, 11, 16), 3, False),
    ]
    assert mood.recent_mean == 3  # the last fortnight is daily only


# --- the tidy CSV ---------------------------------------------------------------------------


def test_export_then_import_round_trips_weeks(run: Run, project: Project, tmp_path: Path) -> None:
    project.client(TRACKERS)
    project.entries(
        "weeks:\n"
        "  2026-11-02: {mood: 5.4, walked: 4, panic: 3, practice: 140}\n"
        "  2026-11-09: {mood: 7.0, walked: 0}\n"
    )
    first = run("export", "C-0001", "--project", project.root).stdout
    assert "C-0001,2026-11-02,week,mood,,,5.4,\n" in first
    assert "C-0001,2026-11-02,week,walked,,,4,\n" in first
    assert "C-0001,2026-11-09,week,mood,,,7.0,\n" in first  # 7.0 stays a float
    csv_file = tmp_path / "weeks.csv"
    csv_file.write_text(first, encoding="utf-8", newline="")
    entries = project.root / "goalsheets" / "C-0001" / "entries"
    shutil.rmtree(entries)
    entries.mkdir()
    result = run("import", csv_file, "--project", project.root, "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert "2 weeks of mood" in result.output  # a count, never read as a value
    (written,) = entries.iterdir()
    data = yaml.safe_load(written.read_text(encoding="utf-8"))
    assert data["weeks"][D(2026, 11, 2)] == {"mood": 5.4, "walked": 4, "panic": 3, "practice": 140}
    assert isinstance(data["weeks"][D(2026, 11, 9)]["mood"], float)
    assert run("export", "C-0001", "--project", project.root).stdout == first
    again = run("import", csv_file, "--project", project.root, "--as-of", AS_OF)
    assert again.exit_code == 0 and "nothing new to import" in again.output


@pytest.mark.parametrize(
    ("row", "words"),
    [
        ("2026-11-05,week,mood,,,5,", "week 2026-11-05 starts on a Thursday"),
        ("2026-11-05,week,mood,,,5,", "use 2026-11-02"),
        ("2026-11-02,week,notes,,,5,", "a 'text' tracker has no weekly number"),
        ("2026-11-02,week,walked,,,yes,", "'yes' is not a number"),
        ("2026-11-02,week,walked,,,8,", "8 is not a number of days from 0 to 7"),
        ("2026-11-02,week,mood,,,11,", "rating 11 is outside the scale 1 to 10"),
        ("2026-11-02,week,mod,,,5,", "the client has no tracker 'mod'"),
        ("2026-11-23,week,mood,,,5,", "2026-11-23 has not happened yet"),
    ],
)
def test_importing_a_wrong_week_row_is_refused_for_that_row(
    run: Run, project: Project, row: str, words: str
) -> None:
    project.client(TRACKERS)
    header = "client,date,record,name,item,rater,value,weight\n"
    good = "C-0001,2026-11-09,week,mood,,,6.5,\n"
    source = project.write("in.csv", header + good + f"C-0001,{row}\n")
    entries = project.root / "goalsheets" / "C-0001" / "entries"
    before = sorted(entries.iterdir())
    result = run("import", source, "--project", project.root, "--as-of", AS_OF)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "in.csv:3:" in result.output and words in result.output
    assert "Nothing was written" in result.output
    assert sorted(entries.iterdir()) == before
    skipping = run("import", source, "--project", project.root, "--as-of", AS_OF, "--skip-invalid")
    assert skipping.exit_code == 0, skipping.output  # the good row goes in alone
    (new,) = set(entries.iterdir()) - set(before)
    assert yaml.safe_load(new.read_text(encoding="utf-8"))["weeks"] == {
        D(2026, 11, 9): {"mood": 6.5}
    }


# --- elsewhere: the schema, the client list -------------------------------------------------


def test_the_schema_describes_weeks(run: Run) -> None:
    schema = json.loads(run("schema", "entries").stdout)
    weeks = schema["properties"]["weeks"]
    assert "Monday" in weeks["description"] and "average" in weeks["description"]
    assert weeks["propertyNames"] == {"format": "date"}
    numbers = weeks["additionalProperties"]["patternProperties"]
    (allowed,) = numbers.values()
    assert {kind["type"] for kind in allowed["anyOf"]} == {"integer", "number", "null"}


def test_list_clients_last_entry_counts_a_logged_week(run: Run, project: Project) -> None:
    def last_entry() -> str:
        result = run("list", "clients", "--project", project.root, "--format", "json")
        (row,) = json.loads(result.stdout)
        return str(row["last_entry"])

    assert last_entry() == "2026-11-10"  # e1.yaml's review
    project.entries("weeks:\n  2026-11-16: {mood: 5}\n")
    assert last_entry() == "2026-11-16"


def test_infinite_and_nan_numbers_are_errors_not_crashes(run: Run, project: Project) -> None:
    """YAML reads .inf and .nan as numbers: check names them, a report leaves them out (its
    JSON stays JSON), in the diary as in the weekly log."""
    project.client(TRACKERS)
    project.entries(
        "diary:\n  2026-11-02: {panic: .inf, mood: .nan}\nweeks:\n  2026-11-09: {panic: .nan}\n"
    )
    text, found = check(run, project)
    assert text.exit_code == 1 and "Traceback" not in text.output
    assert sorted((f["line"], f["code"]) for f in found) == [
        (2, "GS201"),
        (2, "GS201"),
        (4, "GS201"),
    ]
    output = report(run, project, "--format", "json").stdout
    data = json.loads(output, parse_constant=not_json)  # NaN and Infinity are not JSON
    assert "panic" not in [t["tracker"] for t in data["trends"]]
    assert {n["about"] for n in data["notes"]} >= {
        "diary: Panic attacks",
        "weekly log: Panic attacks",
    }


def not_json(constant: str) -> None:
    raise AssertionError(f"{constant} in the report JSON")
