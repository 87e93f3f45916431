"""Reproducible builds: the same inputs give byte-identical HTML and PDFs, wherever the
project sits on disk and whenever it is built; SOURCE_DATE_EPOCH sets the one date PDFs
carry. Nothing in an output points back into the computer that made it."""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.pdftools import text, uncompressed
from helpers.project import CLIENT, REPO

pytestmark = pytest.mark.slow  # every test here takes more than ~2 s

PAGES = ("smart-goals.md", "baseline-tracking.md")  # they link to each other


def make_project(root: Path) -> Path:
    (root / "goalsheets" / "C-0001").mkdir(parents=True)
    (root / "goalsheet.yaml").write_text(
        "practice: {name: Test Practice}\nsite_url: https://help.example/\n"
    )
    (root / "goalsheets" / "C-0001" / "goalsheet.yaml").write_text(CLIENT)
    (root / "content").mkdir()
    for name in PAGES:
        shutil.copy(REPO / "content" / name, root / "content" / name)
    return root


def build(root: Path, epoch: str | None = None) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = epoch
    command = [sys.executable, "-m", "goalsheet", "build", "--as-of", "2026-11-20"]
    done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def files(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for folder in ("site", "private")
        for path in sorted((root / folder).rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def twins(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    first = make_project(tmp_path_factory.mktemp("one") / "practice")
    second = make_project(tmp_path_factory.mktemp("two-elsewhere") / "a" / "b")
    build(first)
    build(second)
    return first, second


def test_same_inputs_same_bytes_wherever_built(twins: tuple[Path, Path]) -> None:
    first, second = (files(root) for root in twins)
    assert set(first) == set(second)
    assert any(name.endswith("-fillable.pdf") for name in first)  # with an attached manifest
    assert any(name.startswith("site/handouts/") for name in first)
    different = sorted(name for name in first if first[name] != second[name])
    assert different == []


def test_outputs_hold_no_local_paths(twins: tuple[Path, Path]) -> None:
    root = twins[0]
    for name, data in files(root).items():
        searched = uncompressed(root / name) if name.endswith(".pdf") else data
        assert b"file://" not in searched, name
        assert str(root).encode() not in searched, name
    # A printed handout's links to other pages go to the published site.
    handout = uncompressed(root / "site" / "handouts" / "smart-goals.pdf")
    assert b"https://help.example/baseline-tracking.html" in handout


def test_source_date_epoch_sets_the_date_pdfs_carry(
    twins: tuple[Path, Path], tmp_path: Path
) -> None:
    # A copy of a built twin, without the one PDF looked at: the build makes that PDF again
    # (the epoch is not part of a job's key, so the others stay as they are).
    root = tmp_path / "practice"
    shutil.copytree(twins[0], root, symlinks=True)
    fillable = root / "site" / "worksheets" / "phq-9-fillable.pdf"
    fillable.unlink()
    build(root, epoch="1767225600")  # 2026-01-01
    assert b"D:20260101000000Z" in uncompressed(fillable)


def test_nothing_private_in_any_site_file_pdfs_included(twins: tuple[Path, Path]) -> None:
    """A full build (PDFs too): the client's ID, goal and reason are in private/ and
    nowhere in site/, not in a handout or worksheet PDF, not in the search index."""
    root = twins[0]
    secrets = ["C-0001", "Walk in the park three times a week", "I feel clearer after a walk"]
    private = " ".join(
        text(pdf) for pdf in (root / "private").rglob("*.pdf") if "report" in pdf.name
    )
    assert all(secret in " ".join(private.split()) for secret in secrets[1:])  # the test sees them
    for file in (root / "site").rglob("*"):
        if not file.is_file():
            continue
        if file.suffix == ".pdf":
            data = text(file) + uncompressed(file).decode("latin-1")
        elif file.suffix.startswith(".pf_"):
            data = gzip.decompress(file.read_bytes()).decode("utf-8", errors="replace")
        else:
            data = file.read_bytes().decode("utf-8", errors="replace")
        flat = " ".join(data.split())
        assert not [s for s in secrets if s in flat], file
