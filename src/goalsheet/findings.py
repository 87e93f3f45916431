"""Findings: what `check` reports, from any stage (reading, validating or linting).

A finding names the file, line and column, says what is wrong and how to fix it. It is plain
data so every stage can produce it and the CLI can print it as text or JSON.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from goalsheet.language.messages import _


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Finding:
    """One problem in one place. Sorted by file, then position."""

    path: str
    line: int
    column: int
    code: str
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR
    rule: str = ""

    def as_text(self) -> str:
        text = f"{self.path}:{self.line}:{self.column}: {self.code} {self.message}"
        if self.severity is Severity.WARNING:
            # NOTE: the marker of a finding that is advice, not an error: "[warning]".
            warning = _("[warning]")
            text = f"{self.path}:{self.line}:{self.column}: {self.code} {warning} {self.message}"
        if self.hint:
            # NOTE: the line under a finding that says how to fix it.
            text += "\n    " + _("hint: {hint}").format(hint=self.hint)
        return text

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


def display_path(path: Path, root: Path | None) -> str:
    """A path as the user should read it: relative to the project root where possible."""
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


class GoalsheetError(Exception):
    """A problem the user can fix, carried up to the CLI as findings (never a traceback)."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("\n".join(f.as_text() for f in findings))
        self.findings = findings
