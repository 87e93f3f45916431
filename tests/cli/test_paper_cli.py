"""`worksheet`, `diary`, `build` and `list worksheets`: success and every bad input."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from helpers.pdftools import info, qpdf_ok, text
from helpers.project import REPO, Project

Run = Callable[..., Result]


def no_pdfs(folder: Path) -> bool:
    return not any(p.suffix in (".pdf", ".tmp") or ".tmp" in p.name for p in folder.rglob("*"))


def test_list_worksheets(run: Run) -> None:
    result = run("list", "worksheets", "--project", REPO, "--format", "json")
    rows = {row["id"]: row for row in json.loads(result.output)}
    assert rows["phq-9"]["kind"] == "measure" and rows["daily-diary"]["kind"] == "diary"
    assert all(row["purpose"] for row in rows.values())
    scannable = {name for name, row in rows.items() if row["scannable"]}
    assert scannable == {"phq-9", "gad-7", "daily-diary", "baseline-diary", "weekly-log"}
    text = run("list", "worksheets", "--project", REPO).output
    assert "smart-goal" in text and "(print, fillable, scannable)" in text


def test_blank_worksheet_needs_no_project(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("worksheet", "decisional-balance")
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "decisional-balance.pdf"
    assert qpdf_ok(pdf) and "Decisional balance" in text(pdf)
    assert "Our practice" in text(pdf)  # the default practice name


def test_worksheet_default_name_uses_id_only(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("worksheet", "smart-goal", "--client", "C-0142", "--fillable", "--project", REPO)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "smart-goal-C-0142-fillable.pdf").is_file()


def test_diary_for_a_client(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "d.pdf"
    result = run(
        "diary",
        "--client",
        "C-0388",
        "--baseline",
        "--start",
        "2026-12-07",
        "-o",
        out,
        "--project",
        REPO,
    )
    assert result.exit_code == 0, result.output
    content = text(out)
    assert "Baseline diary" in content and "Mon 7 Dec" in content and "Week 3" in content
    assert "Panic attacks" in content
    assert "Week 4" not in content


def test_unknown_worksheet(run: Run) -> None:
    result = run("worksheet", "smart-gaol", "--project", REPO)
    assert result.exit_code == 2
    assert "no worksheet called 'smart-gaol'" in result.output
    assert "Did you mean 'smart-goal'?" in result.output and "gad-7" in result.output


def test_unknown_client(run: Run, tmp_path: Path) -> None:
    result = run("diary", "--client", "C-9999", "-o", tmp_path / "x.pdf", "--project", REPO)
    assert result.exit_code == 2
    assert "no client 'C-9999'" in result.output and "C-0142" in result.output
    assert no_pdfs(tmp_path)


def test_diary_for_client_with_no_trackers(project: Project, run: Run, tmp_path: Path) -> None:
    project.client("client: {id: C-0001, started: 2026-09-01}\n")
    project.entries("reviews: [{date: 2026-11-10}]\n", name="e1.yaml")
    result = run("diary", "--client", "C-0001", "-o", tmp_path / "x.pdf", "--project", project.root)
    assert result.exit_code == 1
    assert "C-0001 has no trackers" in result.output and "trackers:" in result.output
    assert no_pdfs(tmp_path)


@pytest.mark.parametrize("weeks", ["0", "200", "-3", "many"])
def test_diary_weeks_out_of_range(run: Run, tmp_path: Path, weeks: str) -> None:
    result = run(
        "diary", "--client", "C-0142", "--weeks", weeks, "-o", tmp_path / "x.pdf", "--project", REPO
    )
    assert result.exit_code == 2
    assert "--weeks" in result.output
    assert no_pdfs(tmp_path)


@pytest.mark.parametrize("start", ["next monday", "2026-02-30", "23/11/2026"])
def test_diary_start_not_a_date(run: Run, tmp_path: Path, start: str) -> None:
    result = run(
        "diary", "--client", "C-0142", "--start", start, "-o", tmp_path / "x.pdf", "--project", REPO
    )
    assert result.exit_code == 2
    assert "--start" in result.output
    assert no_pdfs(tmp_path)


def test_override_with_a_jinja_syntax_error(project: Project, run: Run, tmp_path: Path) -> None:
    project.write(
        "templates/worksheets/scaling.html.j2",
        '{% extends "print/base.html.j2" %}\n{% block body %}\n{% if %}\n{% endblock %}\n',
    )
    result = run("worksheet", "scaling", "-o", tmp_path / "x.pdf", "--project", project.root)
    assert result.exit_code == 1
    assert "worksheets/scaling.html.j2:3: template syntax error" in result.output
    assert "Traceback" not in result.output
    assert no_pdfs(tmp_path)


def test_override_wins_over_the_built_in(project: Project, run: Run, tmp_path: Path) -> None:
    project.write(
        "templates/worksheets/scaling.html.j2",
        '{% extends "print/base.html.j2" %}\n{% block body %}<p>Our own scaling sheet</p>{% endblock %}\n',
    )
    out = tmp_path / "x.pdf"
    assert run("worksheet", "scaling", "-o", out, "--project", project.root).exit_code == 0
    assert "Our own scaling sheet" in text(out)


@pytest.mark.parametrize(
    "src",
    [
        "assets/missing-logo.png",
        "file:///etc/passwd",
        "../../../../etc/hostname",
        "http://127.0.0.1:9/logo.png",
    ],
)
def test_template_referring_to_a_missing_or_forbidden_asset(
    project: Project, run: Run, tmp_path: Path, src: str
) -> None:
    project.write(
        "templates/worksheets/scaling.html.j2",
        f'{{% extends "print/base.html.j2" %}}\n{{% block body %}}<img src="{src}" alt="logo">{{% endblock %}}\n',
    )
    result = run("worksheet", "scaling", "-o", tmp_path / "x.pdf", "--project", project.root)
    assert result.exit_code == 1
    assert "refused to load" in result.output and "only files inside the project" in result.output
    assert no_pdfs(tmp_path)


def test_output_folder_not_writable(run: Run, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run("worksheet", "concerns", "-o", blocker / "out.pdf", "--project", REPO)
    assert result.exit_code == 1
    assert f"cannot write {blocker / 'out.pdf'}" in result.output
    assert blocker.read_text() == "not a folder"


def test_template_values_are_escaped(project: Project, run: Run, tmp_path: Path) -> None:
    project.client(
        "client: {id: C-0001, started: 2026-09-01}\n"
        "goals:\n  - {id: g, title: '<b>bold</b> & <script>alert(1)</script>', why: w}\n"
    )
    out = tmp_path / "x.pdf"
    assert (
        run(
            "worksheet", "smart-goal", "--client", "C-0001", "-o", out, "--project", project.root
        ).exit_code
        == 0
    )
    assert "<b>bold</b> & <script>alert(1)</script>" in text(out)


@pytest.mark.slow
def test_build_reports_a_failing_job_and_builds_the_rest(project: Project, run: Run) -> None:
    project.write(
        "templates/worksheets/concerns.html.j2",
        "{% extends 'print/base.html.j2' %}{% block body %}{{ no_such_thing }}{% endblock %}",
    )
    result = run("build", "--project", project.root, "--jobs", "2", "--as-of", "2026-11-20")
    assert result.exit_code == 1
    assert "failed: concerns (blank) -> site/worksheets/concerns.pdf" in result.output
    assert "no_such_thing" in result.output
    site = project.root / "site" / "worksheets"
    assert (site / "smart-goal.pdf").is_file() and not (site / "concerns.pdf").exists()
    assert (project.root / "private" / "C-0001" / "daily-diary-C-0001.pdf").is_file()
    assert not list(project.root.rglob("*.tmp"))


@pytest.mark.slow
def test_build_shards_are_disjoint_and_complete(project: Project, run: Run) -> None:
    outputs = []
    for index in (1, 2, 3):
        result = run(
            "build",
            "--project",
            project.root,
            "--jobs",
            "1",
            "--shard",
            f"{index}/3",
            "--clean",
            "--as-of",
            "2026-11-20",
        )
        assert result.exit_code == 0, result.output
        outputs.append({p.relative_to(project.root) for p in project.root.rglob("*.pdf")})
    assert (
        not (outputs[0] & outputs[1])
        and not (outputs[1] & outputs[2])
        and not (outputs[0] & outputs[2])
    )
    result = run(
        "build", "--project", project.root, "--jobs", "2", "--clean", "--as-of", "2026-11-20"
    )
    everything = {p.relative_to(project.root) for p in project.root.rglob("*.pdf")}
    assert outputs[0] | outputs[1] | outputs[2] == everything


@pytest.mark.parametrize("bad", ["0/3", "4/3", "x", "1-3"])
def test_bad_shard(project: Project, run: Run, bad: str) -> None:
    result = run("build", "--project", project.root, "--shard", bad)
    assert result.exit_code == 2 and "--shard" in result.output


def test_build_strict_refuses_with_findings(project: Project, run: Run) -> None:
    project.write("goalsheet.yaml", "review_every: 1 week\n")
    result = run("build", "--project", project.root, "--strict", "--as-of", "2026-11-20")
    assert result.exit_code == 1
    assert "GS107" in result.output and "nothing was built" in result.output
    assert not (project.root / "site").exists()


def test_fresh_letter_practice(project: Project, run: Run, tmp_path: Path) -> None:
    project.write("goalsheet.yaml", "paper: letter\n")
    out = tmp_path / "x.pdf"
    assert run("worksheet", "gad-7", "-o", out, "--project", project.root).exit_code == 0
    assert info(out)["Page size"] == "612 x 792 pts (letter)"


def test_missing_pango_is_a_clear_message(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import builtins

    real_import = builtins.__import__

    def no_pango(name: str, *args: object, **kwargs: object) -> object:
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0': not found")
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_pango)
    result = run("worksheet", "concerns", "-o", tmp_path / "x.pdf", "--project", REPO)
    assert result.exit_code == 1
    assert (
        "needs the Pango library" in result.output
        and "sudo apt-get install libpango" in result.output
    )
    assert no_pdfs(tmp_path)


def test_broken_practice_catalogue(project: Project, run: Run, tmp_path: Path) -> None:
    project.write(
        "templates/worksheets/catalogue.yaml", "worksheets:\n  - {id: mine, title: Mine}\n"
    )
    result = run("check", "--project", project.root, "--as-of", "2026-11-20")
    assert result.exit_code == 1
    assert (
        "templates/worksheets/catalogue.yaml:2:" in result.output
        and "'purpose' is required" in result.output
    )
    result = run("worksheet", "smart-goal", "-o", tmp_path / "x.pdf", "--project", project.root)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "templates/worksheets/catalogue.yaml:2:" in result.output
    assert no_pdfs(tmp_path)


def test_catalogue_entry_without_its_template(project: Project, run: Run) -> None:
    project.write(
        "templates/worksheets/catalogue.yaml",
        "worksheets:\n  - {id: mine, title: Mine, purpose: p, audience: [clients], template: worksheets/mine.html.j2}\n",
    )
    result = run("check", "--project", project.root, "--as-of", "2026-11-20")
    assert result.exit_code == 1
    assert (
        "GS016 worksheet 'mine' names a template that does not exist: worksheets/mine.html.j2"
        in result.output
    )
    project.write(
        "templates/worksheets/mine.html.j2",
        '{% extends "print/base.html.j2" %}{% block body %}Mine{% endblock %}',
    )
    assert run("check", "--project", project.root, "--as-of", "2026-11-20").exit_code == 0
