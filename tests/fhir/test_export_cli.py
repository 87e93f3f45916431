"""FHIR export, the command: the Patient carries the client's ID and no name unless
--with-names; files are owner-only and never land in the public site folder; --all writes a
folder of Bundles or one transaction; and every bad input or option is a one-line error
that writes nothing. All data is fictional: the demo's client sheets or conftest's C-0001."""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from goalsheet.project import load_project
from helpers.fhir import (
    TEST_CONFIG,
    copy_practice,
    export_bundle,
    resources,
    small_practice,
    validate_r4,
)
from helpers.project import CLIENT, Project

Run = Callable[..., Result]


# --- helpers --------------------------------------------------------------------------


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under `root`, by relative path."""
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def named_clients(root: Path) -> dict[str, str]:
    """The demo clients that have a name in their goalsheet.yaml: {ID: name}."""
    found = {}
    for folder in load_project(root).clients:
        assert folder.sheet is not None
        if folder.sheet.client.name:
            found[folder.folder] = folder.sheet.client.name
    return found


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def patient_names(bundle: dict[str, Any]) -> list[Any]:
    return [p.get("name") for p in resources(bundle, "Patient")]


def assert_one_line_error(result: Result, code: int, *words: str) -> None:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert result.stdout == ""  # no half-written Bundle on standard output
    lines = [line for line in result.output.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("Error:")]
    assert len(errors) == 1 and lines[-1] == errors[0], result.output
    for word in words:
        assert word in errors[0], f"{word!r} not in {errors[0]!r}"


@pytest.fixture
def practice(tmp_path: Path) -> Path:
    return copy_practice(tmp_path / "practice")


# --- privacy ---------------------------------------------------------------------------


def test_without_with_names_no_name_is_anywhere(practice: Path, run: Run) -> None:
    names = named_clients(practice)
    assert len(names) >= 2, names  # the demo names some clients (fictional)
    for client, name in names.items():
        target = practice / "private" / f"{client}.fhir.json"
        result = run("export", client, "--format", "fhir", "-o", target, "--project", practice)
        assert result.exit_code == 0, result.output
        text = target.read_text(encoding="utf-8")
        assert name not in text, client
        assert patient_names(json.loads(text)) == [None]
        assert client in text  # the ID is what identifies them
    together = practice / "private" / "practice.fhir.json"
    result = run("export", "--all", "--bundle", "--format", "fhir", "-o", together,
                 "--project", practice)  # fmt: skip
    assert result.exit_code == 0, result.output
    text = together.read_text(encoding="utf-8")
    for name in names.values():
        assert name not in text
    assert all(name is None for name in patient_names(json.loads(text)))


def test_with_names_the_patient_has_the_name(practice: Path, run: Run) -> None:
    for client, name in named_clients(practice).items():
        bundle = export_bundle(run, practice, client, "--with-names")
        validate_r4(bundle)
        assert patient_names(bundle) == [[{"text": name}]]


def test_all_with_names_names_every_named_client(practice: Path, run: Run) -> None:
    names = named_clients(practice)
    folder = practice / "private" / "fhir"
    result = run("export", "--all", "--format", "fhir", "--with-names", "-o", folder,
                 "--project", practice)  # fmt: skip
    assert result.exit_code == 0, result.output
    for client, name in names.items():
        bundle = json.loads((folder / f"{client}.fhir.json").read_text(encoding="utf-8"))
        assert patient_names(bundle) == [[{"text": name}]], client
    transaction = export_bundle(run, practice, "--all", "--bundle", "--with-names")
    named = sorted(p["name"][0]["text"] for p in resources(transaction, "Patient") if "name" in p)
    assert named == sorted(names.values())


def test_files_are_owner_only(practice: Path, run: Run, tmp_path: Path) -> None:
    one = tmp_path / "out" / "C-0142.fhir.json"
    one.parent.mkdir()
    folder = tmp_path / "out" / "every"
    together = tmp_path / "out" / "practice.fhir.json"
    for args in (
        ("C-0142", "-o", one),
        ("--all", "-o", folder),
        ("--all", "--bundle", "-o", together),
    ):
        result = run("export", *args, "--format", "fhir", "--project", practice)
        assert result.exit_code == 0, result.output
    written = [one, together, *sorted(folder.iterdir())]
    clients = sorted(p.name for p in (practice / "goalsheets").iterdir() if p.is_dir())
    assert sorted(p.name for p in folder.iterdir()) == [f"{c}.fhir.json" for c in clients]
    for path in written:
        assert mode(path) == 0o600, path
        validate_r4(json.loads(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    "args",
    [
        ("C-0142", "-o", "site/x.json"),
        ("C-0142", "-o", "site/private/x.json"),
        ("--all", "-o", "site/fhir"),
        ("--all", "--bundle", "-o", "site/practice.fhir.json"),
    ],
)
def test_the_public_site_folder_is_refused(
    practice: Path, run: Run, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    monkeypatch.chdir(practice)  # -o site/... as a therapist types it, in the project
    (practice / "site").mkdir()
    before = snapshot(practice)
    result = run("export", *args, "--format", "fhir")
    assert_one_line_error(result, 1, "site/", args[-1])
    assert snapshot(practice) == before


@pytest.mark.parametrize(
    "args",
    [
        ("export", "C-0142", "-o", "site/x.csv"),
        ("report", "C-0142", "--format", "json", "-o", "site/report.json"),
        ("report", "C-0142", "--format", "html", "-o", "site/report.html"),
        ("attention", "--format", "json", "-o", "site/attention.json"),
        ("worksheet", "smart-goal", "--client", "C-0142", "-o", "site/smart-goal.pdf"),
        ("diary", "--client", "C-0142", "-o", "site/diary.pdf"),
        ("worksheet", "phq-9", "--client", "C-0388", "--scannable", "-o", "site/phq-9.pdf"),
        ("export", "C-0142", "--format", "fhir", "-o", "published/x.json"),  # a link to site/
    ],
)
def test_no_command_writes_client_data_into_the_site_folder(
    practice: Path, run: Run, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    monkeypatch.chdir(practice)
    (practice / "site").mkdir()
    (practice / "published").symlink_to(practice / "site")
    before = snapshot(practice)
    dated = args[0] in ("report", "attention")
    result = run(*args, "--as-of", "2026-11-20") if dated else run(*args)
    assert result.exit_code == 1, result.output
    assert "public site folder" in result.output and "Traceback" not in result.output
    assert snapshot(practice) == before
    assert list((practice / "site").iterdir()) == []


# --- bad inputs ------------------------------------------------------------------------

BAD_INPUTS = {
    # name: (goalsheet.yaml, an entries file, arguments, exit code, words in the message)
    "no fhir_base nor site_url": (
        "practice: {name: Test Practice}\n", "", ("C-0001",), 1, ("fhir_base",)
    ),
    "a rating of a goal not in the sheet": (
        TEST_CONFIG,
        "ratings:\n  - {date: 2026-11-02, goal: swim, rater: client, gbo: 4}\n",
        ("C-0001",), 1, ("swim", "2026-11-02"),
    ),
    "a PHQ-9 with 8 answers": (
        TEST_CONFIG,
        "measures:\n  - {date: 2026-11-02, measure: PHQ-9, answers: [1, 1, 1, 1, 1, 1, 1, 1]}\n",
        ("C-0001",), 1, ("PHQ-9", "2026-11-02", "8"),
    ),
    "a PHQ-9 answer of 4": (
        TEST_CONFIG,
        "measures:\n  - {date: 2026-11-02, measure: PHQ-9, answers: [1, 1, 1, 4, 1, 1, 1, 1, 0]}\n",
        ("C-0001",), 1, ("PHQ-9", "2026-11-02", "4"),
    ),
    "a difficulty answer of 4": (
        TEST_CONFIG,
        "measures:\n  - {date: 2026-11-02, measure: GAD-7, answers: [1, 1, 1, 1, 1, 1, 1], difficulty: 4}\n",
        ("C-0001",), 1, ("GAD-7", "4"),
    ),
    "a measure the project does not define": (
        TEST_CONFIG,
        "measures:\n  - {date: 2026-11-02, measure: MOOD-3, answers: [1, 1, 1]}\n",
        ("C-0001",), 1, ("MOOD-3",),
    ),
    "an unknown client": (TEST_CONFIG, "", ("C-9999",), 2, ("C-9999",)),
    "--all without -o": (TEST_CONFIG, "", ("--all", "--no-o"), 2, ("-o",)),
    "--bundle without --all": (TEST_CONFIG, "", ("C-0001", "--bundle"), 2, ("--bundle",)),
    "--with-names with csv": (
        TEST_CONFIG, "", ("C-0001", "--with-names", "--format", "csv"), 2, ("--with-names",)
    ),
    "an ID and --all": (TEST_CONFIG, "", ("C-0001", "--all"), 2, ("--all",)),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_a_bad_input_is_a_one_line_error_that_writes_nothing(
    project: Project, run: Run, tmp_path: Path, case: str
) -> None:
    config, entries, args, code, words = BAD_INPUTS[case]
    small_practice(project, entries, config)
    out = tmp_path / "out"
    out.mkdir()
    given = [a for a in args if a != "--no-o"]
    if "--no-o" not in args:
        given += ["-o", str(out / "export.json")]
    if "--format" not in given:
        given += ["--format", "fhir"]
    before = snapshot(tmp_path)
    result = run("export", *given, "--project", project.root)
    assert_one_line_error(result, code, *words)
    assert snapshot(tmp_path) == before


def test_all_with_one_client_that_cannot_be_exported_writes_no_file(
    project: Project, run: Run, tmp_path: Path
) -> None:
    small_practice(project)
    project.client(CLIENT.replace("C-0001", "C-0002"), client_id="C-0002")
    project.entries(
        "measures:\n  - {date: 2026-11-02, measure: PHQ-9, answers: [1, 1, 1, 1, 1, 1, 1, 1, 7]}\n",
        client_id="C-0002",
    )
    folder = tmp_path / "every"
    result = run("export", "--all", "--format", "fhir", "-o", folder, "--project", project.root)
    assert_one_line_error(result, 1, "C-0002", "PHQ-9")
    assert not folder.exists() or list(folder.iterdir()) == []  # not even C-0001's


TWICE = {
    "a PHQ-9": (
        "measures:\n  - {date: 2026-11-02, measure: PHQ-9, answers: [1, 1, 1, 1, 1, 1, 1, 1, 1]}\n",
        "measures:\n  - {date: 2026-11-02, measure: PHQ-9, answers: [1, 1, 1, 1, 1, 1, 1, 1, 3]}\n",
        ("PHQ-9", "2026-11-02"),
    ),
    "a GBO rating": (
        "ratings:\n  - {date: 2026-11-02, goal: walks, rater: client, gbo: 4}\n",
        "ratings:\n  - {date: 2026-11-02, goal: walks, rater: client, gbo: 6}\n",
        ("walks", "gbo", "2026-11-02"),
    ),
}


@pytest.mark.parametrize("case", sorted(TWICE))
def test_a_record_entered_twice_is_refused_not_half_sent(
    project: Project, run: Run, tmp_path: Path, case: str
) -> None:
    """Both would be one resource (one fullUrl): a server, or the transaction, would keep
    one and drop the other, here perhaps the item 9 of 3. check reports it as GS204."""
    first, second, words = TWICE[case]
    small_practice(project, first)
    project.entries(second, name="e3.yaml")
    target = tmp_path / "practice.fhir.json"
    for args in (("C-0001",), ("--all", "--bundle")):
        result = run("export", *args, "--format", "fhir", "-o", target, "--project", project.root)
        assert_one_line_error(result, 1, "C-0001", "recorded twice", *words)
        assert not target.exists()


# --- the command's help ---------------------------------------------------------------


def test_help_tells_of_the_fhir_format(run: Run) -> None:
    result = run("export", "--help")
    assert result.exit_code == 0, result.output
    text = result.output
    assert "fhir" in text and "FHIR" in text
    for option in ("--all", "--bundle", "--with-names"):
        assert option in text
