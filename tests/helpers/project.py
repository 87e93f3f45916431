"""The test projects every test shares: the repository's path, the demo's day, a small valid
client and its entries, and Project, a practice written into a temporary folder."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

from click.testing import Result

REPO = Path(__file__).resolve().parent.parent.parent
TODAY = dt.date(2026, 11, 20)

CLIENT = """\
client:
  id: C-0001
  started: 2026-09-01
  raters: [client, therapist]
goals:
  - id: walks
    title: Walk in the park three times a week
    why: I feel clearer after a walk
    status: active
    measure: {what: walks, unit: per week, direction: increase, baseline: 0, target: 3,
              tracker: walked}
    target_date: 2026-12-31
trackers:
  - {id: mood, label: Mood, kind: rating, min: 1, max: 10}
  - {id: walked, label: Went for a walk, kind: yesno, goal: walks}
"""

ENTRIES = """\
diary:
  2026-11-01: {mood: 5, walked: yes}
reviews:
  - {date: 2026-11-10, progress: steady}
"""


class Project:
    """A project on disk that a test can add files to."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def client(self, text: str = CLIENT, client_id: str = "C-0001") -> Path:
        return self.write(f"goalsheets/{client_id}/goalsheet.yaml", text)

    def entries(self, text: str, name: str = "e2.yaml", client_id: str = "C-0001") -> Path:
        return self.write(f"goalsheets/{client_id}/entries/{name}", text)


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under goalsheets/ (hidden temporary files too), by relative path."""
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted((root / "goalsheets").rglob("*"))
        if path.is_file()
    }


def new_files(root: Path, before: dict[str, bytes]) -> list[str]:
    return sorted(set(snapshot(root)) - set(before))


def assert_refused(result: Result, root: Path, before: dict[str, bytes], *words: str) -> None:
    """Exit 1, each word in the message, no traceback, and nothing under goalsheets/ changed."""
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    for word in words:
        assert word in result.output, f"{word!r} not in:\n{result.output}"
    assert snapshot(root) == before
