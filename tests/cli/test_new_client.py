"""`goalsheet new client`: the guided questions, the folder and file they make, and what
they refuse. Each test works on its own copy of the demo project."""

from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path

import pytest
import yaml

from goalsheet.guided.proposals import next_client_id
from helpers.guided import (
    FLAGS,
    PLAIN,
    TODAY,
    answers,
    check_findings,
    cli,
    load,
    sheet_path,
    temporaries,
)
from helpers.terminal import in_terminal


def folders(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "goalsheets").iterdir())


# Answers to the client questions, in order, taking the suggestions where there are some.
ADULT = ("", "Alex", "n", "", "Sam Lee", "", "")


def test_new_client_with_the_suggested_id(demo: Path) -> None:
    suggested = next_client_id(folders(demo))
    result = cli(demo, "new", "client", input=answers(*ADULT, "n", "y"))
    assert result.exit_code == 0, result.output
    assert f"Client ID [{suggested}]:" in result.output
    assert "Printed only if the practice opts in" in result.output
    folder = demo / "goalsheets" / suggested
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / "entries").stat().st_mode) == 0o700
    assert list((folder / "entries").iterdir()) == []
    assert stat.S_IMODE((folder / "goalsheet.yaml").stat().st_mode) == 0o600
    sheet = load(demo, suggested)
    assert sheet == {
        "client": {"id": suggested, "name": "Alex", "youth": False, "started": TODAY,
                   "therapist": "Sam Lee", "raters": ["client", "therapist"]},
        "goals": [],
        "trackers": [],
    }  # fmt: skip
    assert f"Wrote goalsheets/{suggested}/goalsheet.yaml" in result.output
    assert f"goalsheet new goal --client {suggested}" in result.output


def test_the_suggestion_follows_the_practice_pattern() -> None:
    assert next_client_id(["C-0142", "C-0456", "Y-0207", "notes"]) == "C-0457"
    assert next_client_id(["Y-0207", "Y-0209", "C-0142"]) == "Y-0210"
    assert next_client_id([]) == "C-0001"
    assert next_client_id(["EXAMPLE-01"]) == "C-0001"  # init's made-up client is no pattern
    assert next_client_id(["EXAMPLE-01", "R-017"]) == "R-018"
    assert next_client_id(["C-0300", "C-0456", "c-0457"]) == "C-0458"  # the same folder on macOS


@pytest.mark.slow
def test_new_client_then_new_goal_passes_check(demo: Path) -> None:
    given = answers("C-0500", "", "y", "2026-11-02", "Priya Shah", "hopes", "", "n", "y")
    result = cli(demo, "new", "client", input=given)
    assert result.exit_code == 0, result.output
    assert load(demo, "C-0500")["client"] == {
        "id": "C-0500", "youth": True, "started": dt.date(2026, 11, 2),
        "therapist": "Priya Shah", "raters": ["client", "parent", "therapist"],
        "goal_word": "hopes",
    }  # fmt: skip
    result = cli(demo, "new", "goal", "--client", "C-0500", input=answers(*PLAIN, "", "y", "y"))
    assert result.exit_code == 0, result.output
    assert 'they call them "hopes"' in result.output
    sheet = load(demo, "C-0500")
    assert [g["id"] for g in sheet["goals"]] == ["speak-one-new"]
    assert [t["goal"] for t in sheet["trackers"]] == ["speak-one-new"]
    assert check_findings(demo, "C-0500") == []


def test_new_client_with_a_first_goal_in_one_go(demo: Path) -> None:
    result = cli(demo, "new", "client", input=answers("C-0500", *ADULT[1:], "y", *PLAIN, "", "y",
                                                      "y"))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "This is what will be written:" in result.output
    assert "Young person: no" in result.output and "Goal:" in result.output
    sheet = load(demo, "C-0500")
    assert sheet["goals"][0]["measure"]["tracker"] == "conversations-started"
    assert sheet["trackers"][0]["goal"] == "speak-one-new"
    assert "goalsheet diary --client C-0500" in result.output
    assert check_findings(demo, "C-0500") == []


def test_an_existing_id_is_refused_and_asked_again(demo: Path) -> None:
    before = sheet_path(demo, "C-0142").read_bytes()
    given = answers("C-0142", "c-0142", "not an id!", "C-0600", *ADULT[1:], "n", "y")
    result = cli(demo, "new", "client", input=given)
    assert result.exit_code == 0, result.output
    assert "C-0142 already exists (goalsheets/C-0142/); choose another ID" in result.output
    assert "c-0142 already exists" in result.output
    assert "'not an id!' cannot be an ID" in result.output
    assert load(demo, "C-0600")["client"]["id"] == "C-0600"
    assert sheet_path(demo, "C-0142").read_bytes() == before


