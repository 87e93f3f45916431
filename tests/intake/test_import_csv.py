"""CSV export and import: `goalsheet export` writes a client's data as a tidy CSV and
`goalsheet import` reads it (or a mood app's export) back into a new entries file.

Every import is all or nothing: when a test expects the import to be refused it also checks
that no file under goalsheets/ changed (a {path: bytes} snapshot before and after). All the
data here is fictional: the demo project's made-up clients, or conftest's client C-0001."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
import stat
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result

from goalsheet.compute.corrections import effective
from goalsheet.intake.tidy_csv import COLUMNS
from goalsheet.model.entries import EntryFile
from goalsheet.project import load_project
from helpers.project import CLIENT, REPO, TODAY, Project, assert_refused, new_files, snapshot

Run = Callable[..., Result]

AS_OF = TODAY.isoformat()
HEADER = "client,date,record,name,item,rater,value,weight\n"
DOCUMENTED_COLUMNS = ["client", "date", "record", "name", "item", "rater", "value", "weight"]
IMPORTED_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}-import-[a-z0-9-]+-[0-9a-f]{8}(-\d+)?\.yaml$")
# What the reports say about a client's data (review-related keys aside: reviews are prose
# and stay in the YAML, so they are not part of the CSV).
REPORT_DATA_KEYS = ("measures", "changes", "outcome", "goals", "gas_t_score", "trends")


# --- helpers --------------------------------------------------------------------------


def do_import(run: Run, root: Path, *args: str | Path) -> Result:
    return run("import", *args, "--project", root, "--as-of", AS_OF)


def export(run: Run, root: Path, client: str = "C-0001") -> str:
    result = run("export", client, "--project", root)
    assert result.exit_code == 0, result.output
    return result.stdout


def written_entries(root: Path, before: dict[str, bytes]) -> dict[str, Any]:
    """The one entries file the import created, as YAML data."""
    created = new_files(root, before)
    assert len(created) == 1, created
    path = root / created[0]
    assert IMPORTED_NAME.match(path.name), path.name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def check_json(run: Run, root: Path) -> dict[str, Any]:
    result = run("check", "--project", root, "--format", "json", "--as-of", AS_OF)
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


def report_json(run: Run, root: Path, client: str) -> dict[str, Any]:
    result = run("report", client, "--format", "json", "--project", root, "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


def demo_clients(root: Path) -> list[str]:
    return sorted(path.parent.name for path in (root / "goalsheets").glob("*/goalsheet.yaml"))


def move_entries_away(root: Path, client: str, away: Path) -> None:
    target = away / client
    target.mkdir(parents=True)
    for path in (root / "goalsheets" / client / "entries").iterdir():
        path.rename(target / path.name)


def cell(value: object) -> str:
    """How a value is written in the CSV (independent of the exporter's own helper)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def expected_rows(client: str, files: list[EntryFile]) -> Counter[tuple[str, ...]]:
    """One row per value in the entries files: what the CSV should hold, in any order."""
    rows: Counter[tuple[str, ...]] = Counter()
    for entries in files:
        for day, values in entries.diary.items():
            for tracker, value in values.items():
                if value is None or isinstance(value, list) or hasattr(value, "model_dump"):
                    continue  # ABC records are prose: they stay in the YAML
                rows[(client, day.isoformat(), "diary", tracker, "", "", cell(value), "")] += 1
        for entry in entries.measures:
            for number, answer in enumerate(entry.answers, start=1):
                rows[
                    (client, entry.date.isoformat(), "measure", entry.measure, str(number),
                     entry.rater or "", cell(answer), "")
                ] += 1  # fmt: skip
        for rating in entries.ratings:
            if rating.gbo is not None:
                rows[
                    (client, rating.date.isoformat(), "gbo", rating.goal, "", rating.rater or "",
                     cell(rating.gbo), "")
                ] += 1  # fmt: skip
            if rating.gas is not None:
                rows[
                    (client, rating.date.isoformat(), "gas", rating.goal, "", rating.rater or "",
                     cell(rating.gas), cell(rating.weight))
                ] += 1  # fmt: skip
    return rows


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """A copy of the repository's demo project (fictional clients)."""
    root = tmp_path / "demo"
    root.mkdir()
    shutil.copy(REPO / "goalsheet.yaml", root / "goalsheet.yaml")
    shutil.copytree(REPO / "goalsheets", root / "goalsheets")
    assert len(demo_clients(root)) >= 5
    return root


# --- 1. the round trip is exact ---------------------------------------------------------


def test_round_trip_is_byte_identical_for_every_demo_client(
    demo: Path, run: Run, tmp_path: Path
) -> None:
    exports, away = tmp_path / "exports", tmp_path / "away"
    exports.mkdir()
    for client in demo_clients(demo):
        first = export(run, demo, client)
        assert first.startswith(HEADER)
        assert first.count("\n") > 1, f"{client} has no data to round-trip"
        csv_file = exports / f"{client}.csv"
        csv_file.write_text(first, encoding="utf-8", newline="")
        move_entries_away(demo, client, away)
        assert export(run, demo, client) == HEADER  # nothing left

        before = snapshot(demo)
        result = do_import(run, demo, csv_file)
        assert result.exit_code == 0, result.output
        assert "added" in result.output
        created = new_files(demo, before)
        assert len(created) == 1
        path = demo / created[0]
        assert path.parent == demo / "goalsheets" / client / "entries"
        assert path.name.startswith(f"{AS_OF}-import-goalsheet-csv-")
        assert IMPORTED_NAME.match(path.name)
        assert stat.S_IMODE(path.stat().st_mode) == 0o600  # client data: readable by you only
        assert path.read_text(encoding="utf-8").startswith("# Imported by goalsheet")

        assert export(run, demo, client) == first, f"{client}: the round trip changed the CSV"


def test_importing_the_export_into_the_untouched_client_adds_nothing(
    demo: Path, run: Run, tmp_path: Path
) -> None:
    for client in demo_clients(demo):
        csv_file = tmp_path / f"{client}.csv"
        csv_file.write_text(export(run, demo, client), encoding="utf-8", newline="")
        before = snapshot(demo)
        result = do_import(run, demo, csv_file)
        assert result.exit_code == 0, result.output
        assert "nothing new to import" in result.output
        assert "already recorded" in result.output
        assert snapshot(demo) == before

        as_json = do_import(run, demo, csv_file, "--format", "json")
        assert as_json.exit_code == 0
        data = json.loads(as_json.stdout)
        assert data["written"] == [] and data["blocked"] is False
        assert data["files"][0]["added"] == [] and data["files"][0]["already"] > 0
        assert snapshot(demo) == before


AWKWARD_CLIENT = CLIENT + (
    "  - {id: notes, label: Notes, kind: text}\n"
    "  - {id: relax, label: Relaxation, kind: duration}\n"
    "  - {id: bed, label: Lights out, kind: time}\n"
    "  - {id: cups, label: Cups of tea, kind: count}\n"
)
AWKWARD_ENTRIES = """\
diary:
  2026-11-02: {mood: 6, walked: no, relax: 7.5, bed: "22:30", cups: 0,
               notes: "Rain, then sun; said \\"hello\\" to Ms Ōta at the café"}
  2026-11-03: {notes: "Two lines\\nand the second", relax: 10.0, bed: "07:05"}
  2026-11-04: {notes: "yes", mood: 3}
  2026-11-05: {notes: "=1+1", cups: 12}
ratings:
  - {date: 2026-11-03, goal: walks, rater: client, gbo: 4.5}
  - {date: 2026-11-03, goal: walks, rater: therapist, gbo: 4.0}
  - {date: 2026-11-03, goal: walks, gas: -1, weight: 1.5}
  - {date: 2026-11-10, goal: walks, gas: 0}
  - {date: 2026-11-10, goal: walks, rater: client, gbo: 6, gas: 1, weight: 2}
measures:
  - {date: 2026-11-03, measure: GAD-7, answers: [1, null, 2, 0, 3, 1, 0]}
  - {date: 2026-11-03, measure: GAD-7, rater: therapist, answers: [1, 1, 2, 0, 3, 1, 0]}
  - {date: 2026-11-04, measure: PHQ-9, answers: [0, 0, 0, 0, 0, 0, 0, 0, 1]}
"""


def test_round_trip_keeps_awkward_values(project: Project, run: Run, tmp_path: Path) -> None:
    """Quotes, commas, a line break and accents in notes; fractional minutes and GBO; 4.0
    kept apart from 4; a GAS weight; a questionnaire per rater and one item unanswered."""
    project.client(AWKWARD_CLIENT)
    project.entries(AWKWARD_ENTRIES)
    first = export(run, project.root)
    assert '"Rain, then sun; said ""hello"" to Ms Ōta at the café"' in first
    assert "C-0001,2026-11-03,diary,relax,,,10.0,\n" in first
    assert "C-0001,2026-11-03,gbo,walks,,therapist,4.0,\n" in first
    assert "C-0001,2026-11-03,gas,walks,,,-1,1.5\n" in first
    assert "C-0001,2026-11-03,measure,GAD-7,2,,,\n" in first  # unanswered: blank, not 0
    csv_file = tmp_path / "awkward.csv"
    csv_file.write_text(first, encoding="utf-8", newline="")

    before = snapshot(project.root)
    again = do_import(run, project.root, csv_file)
    assert again.exit_code == 0, again.output
    assert "nothing new to import" in again.output
    assert snapshot(project.root) == before

    move_entries_away(project.root, "C-0001", tmp_path / "away")
    result = do_import(run, project.root, csv_file)
    assert result.exit_code == 0, result.output
    assert export(run, project.root) == first
    data = yaml.safe_load((project.root / new_files(project.root, before)[0]).read_text("utf-8"))
    assert data["diary"][dt.date(2026, 11, 3)]["relax"] == 10.0
    assert isinstance(data["diary"][dt.date(2026, 11, 3)]["relax"], float)
    assert data["diary"][dt.date(2026, 11, 4)]["notes"] == "yes"  # text stays text


@pytest.mark.parametrize(
    "note_yaml",
    ["notes: |\n      Walked to the bakery and back.\n", 'notes: "  indented on purpose"\n'],
    ids=["block-scalar-newline", "leading-spaces"],
)
def test_round_trip_keeps_whitespace_in_notes(
    project: Project, run: Run, tmp_path: Path, note_yaml: str
) -> None:
    project.client(CLIENT + "  - {id: notes, label: Notes, kind: text}\n")
    project.entries(f"diary:\n  2026-11-02:\n    mood: 6\n    {note_yaml}")
    assert check_json(run, project.root)["summary"]["errors"] == 0
    first = export(run, project.root)
    csv_file = tmp_path / "notes.csv"
    csv_file.write_text(first, encoding="utf-8", newline="")
    before = snapshot(project.root)
    again = do_import(run, project.root, csv_file)
    assert again.exit_code == 0, again.output
    assert "nothing new to import" in again.output
    assert snapshot(project.root) == before
    move_entries_away(project.root, "C-0001", tmp_path / "away")
    assert do_import(run, project.root, csv_file).exit_code == 0
    assert export(run, project.root) == first


# --- 2. after an import, check and report see the data ----------------------------------


def test_after_import_check_is_clean_and_reports_see_the_same_data(
    demo: Path, run: Run, tmp_path: Path
) -> None:
    clients = demo_clients(demo)
    before = {client: report_json(run, demo, client) for client in clients}
    assert any(before[c]["measures"] for c in clients)  # something to compare
    for client in clients:
        csv_file = tmp_path / f"{client}.csv"
        csv_file.write_text(export(run, demo, client), encoding="utf-8", newline="")
        move_entries_away(demo, client, tmp_path / "away")
        assert do_import(run, demo, csv_file).exit_code == 0

    checked = check_json(run, demo)
    assert checked["summary"]["errors"] == 0, checked["findings"]
    assert not [f for f in checked["findings"] if f.get("severity") == "error"]

    for client in clients:
        after = report_json(run, demo, client)
        totals = [(m["measure"], m["date"], m["total"]) for m in after["measures"]]
        assert totals == [(m["measure"], m["date"], m["total"]) for m in before[client]["measures"]]
        for key in REPORT_DATA_KEYS:
            assert after[key] == before[client][key], f"{client}: report '{key}' changed"


# --- 3. the CSV opens in a spreadsheet ---------------------------------------------------


def test_export_is_a_tidy_csv_a_spreadsheet_can_open(demo: Path, run: Run, tmp_path: Path) -> None:
    assert COLUMNS == DOCUMENTED_COLUMNS
    project = load_project(demo)
    for client in demo_clients(demo):
        target = tmp_path / f"{client}.csv"
        result = run("export", client, "--format", "csv", "-o", target, "--project", demo)
        assert result.exit_code == 0, result.output
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        raw = target.read_bytes()
        assert raw == export(run, demo, client).encode("utf-8")  # -o and stdout agree
        assert b"\r" not in raw  # line ends are \n
        assert not raw.startswith(b"\xef\xbb\xbf")

        rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
        assert rows[0] == DOCUMENTED_COLUMNS
        body = rows[1:]
        assert body, client
        for row in body:
            assert len(row) == len(DOCUMENTED_COLUMNS), row
            assert row[0] == client
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row[1]), row
            dt.date.fromisoformat(row[1])
            assert row[2] in ("diary", "measure", "gbo", "gas"), row
            assert row[3], row
            if row[2] == "measure":
                assert row[4].isdigit() and int(row[4]) >= 1, row
            else:
                assert row[4] == "", row
            if row[2] != "gas":
                assert row[7] == "", row
        # one row per value: exactly the values of the client's entries, none twice
        folder = project.client(client)
        assert folder is not None
        files = effective([doc.entries for doc in folder.entries])
        assert Counter(tuple(r) for r in body) == expected_rows(client, files)
        keys = [(r[1], r[2], r[3], r[4], r[5]) for r in body]
        assert len(keys) == len(set(keys)), f"{client}: a value is given twice"
        assert [r[1] for r in body] == sorted(r[1] for r in body)  # in date order


