"""Start-up: commands that make no PDF and draw no chart never load WeasyPrint or
matplotlib (nor pypdf, which reads PDFs in a child process), so they answer at once."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.project import REPO

pytestmark = pytest.mark.slow  # every test here takes more than ~2 s

HEAVY = ("weasyprint", "matplotlib", "pypdf", "cv2", "segno", "numpy")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("demo")
    for name in ("goalsheet.yaml", "goalsheets", "content", "branding"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
    done = subprocess.run(
        [sys.executable, "-m", "goalsheet", "diary", "--client", "C-0142", "--weeks", "1",
         "--fillable", "-o", "diary.pdf"],
        cwd=root, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    export = subprocess.run(
        [sys.executable, "-m", "goalsheet", "export", "C-0142", "-o", "C-0142.csv"], cwd=root
    )
    assert export.returncode == 0
    return root


def loaded(root: Path, *args: str) -> set[str]:
    """The top-level packages a command imported (python -X importtime)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "goalsheet", *args],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert "Traceback" not in done.stderr
    return {
        line.rsplit("|", 1)[1].strip().split(".")[0]
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["build", "--help"],
        ["check"],
        ["list", "clients"],
        ["list", "worksheets"],
        ["list", "measures"],
        ["schema"],
        ["import", "diary.pdf", "--dry-run"],
        ["import", "C-0142.csv", "--dry-run"],
        ["export", "C-0142"],
        ["report", "C-0142", "--format", "json"],
    ],
    ids=lambda args: " ".join(args),
)
def test_light_commands_load_no_heavy_library(demo: Path, args: list[str]) -> None:
    packages = loaded(demo, *args)
    assert "goalsheet" in packages  # the measurement works
    assert packages.isdisjoint(HEAVY), sorted(packages & set(HEAVY))


def test_the_measurement_sees_a_heavy_library_when_one_loads(demo: Path, tmp_path: Path) -> None:
    assert "weasyprint" in loaded(demo, "worksheet", "phq-9", "-o", str(tmp_path / "p.pdf"))
