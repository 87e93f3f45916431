"""Check a client's new goalsheet.yaml the way the project reads it, then write it whole.

Nothing invalid is written: the new text is parsed and validated by the project's own
reader and model, its ID must match its folder, the error-level lint rules must find
nothing new, and what was there before must read back unchanged beside what was added.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import stat
from collections import Counter
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from goalsheet.check import entry_rules, goal_rules, risk_rules
from goalsheet.check.registry import RULES, ClientContext, run_rules
from goalsheet.findings import Finding, GoalsheetError, Severity
from goalsheet.language.messages import _
from goalsheet.lock import project_lock
from goalsheet.model.client import ClientSheet, Goal, Tracker
from goalsheet.project import ClientFolder, Project
from goalsheet.project.validate import validate
from goalsheet.read.yaml_source import SourceMap, parse_yaml
from goalsheet.write import write_bytes_atomic, write_new_atomic

_REGISTERED = (goal_rules, entry_rules, risk_rules)  # importing them registers their rules

_TRACKER: TypeAdapter[Tracker] = TypeAdapter(Tracker)

FOLDER_MODE = 0o700
FILE_MODE = 0o600


class ChangedOnDisk(Exception):
    """The file is not what it was when the prompts began: someone else edited it."""


class ClientExists(Exception):
    """The client's folder appeared while the prompts ran."""


def read_back(text: str, display: str, folder_id: str) -> tuple[ClientSheet, SourceMap]:
    """`text` read exactly as the project loader reads a client's sheet; GoalsheetError
    with the findings if it would not load."""
    document = parse_yaml(text, display)
    sheet = validate(ClientSheet, document)
    if sheet.client.id != folder_id:
        raise GoalsheetError(
            [
                document.source.finding(
                    ("client", "id"),
                    "GS015",
                    _("client ID '{id}' does not match its folder '{folder}'").format(
                        id=sheet.client.id, folder=folder_id
                    ),
                )
            ]
        )
    return sheet, document.source


def new_errors(
    project: Project,
    folder: ClientFolder,
    after: tuple[ClientSheet, SourceMap],
    before: tuple[ClientSheet, SourceMap] | None,
    today: dt.date,
) -> list[Finding]:
    """Error-level lint findings (unknown references, say) in the new sheet that the old
    one did not have. Problems already there are not this command's to block on."""
    errors = {code for code, rule in RULES.items() if rule.severity is Severity.ERROR}

    def findings(sheet: ClientSheet, source: SourceMap) -> list[Finding]:
        context = ClientContext(
            folder.entries, sheet, source, project.config, project.measures, today
        )
        return [
            finding
            for finding in run_rules(context, errors, sheet_loaded=True)
            if finding.path == source.path
        ]

    old = Counter((f.code, f.message) for f in findings(*before)) if before else Counter()
    fresh = []
    for finding in findings(*after):
        if old[(finding.code, finding.message)]:
            old[(finding.code, finding.message)] -= 1
        else:
            fresh.append(finding)
    return fresh


def kept_and_added(
    before: ClientSheet,
    after: ClientSheet,
    goal: dict[str, Any],
    tracker: dict[str, Any] | None,
) -> bool:
    """Whether `after` is `before` with just `goal` (and `tracker`) added at the ends."""
    added_trackers = 1 if tracker else 0
    if after.client != before.client or after.review_every != before.review_every:
        return False
    if not after.goals or after.goals[:-1] != before.goals:
        return False
    if after.goals[-1] != Goal.model_validate(goal):
        return False
    if len(after.trackers) != len(before.trackers) + added_trackers:
        return False
    if after.trackers[: len(before.trackers)] != before.trackers:
        return False
    return tracker is None or after.trackers[-1] == _TRACKER.validate_python(tracker)


def replace_sheet(path: Path, original: bytes, text: str) -> None:
    """Write `text` over `path` (goalsheets/<ID>/goalsheet.yaml) atomically, keeping its
    mode, unless the file changed since `original` was read (then ChangedOnDisk, and
    nothing is written). The comparison and the write hold the project's lock, so no other
    writer can change the file between them."""
    root = path.parent.parent.parent  # the project: goalsheets/<ID>/goalsheet.yaml
    with project_lock(root, "goalsheet new goal"):
        target = path.resolve()
        try:
            current = target.read_bytes()
        except OSError:
            raise ChangedOnDisk() from None
        if current != original:
            raise ChangedOnDisk()
        mode = stat.S_IMODE(target.stat().st_mode)
        write_bytes_atomic(target, text.encode("utf-8"), mode=mode)


def create_client(root: Path, client_id: str, text: str, sheet_name: str, entries: str) -> Path:
    """goalsheets/<ID>/ (0700) with an empty entries/ (0700) and the sheet (0600), under the
    project's lock. The folder must not exist yet (ClientExists); an interruption leaves no
    folder behind."""
    with project_lock(root, "goalsheet new client"):
        return _create_client(root, client_id, text, sheet_name, entries)


def _create_client(root: Path, client_id: str, text: str, sheet_name: str, entries: str) -> Path:
    clients = root / "goalsheets"
    if not clients.is_dir():
        clients.mkdir(mode=FOLDER_MODE)
    folder = clients / client_id
    try:
        folder.mkdir(mode=FOLDER_MODE)
    except FileExistsError:
        raise ClientExists() from None
    sheet = folder / sheet_name
    try:
        os.chmod(folder, FOLDER_MODE)  # mkdir's mode is filtered by the umask
        (folder / entries).mkdir(mode=FOLDER_MODE)
        os.chmod(folder / entries, FOLDER_MODE)
        write_new_atomic(sheet, text.encode("utf-8"), mode=FILE_MODE)
    except BaseException:
        # Remove only what this created, and only while it is empty: never a person's file.
        for leftover in (folder / entries, folder):
            with contextlib.suppress(OSError):
                leftover.rmdir()
        raise
    return sheet