def test_export_of_an_unknown_client_is_a_usage_error(project: Project, run: Run) -> None:
    result = run("export", "C-9999", "--project", project.root)
    assert result.exit_code == 2
    assert "C-9999" in result.output
    assert "Traceback" not in result.output


# --- 4. a mood app's CSV -----------------------------------------------------------------

MOOD_CLIENT = CLIENT + "  - {id: notes, label: Notes, kind: text}\n"
MOOD_HEADER = "full_date,date,weekday,time,mood,activities,note_title,note\n"
MOOD_CSV = MOOD_HEADER + (
    # two entries: awful (1) and 4 -> mean 2.5, rounded half up to 3 (round() would say 2)
    "2026-11-15,November 15,Sunday,21:00,awful,walk | friends,,\n"
    "2026-11-15,November 15,Sunday,09:00,4,,,\n"
    # one entry, activities not mapped: walked is no
    "2026-11-16,November 16,Monday,20:00,good,reading | cooking,,\n"
    # meh (5) and rad (9) -> 7; no activity at all: walked is no; two notes
    "2026-11-17,November 17,Tuesday,22:00,rad,,Evening,Called my sister\n"
    "2026-11-17,November 17,Tuesday,08:00,meh,,,Slow start\n"
    # a number passes as it is; an activity named in mixed case
    "2026-11-18,November 18,Wednesday,19:30,6,Walk,,\n"
)
MAPPING = ["--tracker", "mood", "--moods", "awful=1,bad=3,meh=5,good=7,rad=9"]
FULL_MAPPING = [*MAPPING, "--activity", "walk=walked", "--note-tracker", "notes"]


