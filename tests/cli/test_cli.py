"""The command line, in-process: success paths, every bad input's message and exit code."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from goalsheet.cli import main
from helpers.project import REPO, Project

Run = Callable[..., Result]
AS_OF = ("--as-of", "2026-11-20")


def test_check_clean_project(project: Project, run: Run) -> None:
    result = run("check", "--project", project.root, *AS_OF)
    assert result.exit_code == 0
    assert "All clear: 0 errors, 0 warnings in " in result.output


def test_check_without_a_project_is_a_usage_error(tmp_path: Path, run: Run) -> None:
    result = run("check", "--project", tmp_path)
    assert result.exit_code == 2
    assert "not a goalsheet project" in result.output
    assert "goalsheet init" in result.output


def test_bad_option_is_a_usage_error(project: Project, run: Run) -> None:
    assert run("check", "--project", project.root, "--format", "xml").exit_code == 2
    assert run("check", "--project", project.root, "--as-of", "2026-13-01").exit_code == 2


HUGE = "diary:\n" + "".join(f"  # {'x' * 100}\n" for _ in range(25_000))
BOMB = (
    "a: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b]\n"
)

BAD_INPUTS: list[tuple[str, str, str | bytes, str, int, str]] = [
    # (case, file, content, code, line, words in the message)
    (
        "malformed YAML",
        "entries",
        "diary:\n  2026-11-02: {mood: 5\n",
        "GS002",
        3,
        "YAML syntax error",
    ),
    ("wrong type", "entries", "ratings: {date: 2026-11-02}\n", "GS012", 1, "should be a list"),
    ("missing field", "sheet", "client:\n  id: C-0001\n", "GS011", 2, "'started' is required"),
    ("unknown key", "config", "papper: a4\n", "GS010", 1, "unknown key 'papper'"),
    (
        "duplicate key",
        "entries",
        "diary:\n  2026-11-02: {mood: 5}\n  2026-11-02: {mood: 6}\n",
        "GS003",
        3,
        "duplicate key",
    ),
    (
        "rating out of range",
        "entries",
        "ratings:\n  - {date: 2026-11-02, goal: walks, rater: client, gbo: 11}\n",
        "GS013",
        2,
        "at most 10",
    ),
    (
        "diary out of scale",
        "entries",
        "diary:\n  2026-11-02:\n    mood: 12\n",
        "GS201",
        3,
        "outside the scale 1 to 10",
    ),
    (
        "impossible date",
        "entries",
        "reviews:\n  - {date: 2026-02-29}\n",
        "GS014",
        2,
        "'2026-02-29' is not a real date",
    ),
    (
        "PHQ-9 with eight answers",
        "entries",
        "measures:\n  - {date: 2026-11-02, measure: PHQ-9, answers: [1, 1, 1, 1, 1, 1, 1, 1]}\n",
        "GS205",
        2,
        "9 items but 8 answers",
    ),
    (
        "folder and ID differ",
        "sheet",
        "client:\n  id: C-0002\n  started: 2026-09-01\n",
        "GS015",
        2,
        "does not match its folder",
    ),
    ("huge file", "entries", HUGE, "GS001", 1, "too large"),
    ("alias bomb", "entries", BOMB, "GS004", 1, "anchor"),
    ("binary garbage", "entries", bytes(range(256)) * 8, "GS001", 1, "not a text file"),
    (
        "non-UTF-8 text",
        "entries",
        "reviews:\n  - {date: 2026-11-02, progress: caf\xe9}\n".encode("latin-1"),
        "GS001",
        2,
        "not UTF-8",
    ),
    (
        "YAML 1.1 no",
        "sheet",
        "client:\n  id: C-0001\n  started: 2026-09-01\n  therapist: no\n",
        "GS012",
        4,
        "YAML read no",
    ),
    ("tag", "entries", "diary: !!python/object/apply:os.system [ls]\n", "GS004", 1, "tag"),
    ("future date", "entries", "diary:\n  2027-01-01: {mood: 5}\n", "GS203", 2, "after today"),
    (
        "unknown tracker",
        "entries",
        "diary:\n  2026-11-02: {moood: 5}\n",
        "GS202",
        2,
        "unknown tracker 'moood'",
    ),
    ("empty client sheet", "sheet", "", "GS011", 1, "'client' is required"),
    ("list at top", "entries", "- 1\n- 2\n", "GS012", 1, "expected a mapping"),
]


@pytest.mark.parametrize(
    ("where", "content", "code", "line", "words"),
    [case[1:] for case in BAD_INPUTS],
    ids=[case[0] for case in BAD_INPUTS],
)
def test_bad_input_gives_a_clear_finding(
    project: Project, run: Run, where: str, content: str | bytes, code: str, line: int, words: str
) -> None:
    target = {
        "entries": "goalsheets/C-0001/entries/bad.yaml",
        "sheet": "goalsheets/C-0001/goalsheet.yaml",
        "config": "goalsheet.yaml",
    }[where]
    project.write(target, content)
    before = {p: p.read_bytes() for p in project.root.rglob("*") if p.is_file()}
    result = run("check", "--project", project.root, *AS_OF)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert f"{target}:{line}:" in result.output
    lines = [row for row in result.output.splitlines() if row.startswith(f"{target}:{line}:")]
    assert any(f" {code} " in row and words in row for row in lines), result.output
    assert "hint:" in result.output
    after = {p: p.read_bytes() for p in project.root.rglob("*") if p.is_file()}
    assert after == before  # check never writes


def test_check_reports_every_problem_in_one_run(project: Project, run: Run) -> None:
    project.write("goalsheet.yaml", "papper: a4\n")
    project.entries("diary:\n  2026-11-02: {moood: 5}\n", name="a.yaml")
    project.entries(
        "ratings: [{date: 2026-02-30, goal: walks, rater: client, gbo: 1}]\n", name="b.yaml"
    )
    result = run("check", "--project", project.root, "--format", "json", *AS_OF)
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert sorted(f["code"] for f in data["findings"]) == ["GS010", "GS014", "GS202"]


def test_check_json_shape(project: Project, run: Run) -> None:
    project.entries("diary:\n  2026-11-02: {mood: 12}\n")
    result = run("check", "--project", project.root, "--format", "json", *AS_OF)
    data = json.loads(result.output)
    assert data["as_of"] == "2026-11-20"
    assert data["summary"] == {"errors": 1, "warnings": 0, "files": 4}
    (finding,) = data["findings"]
    assert finding == {
        "path": "goalsheets/C-0001/entries/e2.yaml",
        "line": 2,
        "column": 22,
        "code": "GS201",
        "message": "2026-11-02 mood: rating 12 is outside the scale 1 to 10",
        "hint": "'Mood' is rated from 1 to 10",
        "severity": "error",
        "rule": "value-out-of-scale",
    }


def test_warnings_alone_exit_zero(project: Project, run: Run) -> None:
    project.write("goalsheet.yaml", "review_every: 1 week\n")
    result = run("check", "--project", project.root, *AS_OF)
    assert result.exit_code == 0
    assert "GS107 [warning] review overdue" in result.output


def test_check_from_the_project_folder(
    project: Project, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project.root)
    assert run("check", *AS_OF).exit_code == 0


def test_client_folder_without_sheet(project: Project, run: Run) -> None:
    project.write("goalsheets/C-0009/entries/a.yaml", "diary: {}\n")
    result = run("check", "--project", project.root, *AS_OF)
    assert result.exit_code == 1
    assert (
        "goalsheets/C-0009:1:1: GS011 client folder 'C-0009' has no goalsheet.yaml" in result.output
    )


def test_demo_project_prints_the_expected_findings(run: Run) -> None:
    result = run("check", "--project", REPO, "--format", "json", *AS_OF)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["summary"]["errors"] == 0
    by_client: dict[str, list[str]] = {}
    for finding in data["findings"]:
        by_client.setdefault(finding["path"].split("/")[1], []).append(finding["code"])
    # The client with first-draft goals draws goal findings; C-0315's second critical
    # answer (PHQ-9 item 9 on 2026-09-07) has no follow-up yet (the first has one); the
    # others are clean, including the client who prefers not to set goals.
    assert sorted(by_client) == ["C-0315", "C-0456"]
    assert by_client["C-0315"] == ["GS113"]
    assert sorted(by_client["C-0456"]) == [
        "GS101", "GS101", "GS102", "GS103", "GS103", "GS104", "GS104",
        "GS105", "GS106", "GS107", "GS108", "GS110",
    ]  # fmt: skip


def test_list_clients(run: Run) -> None:
    result = run("list", "clients", "--project", REPO, "--format", "json", *AS_OF)
    assert result.exit_code == 0
    rows = {row["id"]: row for row in json.loads(result.output)}
    assert set(rows) == {"C-0142", "Y-0207", "C-0315", "C-0388", "C-0421", "C-0456", "C-0512"}
    assert rows["C-0421"]["prefers_no_goals"] is True
    assert rows["C-0456"]["review"]["overdue"] is True
    assert rows["C-0142"]["review"] == {
        "last": "2026-11-17",
        "next_due": "2026-12-29",
        "overdue": False,
    }
    text = run("list", "clients", "--project", REPO, *AS_OF).output
    assert "C-0456" in text and "OVERDUE" in text and "Alex" not in text


def test_list_measures_includes_custom_scales(run: Run) -> None:
    rows = json.loads(run("list", "measures", "--project", REPO, "--format", "json").output)
    by_id = {row["id"]: row for row in rows}
    assert by_id["PHQ-9"]["cutoff"] == 10 and by_id["PHQ-9"]["reliable_change"] == 6
    assert by_id["GAD-7"]["cutoff"] == 8 and by_id["GAD-7"]["reliable_change"] == 4
    assert by_id["SLEEP-4"]["built_in"] is False


def test_list_rules_and_markdown_docs_in_sync(run: Run) -> None:
    rows = json.loads(run("list", "rules", "--project", REPO, "--format", "json").output)
    assert {row["code"] for row in rows} >= {f"GS1{n:02d}" for n in range(1, 13)}
    markdown = run("list", "rules", "--project", REPO, "--format", "markdown").output
    committed = (REPO / "docs" / "lint-rules.md").read_text(encoding="utf-8")
    assert markdown == committed, "run `make docs` to regenerate docs/lint-rules.md"


def test_schema(run: Run, tmp_path: Path) -> None:
    result = run("schema")
    assert result.exit_code == 0
    schemas = json.loads(result.output)
    assert set(schemas) == {"config", "client", "entries"}
    client = schemas["client"]
    assert client["$schema"].endswith("2020-12/schema")
    assert "client" in client["required"]
    assert client["additionalProperties"] is False
    out = tmp_path / "entries.json"
    assert run("schema", "entries", "-o", out).exit_code == 0
    assert "ratings" in json.loads(out.read_text())["properties"]


def test_schema_validates_the_demo_files(run: Run) -> None:
    import jsonschema
    import yaml

    schema = json.loads(run("schema", "client").output)
    for sheet in (REPO / "goalsheets").glob("*/goalsheet.yaml"):
        data = json.loads(json.dumps(yaml.safe_load(sheet.read_text()), default=str))
        jsonschema.validate(data, schema)


def test_init_then_check(tmp_path: Path, run: Run) -> None:
    target = tmp_path / "new-practice"
    result = run("init", target, "--name", "Hillside Counselling", "--paper", "letter")
    assert result.exit_code == 0, result.output
    assert (target / "content").is_dir() and any((target / "content").glob("*.md"))
    assert (target / "templates" / "README.md").is_file()
    assert "Hillside Counselling" in (target / "goalsheet.yaml").read_text()
    assert run("check", "--project", target).exit_code == 0


def test_init_refuses_to_overwrite(project: Project, run: Run) -> None:
    before = (project.root / "goalsheet.yaml").read_text()
    result = run("init", project.root)
    assert result.exit_code == 2
    assert "already exists" in result.output
    assert (project.root / "goalsheet.yaml").read_text() == before


def test_help_has_examples(run: Run) -> None:
    """Every command and subcommand's --help shows at least one example of its use."""
    import click

    commands: list[list[str]] = []
    for name, command in main.commands.items():
        commands.append([name])
        if isinstance(command, click.Group):
            commands += [[name, sub] for sub in command.commands]
    assert len(commands) >= 16
    for words in commands:
        result = run(*words, "--help")
        assert result.exit_code == 0, words
        examples = result.output.split("Example", 1)[-1]
        assert "Example" in result.output and f"goalsheet {' '.join(words)}" in examples, words


