"""What `goalsheet new client` and `goalsheet new goal` share once their options are parsed:
a run that Ctrl-C cancels saying nothing was written, the refusals, the summary shown before
writing, the confirmation, and the commands to run next."""

from __future__ import annotations

import shlex
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import click

from goalsheet.findings import Finding
from goalsheet.guided.asking import Asker
from goalsheet.guided.goal_flow import GoalDraft
from goalsheet.language.messages import _
from goalsheet.project.root import find_root

EXIT_CANCELLED, EXIT_INTERRUPTED = 1, 130


@dataclass
class Run:
    written: bool = False


@contextmanager
def cancellable(run: Run) -> Iterator[None]:
    """Ctrl-C (exit 130) or end of input (exit 1) at any prompt: say nothing was written."""
    try:
        yield
    except click.Abort as abort:  # click.prompt turns both into Abort; the cause tells which
        _cancel(run, interrupted=isinstance(abort.__context__, KeyboardInterrupt))
    except KeyboardInterrupt:
        _cancel(run, interrupted=True)
    except EOFError:
        _cancel(run, interrupted=False)


def _cancel(run: Run, *, interrupted: bool) -> NoReturn:
    click.echo(err=True)
    if not run.written:
        click.echo(_("Cancelled; nothing was written."), err=True)
    sys.exit(EXIT_INTERRUPTED if interrupted else EXIT_CANCELLED)


def refuse(findings: list[Finding], message: str) -> NoReturn:
    for finding in findings:
        click.echo(finding.as_text(), err=True)
    raise click.ClickException(message)


def not_safe(findings: list[Finding]) -> NoReturn:
    """The new text did not read back as intended: a bug here, never the person's fault."""
    refuse(
        findings,
        _(
            "goalsheet could not add this safely, so nothing was written. This is a bug in "
            "goalsheet; please report it with the answers you gave."
        ),
    )


def show(rows: list[tuple[str, str]]) -> None:
    width = max(len(label) for label, _value in rows) + 2
    for label, value in rows:
        click.echo(f"  {label + ':':<{width}}{value}")


def _project_suffix(project_dir: Path) -> str:
    """What to add to a suggested command so it finds this project: nothing when it is the
    one found from the working folder, else --project DIR."""
    found = find_root(Path("."))
    if found is not None and project_dir.resolve() == found.resolve():
        return ""
    return f" --project {shlex.quote(str(project_dir))}"


def next_steps(client_id: str, draft: GoalDraft | None, project_dir: Path) -> None:
    where = _project_suffix(project_dir)
    rows: list[tuple[str, str]] = []
    if draft is None:
        rows.append((f"goalsheet new goal --client {client_id}{where}", _("agree a first goal")))
    elif draft.baseline_unknown:
        rows.append(
            (
                f"goalsheet diary --client {client_id} --baseline{where}",
                _("two or three weeks of tracking, to find the baseline"),
            )
        )
    else:
        rows.append((f"goalsheet diary --client {client_id}{where}", _("print their diary")))
    if draft is not None:
        rows.append(
            (
                f"goalsheet worksheet smart-goal --client {client_id}{where}",
                _("a SMART goal worksheet to go through together"),
            )
        )
    click.echo(_("Next:"))
    width = max(len(command) for command, _what in rows) + 2
    for command, what in rows:
        click.echo(f"  {command:<{width}}{what}")


def confirm_write(asker: Asker, question: str) -> None:
    if not asker.confirm(
        question,
        None,
        default=True,
        label=_("Write it"),
    ):
        click.echo(_("Nothing was written."), err=True)
        sys.exit(EXIT_CANCELLED)