@pytest.fixture
def mood_project(project: Project) -> Project:
    project.client(MOOD_CLIENT)
    project.write("moods.csv", MOOD_CSV)
    return project


def test_mood_app_csv_with_a_mapping(mood_project: Project, run: Run) -> None:
    root = mood_project.root
    before = snapshot(root)
    result = do_import(run, root, root / "moods.csv", "--client", "C-0001", *FULL_MAPPING)
    assert result.exit_code == 0, result.output
    assert "mood app CSV" in result.output
    assert "activities with no tracker, left out: cooking, friends, reading" in result.output
    assert "2 days had several moods" in result.output
    data = written_entries(root, before)
    assert new_files(root, before)[0].split("/")[-1].startswith(f"{AS_OF}-import-mood-app-csv-")
    assert data["diary"] == {
        dt.date(2026, 11, 15): {"mood": 3, "walked": True},
        dt.date(2026, 11, 16): {"mood": 7, "walked": False},
        dt.date(2026, 11, 17): {
            "mood": 7,
            "walked": False,
            "notes": "Evening Called my sister / Slow start",
        },
        dt.date(2026, 11, 18): {"mood": 6, "walked": True},
    }
    assert check_json(run, root)["summary"]["errors"] == 0
    assert "C-0001,2026-11-15,diary,mood,,,3,\n" in export(run, root)
    # the same file again adds nothing
    after = snapshot(root)
    again = do_import(run, root, root / "moods.csv", "--client", "C-0001", *FULL_MAPPING)
    assert again.exit_code == 0, again.output
    assert "nothing new to import" in again.output
    assert snapshot(root) == after


