"""Scanned pages read on two cores say the same as on one: a scanner's PDF (pages read in a
pool of workers from a fork server) and a handful of photos (read ahead across the files),
in page and file order, with the pages that cannot be read named where they are. Killing
the import leaves no worker, fork server or poppler behind.

Real pages: goalsheet's scannable PHQ-9 and GAD-7 for the demo clients, rasterised by
poppler, filled, saved as a scanner and a phone would save them; nothing is mocked.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import cv2
import numpy as np
import pytest
from click.testing import Result

from goalsheet.intake.scan.pages import page_readings, reading_ahead
from goalsheet.intake.scan.read import PageReading
from goalsheet.paper.scannable.page import measure_plan
from goalsheet.project import load_project
from helpers.cli import invoke
from helpers.project import REPO

pytestmark = pytest.mark.slow  # every test here takes more than ~2 s

DPI = 150
ANSWERS = {"phq-9": [2, 1, 2, 1, 1, 0, 1, 0, 0], "gad-7": [1, 2, 0, 1, 3, 0, 1]}
CLIENTS = {"phq-9": "C-0142", "gad-7": "C-0388"}
GOALSHEET = Path(sys.executable).with_name("goalsheet")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("pages") / "practice"
    root.mkdir()
    shutil.copy(REPO / "goalsheet.yaml", root / "goalsheet.yaml")
    for folder in ("goalsheets", "content", "branding"):
        shutil.copytree(REPO / folder, root / folder)
    return root


@pytest.fixture(scope="module")
def filled(demo: Path) -> dict[str, np.ndarray]:
    """The PHQ-9 and the GAD-7 as printed for their clients, filled in, at DPI."""
    project = load_project(demo)
    pages = {}
    for form, client in CLIENTS.items():
        pdf = demo / f"{form}.pdf"
        result = cli(demo, "worksheet", form, "--scannable", "--client", client, "-o", pdf)
        assert result.exit_code == 0, result.output
        subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", "-singlefile", pdf,
                        demo / form], check=True)  # fmt: skip
        page = cv2.imread(str(demo / f"{form}.png"), cv2.IMREAD_GRAYSCALE)
        plan = measure_plan(project.measures[form.upper()], "a4")
        k = DPI / 25.4
        rows = [row for row in plan.rows if row.key.startswith("item")]
        for row, answer in zip(rows, ANSWERS[form], strict=True):
            circle = next(c for c in row.circles if c.value == answer)
            cv2.circle(page, (round(circle.x * k), round(circle.y * k)),
                       round(circle.r * k * 0.9), 25, -1)  # fmt: skip
        pages[form] = page
    return pages


def cli(root: Path, *args: str | Path, workers: int | None = None) -> Result:
    env = {"GOALSHEET_LOCALE": "en_GB", "GOALSHEET_SCAN_WORKERS": str(workers or "")}
    return invoke(*args, "--project", root, env=env, catch=True)


def scanner_pdf(path: Path, pages: list[np.ndarray]) -> Path:
    from PIL import Image

    images = [Image.fromarray(page) for page in pages]
    images[0].save(path, save_all=True, append_images=images[1:], resolution=DPI, quality=90)
    return path


def both(root: Path, *args: str | Path) -> str:
    """The import's output, which must be the same read by one process and by two."""
    one = cli(root, "import", *args, "--dry-run", "--date", "2026-11-14", workers=1)
    two = cli(root, "import", *args, "--dry-run", "--date", "2026-11-14", workers=2)
    assert one.output == two.output
    assert one.exit_code == two.exit_code
    return two.output


def test_a_scanner_pdf_reads_the_same_on_two_workers_as_on_one(
    demo: Path, filled: dict[str, np.ndarray], tmp_path: Path
) -> None:
    rng = np.random.default_rng(5)
    white = np.full_like(filled["phq-9"], 250)
    noise = rng.integers(0, 255, white.shape, dtype=np.uint8)
    pages = [filled["phq-9"], white, filled["gad-7"], noise, filled["phq-9"], filled["gad-7"]]
    output = both(demo, scanner_pdf(tmp_path / "mixed.pdf", pages))

    assert "mixed.pdf (phq-9 scan" in output and "mixed.pdf (gad-7 scan" in output
    blank, no_code = "mixed.pdf, page 2: the page is blank", "mixed.pdf, page 4: no goalsheet"
    assert blank in output and no_code in output
    assert output.index(blank) < output.index(no_code)  # in page order
    assert "PHQ-9 item 9" not in output  # answered 0 on both copies: nothing critical
    assert "page 1" not in output and "page 6" not in output  # read, nothing to say


