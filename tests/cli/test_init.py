"""`goalsheet init`: the questions, the project it makes, and what it never does."""

from __future__ import annotations

import stat
from pathlib import Path

import yaml
from click.testing import Result

from helpers.cli import invoke
from helpers.terminal import in_terminal

ENV = {"GOALSHEET_LOCALE": "en_GB"}


def init(*args: str | Path, input: str | None = None) -> Result:
    return invoke("init", *args, input=input, env=ENV, catch=True)


def settings(root: Path) -> dict[str, object]:
    return yaml.safe_load((root / "goalsheet.yaml").read_text(encoding="utf-8"))


def check(root: Path) -> Result:
    return invoke("check", "--project", root, env=ENV, catch=True)


def test_the_questions_with_a_wrong_answer_asked_again(tmp_path: Path) -> None:
    root = tmp_path / "sol"
    answers = "Clínica Sol\nSpanish\nes_ES\n\nLlama al 112 si estás en peligro.\n"
    result = init(root, "--interactive", input=answers)
    assert result.exit_code == 0, result.output
    assert "'Spanish' is not a locale; write it like en_GB, en_US or es_ES." in result.output
    assert result.output.count("Locale [en_GB]:") == 2
    assert settings(root) == {
        "practice": {"name": "Clínica Sol", "crisis_line": "Llama al 112 si estás en peligro."},
        "paper": "a4",
        "locale": "es_ES",
        "review_every": "6 weeks",
        "goal_word": "goals",
    }
    assert check(root).exit_code == 0


def test_paper_is_suggested_from_the_locale(tmp_path: Path) -> None:
    result = init(tmp_path / "us", "--interactive", input="Hillside\nen_US\n\n\n")
    assert result.exit_code == 0, result.output
    assert "Paper size (a4, letter) [letter]:" in result.output
    assert settings(tmp_path / "us")["paper"] == "letter"
    assert "crisis_line" not in settings(tmp_path / "us")["practice"]  # type: ignore[operator]


def test_flags_answer_without_questions(tmp_path: Path) -> None:
    result = init(tmp_path / "r", "--name", "Riverside", "--paper", "letter", "--locale", "en_US")
    assert result.exit_code == 0, result.output
    assert "?" not in result.output and "[" not in result.output  # nothing was asked
    assert settings(tmp_path / "r")["paper"] == "letter"


def test_the_project_is_complete_and_its_example_client_is_clearly_made_up(
    tmp_path: Path,
) -> None:
    root = tmp_path / "p"
    assert init(root, "--no-interactive").exit_code == 0
    assert any((root / "content").glob("*.md"))
    assert (root / "templates" / "README.md").is_file()
    assert "/private/" in (root / ".gitignore").read_text(encoding="utf-8")
    example = root / "goalsheets" / "EXAMPLE-01"
    sheet = (example / "goalsheet.yaml").read_text(encoding="utf-8")
    assert "made-up example client" in sheet and "Not a real person" in sheet
    assert "Sample (fictional)" in sheet
    assert stat.S_IMODE((root / "goalsheets").stat().st_mode) == 0o700
    assert stat.S_IMODE((example / "goalsheet.yaml").stat().st_mode) == 0o600
    assert list((example / "entries").glob("*.yaml"))
    result = check(root)
    assert result.exit_code == 0 and "0 errors, 0 warnings" in result.output, result.output
    listed = invoke("list", "clients", "--project", root, env=ENV, catch=True)
    assert "EXAMPLE-01" in listed.output


def test_a_spanish_project_gets_its_example_in_spanish(tmp_path: Path) -> None:
    root = tmp_path / "es"
    assert init(root, "--locale", "es_ES", "--no-interactive").exit_code == 0
    sheet = (root / "goalsheets" / "EXAMPLE-01" / "goalsheet.yaml").read_text(encoding="utf-8")
    assert "Sample (fictional)" not in sheet and "Get out for a walk" not in sheet
    assert check(root).exit_code == 0


def test_an_existing_project_is_refused_before_any_question(tmp_path: Path) -> None:
    root = tmp_path / "p"
    assert init(root, "--no-interactive").exit_code == 0
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    result = init(root, "--interactive", input="Another\n")
    assert result.exit_code == 2
    assert "already exists; init leaves it alone" in result.output
    assert "Practice name" not in result.output
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before


def test_a_folder_with_other_files_gets_the_project_beside_them(tmp_path: Path) -> None:
    root = tmp_path / "shared"
    root.mkdir()
    (root / "notes.txt").write_text("mine\n", encoding="utf-8")
    assert init(root, "--no-interactive").exit_code == 0
    assert (root / "notes.txt").read_text(encoding="utf-8") == "mine\n"
    assert (root / "goalsheet.yaml").is_file()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".goalsheet-init-")]


def test_end_of_input_midway_writes_nothing(tmp_path: Path) -> None:
    result = init(tmp_path / "p", "--interactive", input="Riverside\n")
    assert result.exit_code == 1
    assert "Cancelled; nothing was written." in result.output
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_midway_in_a_terminal_writes_nothing(tmp_path: Path) -> None:
    code, shown = in_terminal(
        ["init", str(tmp_path / "p")],
        tmp_path,
        [("Practice name [Our practice]: ", "Riverside\r"), ("Locale [en_GB]: ", "\x03")],
    )
    assert code == 130, shown
    assert "Cancelled; nothing was written." in shown
    assert "Traceback" not in shown
    assert list(tmp_path.iterdir()) == []


def test_in_a_terminal_it_asks_and_makes_the_project(tmp_path: Path) -> None:
    code, shown = in_terminal(
        ["init", str(tmp_path / "p")],
        tmp_path,
        [
            ("Practice name [Our practice]: ", "Riverside\r"),
            ("Locale [en_GB]: ", "\r"),
            ("[a4]: ", "\r"),
            ("change later): ", "\r"),
        ],
    )
    assert code == 0, shown
    assert settings(tmp_path / "p")["practice"] == {"name": "Riverside"}


def test_a_wrong_locale_flag_is_a_usage_error_and_nothing_is_made(tmp_path: Path) -> None:
    result = init(tmp_path / "p", "--locale", "Spanish", "--no-interactive")
    assert result.exit_code == 2
    assert "'Spanish' is not a locale" in result.output and "--locale" in result.output
    assert list(tmp_path.iterdir()) == []