def test_mood_app_csv_without_a_mapping_explains_the_options(
    mood_project: Project, run: Run
) -> None:
    root = mood_project.root
    before = snapshot(root)
    result = do_import(run, root, root / "moods.csv", "--client", "C-0001")
    assert_refused(
        result, root, before, "moods.csv", "mood app", "--tracker", "--moods", "--activity",
        "--note-tracker", "Nothing was written",
    )  # fmt: skip


def test_mood_app_csv_needs_to_know_whose_it_is(mood_project: Project, run: Run) -> None:
    root = mood_project.root
    before = snapshot(root)
    result = do_import(run, root, root / "moods.csv", *FULL_MAPPING)
    assert_refused(result, root, before, "moods.csv", "whose", "--client")


@pytest.mark.parametrize(
    ("options", "csv_text", "words"),
    [
        pytest.param(
            ["--tracker", "feelings", "--moods", "awful=1,bad=3,meh=5,good=7,rad=9"],
            MOOD_CSV,
            ["no rating tracker 'feelings'"],
            id="mood-tracker-missing",
        ),
        pytest.param(
            ["--tracker", "notes", "--moods", "awful=1,bad=3,meh=5,good=7,rad=9"],
            MOOD_CSV,
            ["no rating tracker 'notes'"],
            id="mood-tracker-not-a-rating",
        ),
        pytest.param(
            [*MAPPING, "--activity", "walk=steps"],
            MOOD_CSV,
            ["no tracker 'steps'"],
            id="activity-tracker-missing",
        ),
        pytest.param(
            [*MAPPING, "--activity", "walk=mood"],
            MOOD_CSV,
            ["'mood' is not a yes/no tracker"],
            id="activity-tracker-not-yes-no",
        ),
        pytest.param(
            [*MAPPING, "--note-tracker", "journal"],
            MOOD_CSV,
            ["no tracker 'journal'"],
            id="note-tracker-missing",
        ),
        pytest.param(
            ["--tracker", "mood", "--moods", "awful=1,bad=3,meh=5,good=7"],
            MOOD_CSV,
            ["wrong value", "moods.csv:5", "mood 'rad' is not in --moods"],
            id="word-not-mapped",
        ),
        pytest.param(
            ["--tracker", "mood", "--moods", "awful=1,bad=3,meh=5,good=7,rad=11"],
            MOOD_CSV,
            ["rad=11 is outside Mood's scale (1 to 10)"],
            id="mapped-value-outside-scale",
        ),
        pytest.param(
            ["--tracker", "mood", "--moods", "awful=0,bad=3,meh=5,good=7,rad=9"],
            MOOD_CSV,
            ["awful=0 is outside Mood's scale (1 to 10)"],
            id="mapped-value-below-scale",
        ),
        pytest.param(
            MAPPING,
            MOOD_HEADER + "2026-11-16,November 16,Monday,20:00,14,,,\n",
            ["wrong value", "moods.csv:2", "mood 14 is outside the scale (1 to 10)"],
            id="number-outside-scale",
        ),
        pytest.param(
            MAPPING,
            MOOD_HEADER + "2026-11-21,November 21,Saturday,20:00,good,,,\n",
            ["wrong value", "moods.csv:2", "has not happened yet"],
            id="future-day",
        ),
        pytest.param(
            MAPPING,
            MOOD_HEADER + "someday,,,20:00,good,,,\n",
            ["wrong value", "moods.csv:2", "'someday' is not a date"],
            id="not-a-date",
        ),
    ],
)
def test_mood_app_csv_with_a_mapping_that_does_not_fit(
    mood_project: Project, run: Run, options: list[str], csv_text: str, words: list[str]
) -> None:
    root = mood_project.root
    mood_project.write("moods.csv", csv_text)
    before = snapshot(root)
    result = do_import(run, root, root / "moods.csv", "--client", "C-0001", *options)
    assert_refused(result, root, before, "moods.csv", "Nothing was written", *words)


@pytest.mark.parametrize(
    ("options", "words"),
    [
        (["--moods", "awful=1"], ["need --tracker"]),
        (["--activity", "walk=walked"], ["need --tracker"]),
        (["--tracker", "mood", "--moods", "awful"], ["'awful' should be NAME=VALUE"]),
        (["--tracker", "mood", "--moods", "awful=low"], ["low is not a number"]),
        (["--tracker", "mood", "--activity", "walk"], ["'walk' should be NAME=VALUE"]),
    ],
)
def test_mood_mapping_options_that_cannot_be_read_are_usage_errors(
    mood_project: Project, run: Run, options: list[str], words: list[str]
) -> None:
    root = mood_project.root
    before = snapshot(root)
    result = do_import(run, root, root / "moods.csv", "--client", "C-0001", *options)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    for word in words:
        assert word in result.output
    assert snapshot(root) == before


def test_mood_app_csv_skip_invalid_keeps_the_good_days(mood_project: Project, run: Run) -> None:
    root = mood_project.root
    before = snapshot(root)
    without_rad = ["--tracker", "mood", "--moods", "awful=1,bad=3,meh=5,good=7"]
    result = do_import(
        run, root, root / "moods.csv", "--client", "C-0001", "--skip-invalid", *without_rad
    )
    assert result.exit_code == 0, result.output
    assert "wrong value: moods.csv:5: mood 'rad' is not in --moods" in result.output
    data = written_entries(root, before)
    # 17 November keeps only its valid entry (meh = 5)
    assert data["diary"] == {
        dt.date(2026, 11, 15): {"mood": 3},
        dt.date(2026, 11, 16): {"mood": 7},
        dt.date(2026, 11, 17): {"mood": 5},
        dt.date(2026, 11, 18): {"mood": 6},
    }