def test_past_the_time_limit_for_a_pdf_no_page_is_read(
    demo: Path, filled: dict[str, np.ndarray], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The limit for a whole PDF (10 minutes) is checked before each page is read, by
    whichever process reads it: here it has passed before the first."""
    monkeypatch.setattr("goalsheet.intake.scan.source.SECONDS_PER_PDF", -1)
    pdf = scanner_pdf(tmp_path / "slow.pdf", [filled["gad-7"]] * 3)
    output = both(demo, pdf)

    assert "slow.pdf, page 1: reading stopped here" in output
    assert "page 2" not in output and "page 3" not in output


def test_poppler_that_cannot_be_started_is_a_message_not_a_traceback(
    demo: Path, filled: dict[str, np.ndarray], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A machine short of memory or processes may fail to start pdfinfo at all (seen once
    under load in CI): the import names the file and says so, and writes nothing."""

    def refuse() -> None:
        raise OSError(12, "Cannot allocate memory")

    monkeypatch.setattr("goalsheet.intake.scan.source_pdf._limits", refuse)
    pdf = scanner_pdf(tmp_path / "short.pdf", [filled["gad-7"]])
    result = cli(demo, "import", pdf, "--date", "2026-11-14", workers=1)

    assert result.exit_code == 1
    assert "short.pdf" in result.output and "pdfinfo could not be started" in result.output
    assert "Traceback" not in result.output and not isinstance(result.exception, OSError)


def test_photos_are_read_ahead_across_files_in_order(
    demo: Path, filled: dict[str, np.ndarray], tmp_path: Path
) -> None:
    files = [tmp_path / "a.jpg", tmp_path / "bad.png", tmp_path / "b.jpg", tmp_path / "c.png"]
    cv2.imwrite(str(files[0]), filled["phq-9"])
    files[1].write_bytes(b"\x89PNG\r\n\x1a\n not a picture at all")
    cv2.imwrite(str(files[2]), filled["gad-7"])
    cv2.imwrite(str(files[3]), np.full_like(filled["gad-7"], 250))
    output = both(demo, *files)

    said = [output.index(name) for name in ("a.jpg (phq-9", "bad.png\n", "b.jpg (gad-7", "c.png")]
    assert said == sorted(said), output
    assert "bad.png\n  error: the image cannot be read" in output
    assert "c.png, page 1: the page is blank" in output


def test_a_file_read_ahead_but_not_taken_is_passed_over(
    demo: Path, filled: dict[str, np.ndarray], tmp_path: Path
) -> None:
    """The loop asks for the second photo first: the first is passed over, the second is
    the GAD-7, and the first, asked for afterwards, is still read (on its own)."""
    first, second = tmp_path / "first.jpg", tmp_path / "second.jpg"
    cv2.imwrite(str(first), filled["phq-9"])
    cv2.imwrite(str(second), filled["gad-7"])
    project = load_project(demo)

    with reading_ahead(project, [first, second]):
        later = list(page_readings(project, second, "second.jpg"))
        earlier = list(page_readings(project, first, "first.jpg"))

    forms = [reading.payload.form for _n, reading in later + earlier
             if isinstance(reading, PageReading)]  # fmt: skip
    assert forms == ["gad-7", "phq-9"]
    assert [row.value for row in earlier[0][1].rows[:9]] == ANSWERS["phq-9"]  # type: ignore[union-attr]


def test_killing_the_import_leaves_no_worker_behind(
    demo: Path, filled: dict[str, np.ndarray], tmp_path: Path
) -> None:
    """SIGKILL to the import alone (not its group): the fork server sees it gone and ends,
    and its workers and their poppler end with it."""
    pdf = scanner_pdf(tmp_path / "long.pdf", [filled["gad-7"]] * 40)
    process = subprocess.Popen(
        [GOALSHEET, "import", pdf, "--dry-run", "--date", "2026-11-14", "--project", demo],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        env={**os.environ, "GOALSHEET_SCAN_WORKERS": "2"},
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while len(group(process.pid)) < 4:  # the import, the fork server, two workers
            assert process.poll() is None, "the import ended before its workers were seen"
            assert time.monotonic() < deadline, group(process.pid)
            time.sleep(0.02)
        process.kill()
        process.wait()
        deadline = time.monotonic() + 20
        while left := group(process.pid):
            assert time.monotonic() < deadline, f"still running: {left}"
            time.sleep(0.05)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)


def test_a_worker_killed_is_a_page_named_not_a_traceback(
    demo: Path, filled: dict[str, np.ndarray], tmp_path: Path
) -> None:
    """A worker that ends without its page (the kernel's out-of-memory killer, say): that
    page is named, the pages after it are not read, and the import says so, exit 1."""
    pdf = scanner_pdf(tmp_path / "long.pdf", [filled["gad-7"]] * 40)
    process = subprocess.Popen(
        [GOALSHEET, "import", pdf, "--dry-run", "--date", "2026-11-14", "--project", demo],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
        env={**os.environ, "GOALSHEET_SCAN_WORKERS": "2", "GOALSHEET_LOCALE": "en_GB"},
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not (workers := grandchildren(process.pid)):  # forked by the fork server
            assert process.poll() is None, "the import ended before its workers were seen"
            assert time.monotonic() < deadline, group(process.pid)
            time.sleep(0.02)
        os.kill(workers[0], signal.SIGKILL)
        output, _ = process.communicate(timeout=60)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)

    assert process.returncode == 1, output
    assert "Traceback" not in output
    assert "the process reading the page ended before it was read" in output
    assert "page 40" not in output  # the pages after it were not read


def grandchildren(leader: int) -> list[int]:
    """The Python processes whose parent's parent is `leader` (not poppler's pdftoppm)."""
    parents: dict[int, int] = {}
    names: dict[int, str] = {}
    for pid in group(leader):
        with contextlib.suppress(OSError, ValueError, IndexError):
            raw = Path(f"/proc/{pid}/stat").read_text()
            names[pid] = raw[raw.index("(") + 1 : raw.rindex(")")]
            parents[pid] = int(raw[raw.rindex(")") + 2 :].split()[1])
    return [pid for pid, parent in parents.items()
            if parents.get(parent) == leader and names[pid] != "pdftoppm"]  # fmt: skip


def group(leader: int) -> list[int]:
    """The live processes of the process group `leader` started (zombies do not count)."""
    alive = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                raw = Path(entry.path, "stat").read_text()
                fields = raw[raw.rindex(")") + 2 :].split()
                if int(fields[2]) == leader and fields[0] not in ("Z", "X"):
                    alive.append(int(entry.name))
    return alive
