"""What the guided-question tests share (`goalsheet new goal`, `goalsheet new client`): the
CLI run in-process with typed answers, the client sheet as YAML, a goal answered in full."""

from __future__ import annotations

import datetime as dt
import difflib
import io
import json
from pathlib import Path
from typing import Any

import yaml
from click.testing import Result

from helpers.cli import invoke
from helpers.project import TODAY as DEMO_DAY

TODAY = dt.date.today()
ENV = {"GOALSHEET_LOCALE": "en_GB"}


def cli(root: Path, *args: str, input: str | io.BytesIO | None = None) -> Result:
    """Run `goalsheet ARGS --project ROOT` in-process."""
    return invoke(*args, "--project", root, input=input, env=ENV)


def answers(*lines: str) -> str:
    return "".join(f"{line}\n" for line in lines)


def sheet_path(root: Path, client: str) -> Path:
    return root / "goalsheets" / client / "goalsheet.yaml"


def load(root: Path, client: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(sheet_path(root, client).read_text(encoding="utf-8"))
    return data


def goal_of(root: Path, client: str, goal_id: str) -> dict[str, Any]:
    return next(g for g in load(root, client)["goals"] if g["id"] == goal_id)


def check_findings(root: Path, client: str) -> list[dict[str, Any]]:
    """`goalsheet check --format json` findings in the client's folder."""
    # As of the demo's own date, so review dates do not depend on when the test runs.
    args = ["check", "--format", "json", "--as-of", DEMO_DAY.isoformat(), "--project", str(root)]
    result = invoke(*args, env=ENV, catch=True)
    findings: list[dict[str, Any]] = json.loads(result.stdout)["findings"]
    assert result.exit_code in (0, 1), result.output
    return [f for f in findings if f["path"].startswith(f"goalsheets/{client}/")]


def only_inserted(old: str, new: str) -> list[str]:
    """The lines `new` adds to `old`; fails if any line of `old` was changed, moved or lost."""
    matcher = difflib.SequenceMatcher(None, old.splitlines(), new.splitlines(), autojunk=False)
    added: list[str] = []
    for tag, _i1, _i2, j1, j2 in matcher.get_opcodes():
        assert tag in ("equal", "insert"), (tag, old, new)
        if tag == "insert":
            added += new.splitlines()[j1:j2]
    return added


def temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


# A goal with nothing to say about its wording, answered in full.
PLAIN = (
    "Speak to one new person at work each week",  # title
    "Say hello to someone from another team at lunch",  # specific
    "conversations started",  # what
    "per week",  # unit
    "up",  # direction
    "0",  # baseline
    "2",  # target
    "I chat easily with my own team",  # achievable
    "I want to feel part of the place",  # why
    "in 10 weeks",  # target date
)


FLAGS = (
    "--title", "Answer the phone at work", "--specific", "Pick up when it rings at my desk",
    "--what", "calls answered", "--unit", "per week", "--direction", "up", "--baseline", "1",
    "--target", "5", "--achievable", "My manager knows", "--why", "I want to stop dreading work",
    "--target-date", "in 8 weeks", "--step", "One call from a colleague", "--step",
    "One call from outside", "--tracker",
)  # fmt: skip
