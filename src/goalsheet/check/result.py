"""What `check` found: the findings, without repeats and capped per file, and the count of
files read."""

from __future__ import annotations

from dataclasses import dataclass

from goalsheet.check.enabled import ALWAYS_ON
from goalsheet.findings import Finding, Severity
from goalsheet.read.yaml_source import MAX_FINDINGS, TOO_MANY, Position, too_many


@dataclass(frozen=True)
class CheckResult:
    findings: list[Finding]
    files: int

    @property
    def errors(self) -> int:
        return sum(f.severity is Severity.ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity is Severity.WARNING for f in self.findings)


def capped(findings: list[Finding]) -> list[Finding]:
    """The findings without repeats, sorted, at most MAX_FINDINGS a file and then one GS020
    saying how many more: 150,000 problems in one file are listed as fast as 50."""
    by_file: dict[str, list[Finding]] = {}
    for finding in set(findings):
        by_file.setdefault(finding.path, []).append(finding)
    kept: list[Finding] = []
    for path, found in by_file.items():
        capped_already = any(f.code == TOO_MANY for f in found)  # by the reader or validation
        # Risk findings are never cut: they are kept whatever else the file holds.
        risk = [f for f in found if f.code in ALWAYS_ON]
        found = [f for f in found if f.code not in ALWAYS_ON]
        if len(found) > MAX_FINDINGS and not capped_already:
            found.sort(key=lambda f: (f.line, f.column, f.code, f.message))
            first = found[MAX_FINDINGS]
            more = too_many(path, len(found) - MAX_FINDINGS, Position(first.line, first.column))
            found = [*found[:MAX_FINDINGS], more]
        kept += risk + found
    return sorted(kept)
