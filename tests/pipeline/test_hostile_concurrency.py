"""Two goalsheet commands at once, in real processes released together by a barrier: one
project lock for every writer and every build (src/goalsheet/lock.py), and an import that
never writes a file `check` refuses (src/goalsheet/importing/entries_file.py).

- two imports of the same CSV add its values once; two conflicting CSVs: one lands and the
  other reports the conflict; two builds: both succeed and the search index is whole;
- a held lock makes a second writer wait its bounded time and name the holder (GS406),
  and a holder killed with SIGKILL never blocks anyone;
- an import of 199,000 CSV rows is written as entries files that `check` reads, and a dry
  run afterwards adds nothing.
All data is fictional.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections import Counter
from pathlib import Path

import pytest
import yaml

from goalsheet.findings import GoalsheetError
from goalsheet.intake.items import Item, existing
from goalsheet.intake.merge import Merged
from goalsheet.intake.outcome import Outcome
from goalsheet.model.entries import EntryFile
from goalsheet.pipeline.preview import site_preview
from goalsheet.project import load_project
from goalsheet.read.yaml_source import MAX_BYTES, read_yaml
from goalsheet.site.cache import CACHE_DIR
from helpers.cli import invoke
from helpers.project import CLIENT, ENTRIES, REPO, Project

PY = sys.executable
AS_OF = "2026-11-20"
ROUNDS = 4
HEADER = "client,date,record,name,item,rater,value,weight\n"
LOCK_DIR = ".goalsheet-cache"  # goalsheet.lock's names, written out so that every test
LOCK_FILE = f"{LOCK_DIR}/lock"  # here also runs (and fails) where there is no lock at all
TIMEOUT_VARIABLE = "GOALSHEET_LOCK_TIMEOUT"

# Each process imports goalsheet fully, says it is ready, and waits until all are: the
# commands then start within a millisecond of each other.
AT_ONCE = textwrap.dedent(
    """\
    import os, sys, time
    import goalsheet.pipeline.build, goalsheet.intake.run
    from goalsheet.cli import main
    barrier, count = sys.argv[1], int(sys.argv[2])
    open(os.path.join(barrier, str(os.getpid())), "w").close()
    while len(os.listdir(barrier)) < count:
        time.sleep(0.0005)
    sys.argv = ["goalsheet", *sys.argv[3:]]
    main()
    """
)

GOAL_FLAGS = (
    "--title", "Answer the phone at work", "--specific", "Pick up when it rings at my desk",
    "--what", "calls answered", "--unit", "per week", "--direction", "up", "--baseline", "1",
    "--target", "5", "--achievable", "My manager knows", "--why", "I want to stop dreading work",
    "--target-date", "in 8 weeks", "--step", "One call from a colleague", "--step",
    "One call from outside", "--tracker",
)  # fmt: skip

# Holds the project's lock as `goalsheet import` would, until killed.
HOLDER = textwrap.dedent(
    """\
    import sys, time
    from pathlib import Path
    from goalsheet.lock import project_lock
    with project_lock(Path(sys.argv[1]), "goalsheet import"):
        print("held", flush=True)
        time.sleep(120)
    """
)


def together(
    barrier: Path, *commands: list[str], wait: str = "120", timeout: float = 300
) -> list[tuple[int, str]]:
    """Run goalsheet commands in separate processes released at the same instant; each
    one's exit code and output (stdout and stderr). `wait`: the lock's, in seconds."""
    barrier.mkdir()
    env = {**os.environ, TIMEOUT_VARIABLE: wait}
    processes = [
        subprocess.Popen(
            [PY, "-c", AT_ONCE, str(barrier), str(len(commands)), *command],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
        )
        for command in commands
    ]
    return [(p.wait(timeout=timeout), p.communicate()[0]) for p in processes]


def practice(root: Path) -> Project:
    made = Project(root)
    made.write("goalsheet.yaml", "practice: {name: Test Practice}\n")
    made.client()
    made.entries(ENTRIES, name="e1.yaml")
    return made


def diary_csv(path: Path, days: int, mood: int) -> Path:
    start = dt.date(2026, 10, 1)
    rows = [f"C-0001,{start + dt.timedelta(days=n)},diary,mood,,,{mood},\n" for n in range(days)]
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def keyed_values(root: Path) -> Counter[tuple[object, ...]]:
    """How many times each keyed value (a day's tracker, a rating...) is recorded."""
    project = load_project(root)
    assert not [f for f in project.findings if f.severity == "error"], project.findings
    folder = project.client("C-0001")
    assert folder is not None
    return Counter(key for doc in folder.entries for key, _value in existing(doc.entries))


def imported(root: Path) -> list[Path]:
    return sorted((root / "goalsheets/C-0001/entries").glob("*-import-*.yaml"))


def holder(root: Path) -> subprocess.Popen[str]:
    process = subprocess.Popen([PY, "-c", HOLDER, str(root)], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "held"
    return process


@pytest.mark.slow
@pytest.mark.parametrize("round_", range(ROUNDS))
def test_two_imports_of_the_same_csv_at_once_add_its_values_once(
    tmp_path: Path, round_: int
) -> None:
    made = practice(tmp_path / "practice")
    csv = diary_csv(tmp_path / "moods.csv", 20, 6)
    command = ["import", str(csv), "--project", str(made.root), "--as-of", AS_OF]
    results = together(tmp_path / "barrier", command, command)
    assert [code for code, _ in results] == [0, 0], results
    assert all("Traceback" not in output for _, output in results)
    assert len(imported(made.root)) == 1, results  # the second found them already there
    counts = keyed_values(made.root)
    assert max(counts.values()) == 1
    assert sum(1 for key in counts if key[0] == "diary" and key[2] == "mood") == 21
    assert any("already recorded, nothing to add: 20" in output for _, output in results)


@pytest.mark.slow
@pytest.mark.parametrize("round_", range(ROUNDS))
def test_two_conflicting_csvs_at_once_one_lands_the_other_reports_the_conflict(
    tmp_path: Path, round_: int
) -> None:
    made = practice(tmp_path / "practice")
    low = diary_csv(tmp_path / "low.csv", 10, 2)
    high = diary_csv(tmp_path / "high.csv", 10, 9)
    results = together(
        tmp_path / "barrier",
        ["import", str(low), "--project", str(made.root), "--as-of", AS_OF],
        ["import", str(high), "--project", str(made.root), "--as-of", AS_OF],
    )
    codes = sorted(code for code, _ in results)
    assert codes == [0, 1], results
    loser = next(output for code, output in results if code == 1)
    assert "conflict: Mood on 2026-10-01" in loser
    assert "Nothing was written" in loser
    assert "Traceback" not in loser
    files = imported(made.root)
    assert len(files) == 1
    moods = {
        value
        for doc in yaml.safe_load_all(files[0].read_text(encoding="utf-8"))
        for value in [v["mood"] for v in doc["diary"].values()]
    }
    assert len(moods) == 1  # all of one file, none of the other
    assert max(keyed_values(made.root).values()) == 1


@pytest.mark.slow
@pytest.mark.parametrize("round_", range(2))
def test_three_builds_at_once_all_succeed_and_the_search_index_is_whole(
    tmp_path: Path, round_: int
) -> None:
    made = practice(tmp_path / "practice")
    shutil.copytree(REPO / "content", made.root / "content")  # a search index that takes a while
    command = ["build", "--no-pdf", "--project", str(made.root), "--as-of", AS_OF]
    results = together(tmp_path / "barrier", command, command, command)
    assert [code for code, _ in results] == [0, 0, 0], results
    assert all("Traceback" not in output for _, output in results)
    site = made.root / "site"
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert list((site / "pagefind").glob("pagefind-entry.json"))
    assert not (site / ".pagefind-new").exists() and not (site / ".pagefind-old").exists()
    assert not list(site.rglob("lock*"))  # the lock lives in the cache, never in the site


@pytest.mark.slow
def test_a_held_lock_makes_a_writer_wait_its_time_and_name_the_holder(tmp_path: Path) -> None:
    made = practice(tmp_path / "practice")
    csv = diary_csv(tmp_path / "moods.csv", 5, 6)
    process = holder(made.root)
    try:
        began = time.monotonic()
        result = subprocess.run(
            [PY, "-m", "goalsheet", "import", str(csv), "--project", str(made.root),
             "--as-of", AS_OF],
            capture_output=True, text=True, timeout=60,
            env={**os.environ, TIMEOUT_VARIABLE: "2"},
        )  # fmt: skip
        waited = time.monotonic() - began
    finally:
        process.kill()
        process.wait()
    assert result.returncode == 1, result
    assert 2 <= waited < 30
    assert "Traceback" not in result.stderr
    assert f"{LOCK_FILE}:1:1: GS406" in result.stderr
    assert f"`goalsheet import` (pid {process.pid} on " in result.stderr
    assert "try again when it ends" in result.stderr
    assert "Waiting for the project's lock" in result.stderr  # said at once, not after
    assert imported(made.root) == []


@pytest.mark.slow
def test_every_writer_and_build_waits_for_the_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = practice(tmp_path / "practice")
    made.write("content/page.md", "---\ntitle: A page\n---\nWords.\n")
    sheet = (made.root / "goalsheets/C-0001/goalsheet.yaml").read_bytes()
    monkeypatch.setenv(TIMEOUT_VARIABLE, "0.5")
    process = holder(made.root)
    try:
        commands = {
            "import": ["import", str(diary_csv(tmp_path / "m.csv", 3, 5)), "--as-of", AS_OF],
            "new client": ["new", "client", "--id", "C-0700", "--yes"],
            "new goal": ["new", "goal", "--client", "C-0001", *GOAL_FLAGS, "--yes"],
            "build": ["build", "--no-pdf", "--as-of", AS_OF],
        }  # fmt: skip
        for name, args in commands.items():
            result = invoke(*args, "--project", made.root, catch=True)
            assert result.exit_code == 1, (name, result.output)
            assert "GS406 the project is locked by `goalsheet import`" in result.output, name
            assert result.exception is None or isinstance(result.exception, SystemExit), name
        empty = tmp_path / "empty"  # init into an existing folder takes the lock there
        empty.mkdir()
        other = holder(empty)
        try:
            result = invoke("init", empty, "--name", "P", "--locale", "en_GB",
                            "--no-interactive", catch=True)  # fmt: skip
        finally:
            other.kill()
            other.wait()
        assert result.exit_code == 1 and "GS406" in result.output, result.output
        assert not (empty / "goalsheet.yaml").exists()
        preview = site_preview(made.root, dt.date(2026, 11, 20))
        assert [f.code for f in preview.rebuild()] == ["GS406"]  # serve says so, and goes on
    finally:
        process.kill()
        process.wait()
    assert imported(made.root) == []
    assert not (made.root / "goalsheets/C-0700").exists()
    assert (made.root / "goalsheets/C-0001/goalsheet.yaml").read_bytes() == sheet
    assert not (made.root / "site").exists()


@pytest.mark.slow
def test_a_holder_killed_with_sigkill_does_not_block(tmp_path: Path) -> None:
    made = practice(tmp_path / "practice")
    process = holder(made.root)
    os.kill(process.pid, signal.SIGKILL)  # no chance to clean up: the system frees the lock
    process.wait()
    assert (made.root / LOCK_FILE).exists()  # left behind, and harmless
    csv = diary_csv(tmp_path / "moods.csv", 5, 6)
    began = time.monotonic()
    result = subprocess.run(
        [PY, "-m", "goalsheet", "import", str(csv), "--project", str(made.root), "--as-of", AS_OF],
        capture_output=True, text=True, timeout=60, env={**os.environ, TIMEOUT_VARIABLE: "30"},
    )  # fmt: skip
    assert result.returncode == 0, result
    assert time.monotonic() - began < 20  # well under the 30 s wait: it never waited
    assert "Waiting for the project's lock" not in result.stderr
    assert len(imported(made.root)) == 1


def test_the_lock_is_taken_again_by_its_holder_and_lives_where_git_ignores_it(
    tmp_path: Path,
) -> None:
    from goalsheet import lock

    assert (lock.LOCK_DIR, lock.LOCK_FILE, lock.TIMEOUT_VARIABLE) == (
        LOCK_DIR, LOCK_FILE, TIMEOUT_VARIABLE)  # fmt: skip
    made = practice(tmp_path / "practice")
    with (
        lock.project_lock(made.root, "goalsheet serve", timeout=0),
        lock.project_lock(made.root, "goalsheet build", timeout=0),  # a build inside serve
    ):
        pass
    assert LOCK_DIR == CACHE_DIR
    result = invoke("init", tmp_path / "new", "--name", "P", "--locale", "en_GB",
                    "--no-interactive", catch=True)  # fmt: skip
    assert result.exit_code == 0, result.output
    ignored = (tmp_path / "new" / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert f"/{LOCK_DIR}/" in ignored
    assert f"/{LOCK_DIR}/" in (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()


@pytest.mark.slow
@pytest.mark.parametrize("round_", range(3))
def test_two_inits_into_one_existing_folder_at_once_make_one_project(
    tmp_path: Path, round_: int
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    results = together(
        tmp_path / "barrier",
        ["init", str(folder), "--name", "First", "--locale", "en_GB", "--no-interactive"],
        ["init", str(folder), "--name", "Second", "--locale", "es_ES", "--no-interactive"],
    )
    assert sorted(code for code, _ in results) == [0, 2], results  # the other: a usage error
    settings = yaml.safe_load((folder / "goalsheet.yaml").read_text(encoding="utf-8"))
    winner = next(o for code, o in results if code == 0)
    name = settings["practice"]["name"]
    assert name in ("First", "Second")
    # Every part of the project is the winner's: the example client speaks its language.
    example = (folder / "goalsheets/EXAMPLE-01/goalsheet.yaml").read_text(encoding="utf-8")
    assert ("Sample (fictional)" in example) == (name == "First"), winner


@pytest.mark.slow
def test_a_199000_row_csv_is_written_as_files_check_reads_and_a_dry_run_adds_nothing(
    tmp_path: Path,
) -> None:
    made = practice(tmp_path / "practice")
    rows = []
    day = dt.date(1750, 1, 1)
    while len(rows) < 199_000:  # the two diary trackers of 99,500 days: 3.6 MB of YAML
        walked = "yes" if day.day % 2 else "no"
        rows += [f"C-0001,{day},diary,mood,,,{day.day % 10 + 1},\n",
                 f"C-0001,{day},diary,walked,,,{walked},\n"]  # fmt: skip
        day += dt.timedelta(days=1)
    csv = tmp_path / "years.csv"
    csv.write_text(HEADER + "".join(rows), encoding="utf-8")
    first = invoke("import", csv, "--project", made.root, "--as-of", AS_OF, catch=True)
    assert first.exit_code == 0, first.output
    files = imported(made.root)
    assert len(files) > 1  # one file would be over the cap
    for file in files:
        assert file.stat().st_size <= MAX_BYTES
        assert file.name.endswith(f"of{len(files)}.yaml")
    assert f"added 199000 values to {len(files)} files" in first.output
    check = invoke("check", "--project", made.root, "--format", "json", "--as-of", AS_OF,
                   catch=True)  # fmt: skip
    assert check.exit_code == 0, check.output[:2000]
    assert "import-" not in check.output  # no finding in any of the files written
    counts = keyed_values(made.root)
    assert len(counts) == 199_000 + 3 and max(counts.values()) == 1
    again = invoke("import", csv, "--project", made.root, "--as-of", AS_OF, "--dry-run",
                   catch=True)  # fmt: skip
    assert again.exit_code == 0, again.output
    assert "already recorded, nothing to add: 199000 values" in again.output
    assert "would add" not in again.output


@pytest.mark.slow
def test_long_notes_are_split_into_readable_files_and_import_again_adds_nothing(
    tmp_path: Path,
) -> None:
    made = practice(tmp_path / "practice")
    made.client(CLIENT + "  - {id: note, label: Note, kind: text}\n")
    start = dt.date(2022, 1, 1)
    rows = [f"C-0001,{start + dt.timedelta(days=n)},diary,note,,,{'Walked by the river. ' * 92},\n"
            for n in range(1250)]  # fmt: skip  # 1,250 notes of 1.9 KB: 2.4 MB
    csv = tmp_path / "notes.csv"
    csv.write_text(HEADER + "".join(rows), encoding="utf-8")
    result = invoke("import", csv, "--project", made.root, "--as-of", AS_OF, catch=True)
    assert result.exit_code == 0, result.output
    files = imported(made.root)
    assert len(files) >= 2
    for file in files:
        document = read_yaml(file, file.name)  # check's own reader, with its caps
        EntryFile.model_validate(document.data)
        assert "split into files named" in file.read_text(encoding="utf-8")
    assert (
        sum(1 for key in keyed_values(made.root) if key[0] == "diary" and key[2] == "note") == 1250
    )
    again = invoke("import", csv, "--project", made.root, "--as-of", AS_OF, catch=True)
    assert again.exit_code == 0 and "nothing to add: 1250" in again.output
    assert imported(made.root) == files


def test_one_value_too_large_for_any_entries_file_is_refused_with_the_limit() -> None:
    from goalsheet.intake.entries_file import entries_texts

    huge = "Walked by the river. " * (MAX_BYTES // 20)
    item = Item(("review", dt.date(2026, 11, 2)), {"progress": huge}, "page 1", "the review")
    outcome = Outcome("review.pdf", "C-0001", "session-review v1", merged=Merged(new=[item]))
    with pytest.raises(GoalsheetError) as raised:
        entries_texts(outcome, "goalsheets/C-0001/entries/x.yaml", dt.date(2026, 11, 20))
    (finding,) = raised.value.findings
    assert finding.code == "GS407"
    assert f"{MAX_BYTES:,}" in finding.message and "the review" in finding.message
    assert "page 1" in finding.hint
