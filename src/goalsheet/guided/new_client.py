"""What `goalsheet new client` does once its options are parsed: ask the questions (and
the first goal's), build the new sheet, check it as the project reads it, confirm, write."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from goalsheet.findings import GoalsheetError
from goalsheet.guided import emit
from goalsheet.guided.asking import Asker
from goalsheet.guided.client_flow import ClientFlags, ask_client, client_summary
from goalsheet.guided.goal_flow import GoalDraft, GoalFlags, Setting, ask_goal, goal_summary
from goalsheet.guided.run import Run, cancellable, confirm_write, next_steps, not_safe, show
from goalsheet.guided.save import ClientExists, create_client, new_errors, read_back
from goalsheet.language.messages import _
from goalsheet.model.client import Goal
from goalsheet.project import CLIENTS_DIR, CONFIG_FILE, ENTRIES_DIR, ClientFolder, Project


def new_client(
    flags: ClientFlags,
    goal_flags: GoalFlags,
    first_goal: bool | None,
    assume_yes: bool,
    project: Project,
    project_dir: Path,
) -> None:
    """`goalsheet new client`: the client's questions, their first goal if wanted, then
    goalsheets/<ID>/goalsheet.yaml and an empty entries/ folder (in `project`, opened by
    the command from `project_dir`)."""
    run = Run()
    with cancellable(run):
        today = dt.date.today()
        asker = Asker(assume_yes=assume_yes)
        record, draft = _ask_new_client(asker, flags, goal_flags, first_goal, project, today)
        display = f"{CLIENTS_DIR}/{record['id']}/{CONFIG_FILE}"
        text = _client_text(project, record, draft, display, today)
        if not assume_yes:
            click.echo()
            click.echo(_("This is what will be written:"))
            show(client_summary(record) + (goal_summary(draft) if draft else []))
        confirm_write(asker, _("Write this client to {path}?").format(path=display))
        _create(project, record["id"], text, display)
        run.written = True
        click.echo(
            _("Wrote {path} and an empty {folder}/ for diaries and ratings.").format(
                path=display, folder=f"{CLIENTS_DIR}/{record['id']}/{ENTRIES_DIR}"
            )
        )
        next_steps(record["id"], draft, project_dir)


def _ask_new_client(
    asker: Asker,
    flags: ClientFlags,
    goal_flags: GoalFlags,
    first_goal: bool | None,
    project: Project,
    today: dt.date,
) -> tuple[dict[str, Any], GoalDraft | None]:
    """The client's questions, then their first goal's if it is wanted now."""
    clients_dir = project.root / CLIENTS_DIR
    existing = [p.name for p in clients_dir.iterdir()] if clients_dir.is_dir() else []
    if not asker.assume_yes:
        click.echo(
            _(
                "A new client: a few questions, one at a time. Enter takes the suggestion "
                "in [brackets]; Ctrl-C stops without writing anything."
            )
        )
    record = ask_client(asker, flags, project.config, existing, today)
    if asker.assume_yes and flags.client_id is None:  # say which ID --yes took
        # NOTE: `new client --yes` without --id takes the suggested ID, e.g. C-0001.
        message = _("Client ID: {id} (the next free one; --id chooses another)")
        click.echo(message.format(id=record["id"]))
    wanted = asker.confirm(
        _("Set their first goal now?"),
        first_goal,
        default=goal_flags.title is not None if asker.assume_yes else True,
        hint=_("You can also do it later: goalsheet new goal --client {id}").format(
            id=record["id"]
        ),
        label=_("First goal"),
    )
    if not wanted:
        return record, None
    return record, ask_goal(asker, goal_flags, Setting(record["id"], [], [], today))


def _client_text(
    project: Project,
    record: dict[str, Any],
    draft: GoalDraft | None,
    display: str,
    today: dt.date,
) -> str:
    """The new sheet's text, read back as the project reads it: it must hold exactly the
    client and goal asked for, and add no error (else nothing is written: a bug here)."""
    header = _(
        "{id}: written by `goalsheet new client` on {date}.\n"
        "Edit freely; `goalsheet check` says if anything needs fixing."
    ).format(id=record["id"], date=today.isoformat())
    text = emit.client_sheet(
        header,
        record,
        [draft.goal] if draft else [],
        [draft.tracker] if draft and draft.tracker else [],
    )
    try:
        after = read_back(text, display, record["id"])
    except GoalsheetError as error:
        not_safe(error.findings)
    folder = ClientFolder(record["id"], display)
    problems = new_errors(project, folder, after, None, today)
    expected = [Goal.model_validate(draft.goal)] if draft else []
    if problems or after[0].goals != expected:
        not_safe(problems)
    return text


def _create(project: Project, client_id: str, text: str, display: str) -> None:
    """goalsheets/<ID>/ with its sheet and an empty entries/, unless someone made it first."""
    try:
        create_client(project.root, client_id, text, CONFIG_FILE, ENTRIES_DIR)
    except ClientExists:
        raise click.ClickException(
            _(
                "{id} was created by someone else while you were answering; nothing was written."
            ).format(id=client_id)
        ) from None
    except OSError as error:
        raise click.ClickException(
            _("cannot create {path}: {reason}").format(path=display, reason=error.strerror)
        ) from None
