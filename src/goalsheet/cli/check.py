"""`goalsheet check`: validate every file and lint every client's goals."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from goalsheet.cli.options import (
    EXIT_FINDINGS,
    EXIT_OK,
    as_of_date,
    as_of_option,
    emit_json,
    format_option,
)
from goalsheet.cli.project_option import open_project, project_option
from goalsheet.language.click_messages import Command
from goalsheet.language.messages import _, ngettext

RISK_FIRST = frozenset({"GS113"})  # check prints these findings before all others


@click.command(cls=Command)
@project_option
@format_option("text", "json")
@as_of_option
@click.option("--strict", is_flag=True, help="Warnings count as errors (exit status 1).")
def check(project_dir: Path, output_format: str, as_of: dt.datetime | None, strict: bool) -> None:
    """Validate every file and lint every client's goals.

    Exit status: 0 clean (warnings allowed, unless --strict), 1 errors found, 2 usage error.

    \b
    Examples:
      goalsheet check
      goalsheet check --project ~/riverside
      goalsheet check --format json --as-of 2026-11-01
    """
    # loaded when the command runs, so `goalsheet --help` stays quick
    from goalsheet.pipeline.check import check_project

    today = as_of_date(as_of)
    result = check_project(open_project(project_dir, reads=None), today)
    if output_format == "json":
        emit_json(
            {
                "as_of": today.isoformat(),
                "summary": {
                    "errors": result.errors,
                    "warnings": result.warnings,
                    "files": result.files,
                },
                "findings": [finding.as_json() for finding in result.findings],
            },
            None,
        )
    else:
        # Critical answers without a follow-up (GS113) come first: never lost among the rest.
        for finding in sorted(result.findings, key=lambda f: f.code not in RISK_FIRST):
            click.echo(finding.as_text())
        # NOTE: the last line of `goalsheet check` is made of three counts: "2 errors",
        # "1 warning" and "19 files" (see the frame "{errors}, {warnings} in {files}").
        errors = ngettext("{n} error", "{n} errors", result.errors).format(n=result.errors)
        # NOTE: the second count in the last line of `goalsheet check`.
        warnings = ngettext("{n} warning", "{n} warnings", result.warnings).format(
            n=result.warnings
        )
        # NOTE: the third count in the last line of `goalsheet check`: the files it read.
        files = ngettext("{n} file", "{n} files", result.files).format(n=result.files)
        # NOTE: the last line of `goalsheet check`: "2 errors, 1 warning in 19 files";
        # {errors}, {warnings} and {files} are those counts, each worded on its own.
        summary = _("{errors}, {warnings} in {files}").format(
            errors=errors, warnings=warnings, files=files
        )
        click.echo(
            summary if result.findings else _("All clear: {summary}.").format(summary=summary)
        )
    sys.exit(EXIT_FINDINGS if result.errors or (strict and result.warnings) else EXIT_OK)