# --- 5. bad inputs -----------------------------------------------------------------------

ROW = "C-0001,2026-11-02,diary,mood,,,4,\n"


def big_csv() -> bytes:
    line = ROW.encode()
    data = HEADER.encode() + line * (10_000_000 // len(line) + 1)
    assert len(data) > 10_000_000
    return data


BAD_INPUTS: list[Any] = [
    pytest.param(b"day,feeling\n2026-11-02,4\n", ["does not know this CSV's columns", "day, feeling", "client, date, record"], id="wrong-columns"),
    pytest.param(HEADER.encode() + b"C-0001,2026-11-02,diary,mood,,,4,caf\xe9\n", ["not UTF-8", "0xe9", "UTF-8"], id="latin-1"),
    pytest.param(big_csv, ["too large", "10,000,000"], id="over-10-MB"),
    pytest.param(b"", ["the CSV file is empty"], id="empty"),
    pytest.param(b"\n  \n\n", ["the CSV file is empty"], id="only-blank-lines"),
    pytest.param((HEADER + "C-0001,2026-11-02,diary,mood,,,4,,extra\n").encode(), ["9 cells", "8 columns"], id="more-cells-than-header"),
    pytest.param((HEADER + ROW + "C-0002,2026-11-02,diary,mood,,,4,\n").encode(), ["2 clients", "C-0001, C-0002", "one client"], id="two-clients"),
    pytest.param((HEADER + "C-0999,2026-11-02,diary,mood,,,4,\n").encode(), ["C-0999", "not in goalsheets/"], id="unknown-client"),
    pytest.param((HEADER + "C-0001,2026-11-02,diary,sleep,,,4,\n").encode(), ["in.csv:2", "no tracker 'sleep'"], id="unknown-tracker"),
    pytest.param((HEADER + "C-0001,2026-11-02,measure,XYZ-3,1,,1,\n").encode(), ["in.csv:2", "'XYZ-3' is not a measure"], id="unknown-measure"),
    pytest.param((HEADER + "C-0001,2026-11-02,gbo,swim,,client,4,\n").encode(), ["in.csv:2", "no goal 'swim'"], id="unknown-goal"),
    pytest.param((HEADER + "C-0001,2026-11-02,diary,mood,,,11,\n").encode(), ["in.csv:2", "11 is outside the scale (1 to 10)"], id="diary-out-of-range"),
    pytest.param((HEADER + "C-0001,2026-11-02,measure,GAD-7,1,,7,\n").encode(), ["in.csv:2", "GAD-7", "from 0 to 3"], id="answer-out-of-range"),
    pytest.param((HEADER + "C-0001,2026-11-02,measure,GAD-7,8,,1,\n").encode(), ["in.csv:2", "from 1 to 7"], id="item-out-of-range"),
    pytest.param((HEADER + "C-0001,2026-11-02,gbo,walks,,client,11,\n").encode(), ["in.csv:2", "outside the GBO scale"], id="gbo-out-of-range"),
    pytest.param((HEADER + "C-0001,2026-11-02,gas,walks,,,3,1\n").encode(), ["in.csv:2", "from -2 to 2"], id="gas-out-of-range"),
    pytest.param((HEADER + "C-0001,2026-11-02,diary,mood,,,great,\n").encode(), ["in.csv:2", "'great' is not a number"], id="not-a-number"),
    pytest.param((HEADER + "C-0001,2026-11-02,gas,walks,,,1,heavy\n").encode(), ["in.csv:2", "weight 'heavy' is not a number"], id="weight-not-a-number"),
    pytest.param((HEADER + "C-0001,2026-11-02,diary,walked,,,maybe,\n").encode(), ["in.csv:2", "'maybe' is not yes or no"], id="not-yes-or-no"),
    pytest.param((HEADER + "C-0001,02/11/2026,diary,mood,,,4,\n").encode(), ["in.csv:2", "'02/11/2026' is not a date", "YYYY-MM-DD"], id="date-day-first"),
    pytest.param((HEADER + "C-0001,2 Nov 2026,diary,mood,,,4,\n").encode(), ["in.csv:2", "'2 Nov 2026' is not a date", "YYYY-MM-DD"], id="date-in-words"),
    pytest.param((HEADER + "C-0001,2026-02-30,diary,mood,,,4,\n").encode(), ["in.csv:2", "'2026-02-30' is not a date"], id="date-not-real"),
    pytest.param((HEADER + "C-0001,2026-11-21,diary,mood,,,4,\n").encode(), ["in.csv:2", "2026-11-21 has not happened yet"], id="future-date"),
    pytest.param((HEADER + "C-0001,2026-11-02,gbo,walks,,,4,\n").encode(), ["in.csv:2", "a GBO rating needs a rater"], id="gbo-without-rater"),
    pytest.param((HEADER + "C-0001,2026-11-02,measure,GAD-7,1,,1,\nC-0001,2026-11-02,measure,GAD-7,1,,2,\n").encode(), ["in.csv:3", "GAD-7 question 1 on 2026-11-02 is given twice"], id="item-given-twice"),
    pytest.param((HEADER + "C-0001,2026-11-02,notes,mood,,,4,\n").encode(), ["in.csv:2", "record 'notes' is not one of diary, measure, gbo, gas"], id="unknown-record"),
    pytest.param((HEADER + 'C-0001,2026-11-02,diary,mood,,,"4,\n').encode(), ["the CSV cannot be read"], id="unclosed-quote"),
    pytest.param(b"client,date,record,name,value,value\n", ["names a column twice"], id="column-twice"),
    pytest.param(b"client,date\x00\n", ["not a text file"], id="binary"),
    pytest.param(b"date,record,name,item,rater,value,weight\n2026-11-02,diary,mood,,,4,\n", ["does not say whose data it is", "--client"], id="no-client-column"),
]  # fmt: skip


@pytest.mark.parametrize(("content", "words"), BAD_INPUTS)
def test_bad_input_is_refused_and_nothing_is_written(
    project: Project, run: Run, content: bytes | Callable[[], bytes], words: list[str]
) -> None:
    source = project.write("in.csv", content() if callable(content) else content)
    before = snapshot(project.root)
    result = do_import(run, project.root, source)
    assert_refused(result, project.root, before, "in.csv", "Nothing was written", *words)
    as_json = do_import(run, project.root, source, "--format", "json")
    assert as_json.exit_code == 1
    data = json.loads(as_json.stdout)
    assert data["blocked"] is True and data["written"] == []
    assert snapshot(project.root) == before


def test_future_date_is_judged_against_as_of(project: Project, run: Run) -> None:
    source = project.write("in.csv", HEADER + "C-0001,2026-11-21,diary,mood,,,4,\n")
    before = snapshot(project.root)
    refused = do_import(run, project.root, source)
    assert_refused(refused, project.root, before, "has not happened yet")
    later = run("import", source, "--project", project.root, "--as-of", "2026-11-21")
    assert later.exit_code == 0, later.output
    assert written_entries(project.root, before)["diary"] == {dt.date(2026, 11, 21): {"mood": 4}}


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"\xef\xbb\xbf" + (HEADER + ROW).encode(), id="utf-8-bom"),
        pytest.param((HEADER + ROW).replace(",", ";").encode(), id="semicolons"),
        pytest.param((HEADER + ROW).replace(",", "\t").encode(), id="tabs"),
        pytest.param((HEADER + ROW).replace("\n", "\r\n").encode(), id="crlf"),
        pytest.param(
            b"\xef\xbb\xbf"
            + (HEADER.upper() + ROW).replace(",", ";").replace("\n", "\r\n").encode(),
            id="excel-europe-bom-semicolons-crlf-upper-case-header",
        ),
        pytest.param((HEADER + ROW.replace(",4,", ',"4,0",')).encode(), id="decimal-comma"),
        pytest.param((HEADER + "\n" + ROW + ",,,,,,,\n").encode(), id="blank-rows"),
    ],
)
def test_spreadsheet_variants_are_read(project: Project, run: Run, content: bytes) -> None:
    source = project.write("in.csv", content)
    before = snapshot(project.root)
    result = do_import(run, project.root, source)
    assert result.exit_code == 0, result.output
    assert written_entries(project.root, before)["diary"] == {dt.date(2026, 11, 2): {"mood": 4}}
    assert ROW in export(run, project.root)


