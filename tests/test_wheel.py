"""A wheel installed into a fresh venv works from any folder, with its built-in files."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from helpers.project import REPO

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(REPO)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("goalsheet-*.whl")
    return built


def test_wheel_carries_templates_and_content(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "goalsheet/content/what-are-therapy-goals.md" in names
    assert "goalsheet/templates/README.md" in names
    assert not any(name.startswith(("goalsheets/", "goalsheet/goalsheets/")) for name in names)


def test_fresh_venv_init_and_check_from_any_folder(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
    )
    goalsheet = env_dir / "bin" / "goalsheet"
    elsewhere = tmp_path / "somewhere" / "else"
    elsewhere.mkdir(parents=True)
    made = subprocess.run(
        [str(goalsheet), "init", "x"], cwd=elsewhere, capture_output=True, text=True
    )
    assert made.returncode == 0, made.stderr
    checked = subprocess.run(
        [str(goalsheet), "check"], cwd=elsewhere / "x", capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "All clear" in checked.stdout
    assert (elsewhere / "x" / "content" / "what-are-therapy-goals.md").is_file()