def test_flags_with_yes_write_without_a_prompt(demo: Path) -> None:
    result = cli(demo, "new", "client", "--id", "Y-0300", "--youth", "--name", "Sam",
                 "--started", "2026-11-02", "--therapist", "Jo Okafor", "--goal-word",
                 "things to work on", "--locale", "es-ES", *FLAGS, "--yes", input="")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Wrote goalsheets/Y-0300/goalsheet.yaml")
    sheet = load(demo, "Y-0300")
    assert sheet["client"] == {
        "id": "Y-0300", "name": "Sam", "youth": True, "started": dt.date(2026, 11, 2),
        "therapist": "Jo Okafor", "raters": ["client", "parent", "therapist"],
        "goal_word": "things to work on", "locale": "es_ES",
    }  # fmt: skip
    assert sheet["goals"][0]["title"] == "Answer the phone at work"
    assert sheet["trackers"][0]["goal"] == "answer-phone-work"
    assert check_findings(demo, "Y-0300") == []


def test_yes_without_a_title_makes_the_client_only(demo: Path) -> None:
    result = cli(demo, "new", "client", "--id", "C-0700", "--yes")
    assert result.exit_code == 0, result.output
    assert load(demo, "C-0700")["goals"] == []


def test_yes_without_an_id_takes_the_suggested_one_and_says_so(demo: Path) -> None:
    result = cli(demo, "new", "client", "--adult", "--yes", input="")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Client ID: C-0513 (the next free one; --id chooses another)")
    assert load(demo, "C-0513")["client"]["id"] == "C-0513"


def test_an_existing_id_given_as_a_flag_is_a_usage_error(demo: Path) -> None:
    before = sheet_path(demo, "C-0142").read_bytes()
    result = cli(demo, "new", "client", "--id", "C-0142", "--yes")
    assert result.exit_code == 2
    assert "C-0142 already exists" in result.output
    assert sheet_path(demo, "C-0142").read_bytes() == before


def test_a_missing_goal_answer_with_yes_makes_nothing(demo: Path) -> None:
    before = folders(demo)
    flags = FLAGS[: FLAGS.index("--why")] + FLAGS[FLAGS.index("--why") + 2 :]
    result = cli(demo, "new", "client", "--id", "C-0701", *flags, "--yes")
    assert result.exit_code == 2
    assert "--why is needed with --yes" in result.output
    assert folders(demo) == before


def test_declining_to_write_makes_nothing(demo: Path) -> None:
    before = folders(demo)
    result = cli(demo, "new", "client", input=answers("C-0500", *ADULT[1:], "n", "n"))
    assert result.exit_code == 1
    assert "Nothing was written." in result.output
    assert folders(demo) == before


@pytest.mark.slow
def test_ctrl_c_midway_in_a_terminal_makes_nothing(demo: Path) -> None:
    before = folders(demo)
    code, shown = in_terminal(
        ["new", "client"],
        demo,
        [
            ("Client ID [", "C-0800\r"),
            ("First name: ", "Alex\r"),
            ("Young person [y/N]: ", "n\r"),
            ("Start date [", "\r"),
            ("Therapist: ", "Sam Lee\r"),
            ("Goal word [goals]: ", "\x03"),
        ],
    )
    assert code == 130, shown
    assert "Cancelled; nothing was written." in shown
    assert "Traceback" not in shown
    assert folders(demo) == before
    assert temporaries(demo) == []


def test_ctrl_c_in_the_first_goal_makes_no_client_either(demo: Path) -> None:
    before = folders(demo)
    code, shown = in_terminal(
        ["new", "client", "--id", "C-0800", "--adult", "--started", "2026-11-02",
         "--therapist", "Sam Lee", "--name", "", "--goal-word", "goals", "--locale", "en_GB"],
        demo,
        [("First goal [Y/n]: ", "\r"), ("Goal: ", "Walk the dog\r"), ("Specific: ", "\x03")],
    )  # fmt: skip
    assert code == 130, shown
    assert "Cancelled; nothing was written." in shown
    assert folders(demo) == before


def test_the_written_file_reads_as_yaml_with_a_header(demo: Path) -> None:
    result = cli(demo, "new", "client", "--id", "C-0702", "--name", "yes", "--therapist",
                 "Dr. O'Neil: CBT", "--yes")  # fmt: skip
    assert result.exit_code == 0, result.output
    text = sheet_path(demo, "C-0702").read_text(encoding="utf-8")
    assert text.startswith("# C-0702: written by `goalsheet new client`")
    client = yaml.safe_load(text)["client"]
    assert client["name"] == "yes" and client["therapist"] == "Dr. O'Neil: CBT"


def test_help_has_examples(demo: Path) -> None:
    result = cli(demo, "new", "client", "--help")
    assert result.exit_code == 0
    assert "Examples:\n    goalsheet new client\n" in result.output
    for flag in ("--id", "--youth / --adult", "--started", "--goal-word", "--locale", "--yes"):
        assert flag in result.output
