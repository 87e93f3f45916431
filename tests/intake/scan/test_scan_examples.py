"""The demo's photographed pages (examples/scans/, made by scripts/scan_example.py) still
read back with today's layouts, as `make demo` shows."""

from __future__ import annotations

import json
from pathlib import Path

from helpers.project import REPO
from helpers.scan_pages import cli


def test_the_demo_photos_import(demo: Path) -> None:
    photos = [REPO / "examples" / "scans" / name
              for name in ("C-0142-diary-photo.jpg", "C-0388-phq-9-photo.jpg")]  # fmt: skip
    result = cli(demo, "import", *photos, "--as-of", "2026-11-20", "--dry-run", "--format", "json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output[result.output.index("{") :])
    files = {Path(f["file"]).name: f for f in summary["files"]}
    diary = files["C-0142-diary-photo.jpg"]
    assert {a["label"]: a["value"] for a in diary["added"]} == {
        "Mood on 2026-11-16": 5, "Social outings on 2026-11-16": 1,
        "Relaxation practice on 2026-11-16": 15, "Did my exercise on 2026-11-16": True,
        "Mood on 2026-11-17": 6, "Did my exercise on 2026-11-17": False,
        "Mood on 2026-11-18": 7, "Social outings on 2026-11-18": 2,
    }  # fmt: skip
    assert [n["label"] for n in diary["handwritten_notes"]] == ["Anything to note on 2026-11-17"]
    (phq,) = files["C-0388-phq-9-photo.jpg"]["added"]
    assert phq["label"] == "PHQ-9 on 2026-11-19" and phq["value"] == [1, 1, 0, 2, 1, 0, 1, 0, 0]
    assert not (demo / "goalsheets" / "C-0142" / "scans").exists()  # a dry run keeps nothing