@pytest.mark.slow
def test_shell_completion_offers_commands_clients_and_worksheets(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    script = subprocess.run(
        [sys.executable, "-m", "goalsheet", "completion", "bash"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "_GOALSHEET_COMPLETE" in script and "complete " in script

    def offered(words: str) -> list[str]:
        env = {
            **os.environ,
            "_GOALSHEET_COMPLETE": "bash_complete",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
        }
        out = subprocess.run(
            ["goalsheet"],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            executable=str(Path(sys.executable).parent / "goalsheet"),
        ).stdout
        return [line.split(",", 1)[1] for line in out.splitlines() if "," in line]  # fmt: skip

    assert "import" in offered("goalsheet im")
    assert offered("goalsheet report C-01") == ["C-0142"]
    assert "smart-goal" in offered("goalsheet worksheet sm")
    assert offered("goalsheet diary --client Y-") == ["Y-0207"]


def test_entries_still_checked_when_the_sheet_fails(project: Project, run: Run) -> None:
    project.client("client:\n  id: C-0001\n  started: 2026-09-01\n  therapsit: Sam\n")
    project.entries("measures:\n  - {date: 2026-11-02, measure: GAD-7, answers: [1, 1, 1]}\n")
    result = run("check", "--project", project.root, "--format", "json", *AS_OF)
    codes = sorted(f["code"] for f in json.loads(result.output)["findings"])
    assert codes == ["GS010", "GS205"]