def test_csv_without_client_column_goes_to_the_client_named(project: Project, run: Run) -> None:
    source = project.write("in.csv", "date,record,name,value\n2026-11-02,diary,mood,4\n")
    before = snapshot(project.root)
    result = do_import(run, project.root, source, "--client", "C-0001")
    assert result.exit_code == 0, result.output
    assert written_entries(project.root, before)["diary"] == {dt.date(2026, 11, 2): {"mood": 4}}


def test_csv_of_another_client_than_the_one_named_is_refused(project: Project, run: Run) -> None:
    project.client(CLIENT.replace("C-0001", "C-0002"), client_id="C-0002")
    source = project.write("in.csv", HEADER + ROW)
    before = snapshot(project.root)
    result = do_import(run, project.root, source, "--client", "C-0002")
    assert_refused(result, project.root, before, "in.csv", "C-0001", "C-0002")


def test_one_bad_file_stops_every_file(project: Project, run: Run) -> None:
    good = project.write("good.csv", HEADER + ROW)
    bad = project.write("bad.csv", HEADER + "C-0001,2026-11-03,diary,mood,,,99,\n")
    before = snapshot(project.root)
    result = do_import(run, project.root, good, bad)
    assert_refused(result, project.root, before, "good.csv", "bad.csv:2", "would add")
    broken = project.write("broken.csv", b"caf\xe9\n")
    result = do_import(run, project.root, good, broken)
    assert_refused(result, project.root, before, "broken.csv", "not UTF-8")


# --- 6. --skip-invalid, --dry-run, --format json -----------------------------------------

MIXED = HEADER + (
    "C-0001,2026-11-02,diary,mood,,,6,\n"
    "C-0001,2026-11-02,diary,walked,,,no,\n"
    "C-0001,2026-11-03,diary,mood,,,12,\n"
    "C-0001,2026-11-03,diary,sleep,,,7,\n"
    "C-0001,2026-11-04,gbo,walks,,client,5,\n"
    "C-0001,2026-11-31,diary,mood,,,4,\n"
)


def test_skip_invalid_imports_the_valid_rows_and_reports_the_rest(
    project: Project, run: Run
) -> None:
    source = project.write("mixed.csv", MIXED)
    before = snapshot(project.root)
    refused = do_import(run, project.root, source)
    assert_refused(refused, project.root, before, "--skip-invalid")

    result = do_import(run, project.root, source, "--skip-invalid")
    assert result.exit_code == 0, result.output
    for line in (
        "wrong value: mixed.csv:4: 12 is outside the scale (1 to 10)",
        "wrong value: mixed.csv:5: the client has no tracker 'sleep'",
        "wrong value: mixed.csv:7: '2026-11-31' is not a date",
    ):
        assert line in result.output
    data = written_entries(project.root, before)
    assert data["diary"] == {dt.date(2026, 11, 2): {"mood": 6, "walked": False}}
    assert data["ratings"] == [
        {"date": dt.date(2026, 11, 4), "goal": "walks", "rater": "client", "gbo": 5}
    ]
    assert "corrects" not in data
    assert check_json(run, project.root)["summary"]["errors"] == 0


