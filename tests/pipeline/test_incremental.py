"""Incremental builds: after one edit, exactly the outputs that depend on it are made again,
no more and no less; a removed input removes its outputs; `--clean` makes everything."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from goalsheet.resources import builtin_dir
from helpers.cli import invoke
from helpers.project import CLIENT, ENTRIES, Project

pytestmark = pytest.mark.slow  # every test here takes more than ~2 s

Run = Callable[..., Result]
AS_OF = "2026-11-20"
SECOND = CLIENT.replace("C-0001", "C-0002")


def outputs(root: Path) -> dict[str, int]:
    """Every job output (PDFs, reports, worksheet thumbnails) and when it was last written."""
    found = {}
    for folder in ("site/worksheets", "site/handouts", "private"):
        for path in (root / folder).rglob("*"):
            if path.is_file() and path.suffix in (".pdf", ".html", ".png"):
                found[path.relative_to(root).as_posix()] = path.stat().st_mtime_ns
    return found


def build(run: Run, root: Path, *extra: str) -> Result:
    result = run("build", "--project", root, "--as-of", AS_OF, "--jobs", "2", *extra)
    assert result.exit_code == 0, result.output
    return result


def remade(run: Run, root: Path, edit: Callable[[], None]) -> set[str]:
    before = outputs(root)
    edit()
    build(run, root)
    after = outputs(root)
    return {name for name, stamp in after.items() if before.get(name) != stamp}


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The conftest project with a second client, built once for the module, and a copy of
    it as built (files, cache and times) to put back before each test."""
    made = Project(tmp_path_factory.mktemp("incremental") / "practice")
    made.write("goalsheet.yaml", "practice: {name: Test Practice}\n")
    made.client()
    made.entries(ENTRIES, name="e1.yaml")
    made.client(SECOND, client_id="C-0002")
    build(invoke, made.root)
    kept = made.root.with_name("as-built")
    shutil.copytree(made.root, kept, symlinks=True)
    return made.root, kept


@pytest.fixture
def built(built_once: tuple[Path, Path]) -> Project:
    """The project as built, in the folder it was built in (a copy elsewhere is not fresh)."""
    root, kept = built_once
    shutil.rmtree(root)
    shutil.copytree(kept, root, symlinks=True)
    return Project(root)


def is_report(name: str) -> bool:
    return "/report-" in name or name.startswith(("private/caseload-summary", "private/attention"))


def test_nothing_changed_nothing_made(built: Project, run: Run) -> None:
    before = outputs(built.root)
    assert len(before) > 40
    result = build(run, built.root)
    assert "Built 0 of 0 files" in result.output
    assert f"{len(before)} up to date" in result.output
    assert outputs(built.root) == before


def test_one_entries_file_remakes_that_clients_reports_and_the_summary(
    built: Project, run: Run
) -> None:
    def edit() -> None:
        built.entries("diary:\n  2026-11-12: {mood: 7}\n", name="e3.yaml")

    assert remade(run, built.root, edit) == {
        f"private/C-0001/report-C-0001-{audience}.{medium}"
        for audience in ("clinician", "client")
        for medium in ("pdf", "html")
    } | {"private/C-0001/report-C-0001-clinician-detail.pdf"} | {
        f"private/{name}.{medium}"
        for name in ("caseload-summary", "attention")  # the whole caseload's
        for medium in ("pdf", "html")
    }


def test_a_base_template_remakes_every_sheet_and_no_report(built: Project, run: Run) -> None:
    all_outputs = set(outputs(built.root))

    def edit() -> None:
        text = (builtin_dir("templates") / "print" / "base.html.j2").read_text()
        built.write("templates/print/base.html.j2", text.replace("</body>", "<p>v2</p></body>"))

    again = remade(run, built.root, edit)
    assert again == {name for name in all_outputs if not is_report(name)}
    assert any(name.startswith("site/worksheets/") for name in again)
    assert any(name.startswith("private/C-0002/") for name in again)


def test_an_imported_partial_remakes_only_the_templates_that_import_it(
    built: Project, run: Run
) -> None:
    def edit() -> None:
        text = (builtin_dir("templates") / "report" / "macros.html.j2").read_text()
        built.write("templates/report/macros.html.j2", text + "\n{# edited #}\n")

    # The clinician's report (with and without its appendix) imports the macros; the client's
    # report and the summary do not.
    assert remade(run, built.root, edit) == {
        f"private/{client}/report-{client}-{kind}"
        for client in ("C-0001", "C-0002")
        for kind in ("clinician.pdf", "clinician.html", "clinician-detail.pdf")
    }


def test_a_config_value_remakes_what_prints_it(built: Project, run: Run) -> None:
    all_outputs = set(outputs(built.root))
    config = built.root / "goalsheet.yaml"

    def practice_name() -> None:
        config.write_text("practice: {name: Another Practice}\n")

    assert remade(run, built.root, practice_name) == all_outputs

    def site_url_only() -> None:  # read by the site, by no PDF or report
        config.write_text(
            "practice: {name: Another Practice}\nsite_url: https://example.org/help/\n"
        )

    assert remade(run, built.root, site_url_only) == set()


def test_a_client_sheet_remakes_that_clients_sheets_and_reports(built: Project, run: Run) -> None:
    def edit() -> None:
        built.client(SECOND.replace("status: active", "status: paused"), client_id="C-0002")

    again = remade(run, built.root, edit)
    assert again == {
        name
        for name in outputs(built.root)
        if name.startswith(("private/C-0002/", "private/caseload-summary", "private/attention"))
    }


def test_a_removed_client_removes_its_outputs(built: Project, run: Run) -> None:
    assert any(name.startswith("private/C-0002/") for name in outputs(built.root))
    shutil.rmtree(built.root / "goalsheets" / "C-0002")
    result = build(run, built.root)
    assert "removed" in result.output
    assert not (built.root / "private" / "C-0002").exists()
    assert any(name.startswith("private/C-0001/") for name in outputs(built.root))


def test_clean_makes_everything_again(built: Project, run: Run) -> None:
    before = outputs(built.root)
    build(run, built.root, "--clean")
    after = outputs(built.root)
    assert set(after) == set(before)
    assert all(after[name] != before[name] for name in before)
