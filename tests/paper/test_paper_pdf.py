"""Every worksheet as a real PDF, checked with real tools: blank and personalised, print and
fillable, A4 and Letter. The demo project is built once per session, with two processes
(helpers.demo)."""

from __future__ import annotations

import re
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from goalsheet.paper.catalogue import load_catalogue
from helpers.demo import built_demo
from helpers.pdftools import fields, form_manifest, info, qpdf_ok, text, uncompressed
from helpers.project import REPO

pytestmark = pytest.mark.slow  # every test here takes more than ~2 s

CATALOGUE = load_catalogue(None)
# Portrait, or landscape for wide sheets (ABC chart, diaries with many trackers).
A4 = {"595.276 x 841.89 pts (A4)", "841.89 x 595.276 pts (A4)"}
LETTER = {"612 x 792 pts (letter)", "792 x 612 pts (letter)"}
FIELD_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo project, built once for the session (helpers.demo); read only."""
    return built_demo(tmp_path_factory).root


@pytest.mark.parametrize("worksheet", sorted(CATALOGUE))
def test_blank_print(demo: Path, worksheet: str) -> None:
    pdf = demo / "site" / "worksheets" / f"{worksheet}.pdf"
    assert qpdf_ok(pdf)
    meta = info(pdf)
    assert meta["Page size"] in A4
    assert meta["Title"] == CATALOGUE[worksheet].title
    assert meta["Tagged"] == "yes"
    content = text(pdf)
    assert CATALOGUE[worksheet].title.split()[0] in content
    assert "Riverside Talking Therapies (demo)" in content  # the practice's header
    assert "Confidential" not in content
    assert re.search(r"Page 1 of \d+", content)
    assert meta.get("Form", "none") == "none"


@pytest.mark.parametrize("worksheet", sorted(CATALOGUE))
def test_blank_fillable(demo: Path, worksheet: str) -> None:
    pdf = demo / "site" / "worksheets" / f"{worksheet}-fillable.pdf"
    assert qpdf_ok(pdf)
    assert info(pdf)["Form"] == "AcroForm"
    found = fields(pdf)
    assert found, "a fillable PDF has fields"
    for name, field in found.items():
        assert FIELD_NAME.match(name), name
        assert field.get("/TU") and field["/TU"] != name, f"{name} has no tooltip"
    manifest = form_manifest(pdf)
    assert manifest["form"] == worksheet and manifest["version"] == CATALOGUE[worksheet].version
    assert manifest["client"] is None and manifest["paper"] == "a4"
    assert set(manifest["fields"]) == set(found)


CLIENT_NAMES = ["Alex", "Lucía"]  # the demo clients with a display name


@pytest.mark.parametrize(
    "client", ["C-0142", "Y-0207", "C-0315", "C-0388", "C-0421", "C-0456", "C-0512"]
)
def test_personalised(demo: Path, client: str) -> None:
    folder = demo / "private" / client
    pdfs = sorted(folder.glob("*.pdf"))
    assert pdfs, f"nothing built for {client}"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((demo / "private").stat().st_mode) == 0o700
    for pdf in pdfs:
        assert client in pdf.name
        assert stat.S_IMODE(pdf.stat().st_mode) == 0o600
        assert qpdf_ok(pdf)
        content = text(pdf)
        confidential = "Confidencial" if client == "C-0512" else "Confidential"  # in Spanish
        assert f"{confidential} · {client}" in content
        raw = uncompressed(pdf)
        for name in CLIENT_NAMES:
            assert name not in content and name.encode() not in raw
        assert b"/work/" not in raw and str(demo).encode() not in raw  # no paths leak
        if pdf.name.endswith("-fillable.pdf"):
            assert form_manifest(pdf)["client"] == client


def test_personalised_content(demo: Path) -> None:
    smart = text(demo / "private" / "C-0142" / "smart-goal-C-0142.pdf")
    assert "Feel at ease in group settings" in smart and "1 December 2026" in smart
    ladder = text(demo / "private" / "C-0142" / "goal-ladder-C-0142.pdf")
    assert "Coffee with one friend" in ladder
    youth = text(demo / "private" / "Y-0207" / "smart-goal-Y-0207.pdf")
    assert "hope" in youth.lower()
    diary = demo / "private" / "C-0142" / "daily-diary-C-0142-fillable.pdf"
    manifest = form_manifest(diary)
    assert manifest["start"] == "2026-11-23"  # the Monday after --as-of
    mood = manifest["fields"]["d_2026-11-23_mood"]
    assert (mood["section"], mood["tracker"], mood["date"], mood["type"]) == (
        "diary",
        "mood",
        "2026-11-23",
        "choice",
    )
    assert fields(diary)["d_2026-11-23_exercise"]["/FT"] == "/Btn"


def test_client_choices(demo: Path) -> None:
    assert not list((demo / "private" / "C-0421").glob("smart-goal*"))  # prefers no goals
    assert list((demo / "private" / "C-0421").glob("session-review*"))
    assert list((demo / "private" / "Y-0207").glob("goal-agreement*"))
    assert not list((demo / "private" / "C-0142").glob("goal-agreement*"))


Run = Callable[..., Result]


@pytest.mark.parametrize("worksheet", sorted(CATALOGUE))
def test_letter(run: Run, tmp_path: Path, worksheet: str) -> None:
    personal = tmp_path / f"{worksheet}.pdf"
    args = ("--paper", "letter", "--project", REPO)
    result = run("worksheet", worksheet, "--client", "C-0142", "-o", personal, *args)
    assert result.exit_code == 0, result.output
    blank = tmp_path / f"{worksheet}-fillable.pdf"
    result = run("worksheet", worksheet, "--fillable", "-o", blank, *args)
    assert result.exit_code == 0, result.output
    for pdf in (personal, blank):
        assert info(pdf)["Page size"] in LETTER
        assert qpdf_ok(pdf)
    assert form_manifest(blank)["paper"] == "letter" and fields(blank)


def test_long_diary_never_splits_a_week(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "diary.pdf"
    result = run(
        "diary",
        "--client",
        "C-0142",
        "--weeks",
        "10",
        "--start",
        "2026-11-23",
        "-o",
        out,
        "--project",
        REPO,
    )
    assert result.exit_code == 0, result.output
    pages = int(info(out)["Pages"])
    assert pages >= 5
    seen = set()
    for page in range(1, pages + 1):
        content = text(out, page)
        for week in re.findall(r"Week (\d+): ", content):
            seen.add(int(week))
            # the whole week is on this page: its heading, seven days and its totals row
            assert re.search(rf"^\s*Week {week}\s", content, re.M), (
                f"week {week} totals not on page {page}"
            )
        assert content.count("Mon ") == content.count("Sun "), f"page {page} splits a week"
    assert seen == set(range(1, 11))