def test_skip_invalid_json_lists_the_wrong_values(project: Project, run: Run) -> None:
    source = project.write("mixed.csv", MIXED)
    result = do_import(run, project.root, source, "--skip-invalid", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["blocked"] is False and len(data["written"]) == 1
    skipped = data["files"][0]["skipped"]
    assert [s["field"] for s in skipped] == ["mixed.csv:4", "mixed.csv:5", "mixed.csv:7"]
    assert all(s["wrong_value"] is True for s in skipped)
    assert (project.root / data["written"][0]).is_file()


def test_dry_run_writes_nothing(project: Project, run: Run) -> None:
    source = project.write("in.csv", HEADER + ROW + "C-0001,2026-11-03,gbo,walks,,client,5,\n")
    before = snapshot(project.root)
    result = do_import(run, project.root, source, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "would add 2 values" in result.output
    assert "Dry run: nothing was written." in result.output
    assert snapshot(project.root) == before

    as_json = do_import(run, project.root, source, "--dry-run", "--format", "json")
    assert as_json.exit_code == 0
    data = json.loads(as_json.stdout)
    assert data["dry_run"] is True and data["written"] == [] and data["blocked"] is False
    assert data["files"][0]["target"].startswith(f"goalsheets/C-0001/entries/{AS_OF}-import-")
    assert len(data["files"][0]["added"]) == 2
    assert snapshot(project.root) == before

    # a dry run of a file with a wrong value says so, exits 1 and writes nothing either
    wrong = project.write("wrong.csv", HEADER + "C-0001,2026-11-03,diary,mood,,,0,\n")
    refused = do_import(run, project.root, wrong, "--dry-run")
    assert_refused(refused, project.root, snapshot(project.root), "wrong.csv:2")


def test_json_summary_has_the_documented_keys(project: Project, run: Run) -> None:
    source = project.write("in.csv", HEADER + ROW)
    result = do_import(run, project.root, source, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"dry_run", "written", "blocked", "files"} <= set(data)
    assert data["dry_run"] is False and data["blocked"] is False
    assert data["written"] == [data["files"][0]["target"]]
    assert (project.root / data["written"][0]).is_file()
    entry = data["files"][0]
    assert entry["file"] == "in.csv" and entry["client"] == "C-0001"
    assert entry["form"] == "goalsheet CSV"
    assert entry["added"] == [{"what": "diary: mood", "label": "Mood on 2026-11-02", "value": 4}]
    assert entry["errors"] == [] and entry["conflicts"] == [] and entry["skipped"] == []

    broken = project.write("broken.csv", b"nothing,useful\n1,2\n")
    refused = do_import(run, project.root, broken, "--format", "json")
    assert refused.exit_code == 1
    data = json.loads(refused.stdout)
    assert data["blocked"] is True and data["written"] == []
    assert data["files"][0]["errors"][0]["code"] == "GS403"


# --- 7. conflicts -----------------------------------------------------------------------

RECORDED = """\
ratings:
  - {date: 2026-11-03, goal: walks, rater: client, gbo: 4}
measures:
  - {date: 2026-11-03, measure: GAD-7, answers: [1, 1, 1, 1, 1, 1, 1]}
"""
# e1.yaml holds 2026-11-01 {mood: 5, walked: yes}; RECORDED the rating and questionnaire.
CONFLICTING = HEADER + (
    "C-0001,2026-11-01,diary,mood,,,7,\n"  # recorded 5
    "C-0001,2026-11-01,diary,walked,,,yes,\n"  # the same
    "C-0001,2026-11-02,diary,mood,,,6,\n"  # new
    "C-0001,2026-11-03,gbo,walks,,client,8,\n"  # recorded 4
    + "".join(f"C-0001,2026-11-03,measure,GAD-7,{n},,{2 if n == 1 else 1},\n" for n in range(1, 8))
)


@pytest.fixture
def recorded(project: Project) -> Project:
    project.entries(RECORDED)
    project.write("changed.csv", CONFLICTING)
    return project


def test_a_different_value_stops_the_import_and_shows_both(recorded: Project, run: Run) -> None:
    root = recorded.root
    before = snapshot(root)
    result = do_import(run, root, root / "changed.csv")
    assert_refused(
        result, root, before, "changed.csv",
        "conflict: Mood on 2026-11-01: recorded 5, this file says 7",
        "conflict: GBO rating of 'walks' by client on 2026-11-03: recorded 4, this file says 8",
        "conflict: GAD-7 on 2026-11-03: recorded [1, 1, 1, 1, 1, 1, 1], this file says [2, 1, 1, 1, 1, 1, 1]",
        "--prefer new", "--prefer old",
    )  # fmt: skip
    as_json = do_import(run, root, root / "changed.csv", "--format", "json")
    assert as_json.exit_code == 1
    conflicts = json.loads(as_json.stdout)["files"][0]["conflicts"]
    assert {"label": "Mood on 2026-11-01", "recorded": 5, "file": 7} in conflicts
    assert len(conflicts) == 3
    assert snapshot(root) == before


def test_prefer_new_writes_a_correction_that_export_and_check_honour(
    recorded: Project, run: Run
) -> None:
    root = recorded.root
    before = snapshot(root)
    result = do_import(run, root, root / "changed.csv", "--prefer", "new")
    assert result.exit_code == 0, result.output
    assert "replaced (--prefer new): Mood on 2026-11-01: 5 -> 7" in result.output
    data = written_entries(root, before)
    assert data["corrects"] is True
    assert data["diary"][dt.date(2026, 11, 1)] == {"mood": 7}
    assert data["diary"][dt.date(2026, 11, 2)] == {"mood": 6}
    for name, text in before.items():  # nothing a person wrote was edited
        assert (root / name).read_bytes() == text

    exported = export(run, root)
    assert "C-0001,2026-11-01,diary,mood,,,7,\n" in exported
    assert "C-0001,2026-11-01,diary,mood,,,5,\n" not in exported
    assert "C-0001,2026-11-01,diary,walked,,,yes,\n" in exported
    assert "C-0001,2026-11-03,gbo,walks,,client,8,\n" in exported
    assert "C-0001,2026-11-03,measure,GAD-7,1,,2,\n" in exported
    assert exported.count("C-0001,2026-11-03,measure,GAD-7,1,") == 1

    checked = check_json(run, root)
    assert checked["summary"]["errors"] == 0, checked["findings"]
    assert not [f for f in checked["findings"] if f["code"] == "GS204"]

    after = snapshot(root)
    again = do_import(run, root, root / "changed.csv")  # now it is all recorded
    assert again.exit_code == 0, again.output
    assert "nothing new to import" in again.output
    assert snapshot(root) == after
    report = report_json(run, root, "C-0001")
    assert [(m["measure"], m["date"], m["total"]) for m in report["measures"]] == [
        ("GAD-7", "2026-11-03", 8)
    ]


def test_without_a_correction_a_hand_written_duplicate_is_a_gs204_error(
    project: Project, run: Run
) -> None:
    """The control for the test above: check does report GS204 for the same values
    recorded twice without `corrects`."""
    project.entries("diary:\n  2026-11-01: {mood: 7}\n")
    checked = check_json(run, project.root)
    assert [f for f in checked["findings"] if f["code"] == "GS204"]


def test_prefer_old_adds_only_the_rows_that_do_not_conflict(recorded: Project, run: Run) -> None:
    root = recorded.root
    before = snapshot(root)
    result = do_import(run, root, root / "changed.csv", "--prefer", "old")
    assert result.exit_code == 0, result.output
    assert "kept (--prefer old): Mood on 2026-11-01: 5 (this file said 7)" in result.output
    data = written_entries(root, before)
    assert "corrects" not in data
    assert data["diary"] == {dt.date(2026, 11, 2): {"mood": 6}}
    assert "ratings" not in data and "measures" not in data
    exported = export(run, root)
    assert "C-0001,2026-11-01,diary,mood,,,5,\n" in exported
    assert "C-0001,2026-11-03,gbo,walks,,client,4,\n" in exported
    assert check_json(run, root)["summary"]["errors"] == 0


def test_two_files_that_disagree_in_one_import_conflict(project: Project, run: Run) -> None:
    first = project.write("a.csv", HEADER + "C-0001,2026-11-05,diary,mood,,,4,\n")
    second = project.write("b.csv", HEADER + "C-0001,2026-11-05,diary,mood,,,8,\n")
    before = snapshot(project.root)
    result = do_import(run, project.root, first, second)
    assert_refused(result, project.root, before, "b.csv", "recorded 4, this file says 8")


# --- bugs found by these tests, now fixed ----------------------------------------------

WRITE_TIME_INVALID = [
    pytest.param("C-0001,2026-11-03,gas,walks,,,1,0\n", "weight", id="gas-weight-0"),
    pytest.param("C-0001,2026-11-03,gas,walks,,,1,500\n", "weight", id="gas-weight-500"),
    pytest.param("C-0001,2026-11-03,gbo,walks,,Dr Who,4,\n", "Dr Who", id="rater-not-an-id"),
]


@pytest.mark.parametrize(("row", "word"), WRITE_TIME_INVALID)
def test_a_value_refused_at_write_time_leaves_earlier_files_unwritten(
    project: Project, run: Run, row: str, word: str
) -> None:
    good = project.write("a.csv", HEADER + ROW)
    bad = project.write("b.csv", HEADER + row)
    before = snapshot(project.root)
    result = do_import(run, project.root, good, bad)
    assert_refused(result, project.root, before, word)


@pytest.mark.parametrize(("row", "word"), WRITE_TIME_INVALID)
def test_a_value_the_entries_file_cannot_hold_is_a_wrong_value_on_its_csv_line(
    project: Project, run: Run, row: str, word: str
) -> None:
    source = project.write("in.csv", HEADER + row)
    before = snapshot(project.root)
    dry = do_import(run, project.root, source, "--dry-run")
    assert_refused(dry, project.root, before, "in.csv:2", word)
    result = do_import(run, project.root, source, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["blocked"] is True
    assert data["files"][0]["skipped"][0]["field"] == "in.csv:2"


def test_a_csv_giving_one_day_two_different_values_is_not_silently_cut(
    project: Project, run: Run
) -> None:
    source = project.write(
        "in.csv", HEADER + "C-0001,2026-11-02,diary,mood,,,4,\nC-0001,2026-11-02,diary,mood,,,6,\n"
    )
    before = snapshot(project.root)
    result = do_import(run, project.root, source)
    assert_refused(result, project.root, before, "in.csv:3")


def test_text_a_spreadsheet_would_run_is_guarded_and_still_round_trips(
    project: Project, run: Run
) -> None:
    project.client(CLIENT + "  - {id: notes, label: Notes, kind: text}\n")
    project.entries(
        "diary:\n"
        "  2026-11-02: {notes: '=HYPERLINK(\"http://x.invalid\")'}\n"
        '  2026-11-03: {notes: "\'quoted already"}\n'
        "  2026-11-04: {notes: '-3 steps back'}\n"
    )
    first = export(run, project.root)
    cells = [row[6] for row in csv.reader(io.StringIO(first)) if row[3] == "notes"]
    assert cells == ['\'=HYPERLINK("http://x.invalid")', "''quoted already", "'-3 steps back"]
    entries = project.root / "goalsheets" / "C-0001" / "entries"
    saved = {p.name: p.read_bytes() for p in entries.iterdir()}
    for path in entries.iterdir():
        path.unlink()
    source = project.write("in.csv", first)
    assert do_import(run, project.root, source).exit_code == 0
    assert export(run, project.root) == first
    assert saved
