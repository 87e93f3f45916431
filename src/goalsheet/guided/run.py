"""What `goalsheet new client` and `goalsheet new goal` do once their options are parsed:
ask the questions, build the new text, check it as the project reads it, confirm, write."""

from __future__ import annotations

import datetime as dt
import shlex
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import click

from goalsheet.cli.project_option import open_project
from goalsheet.client_ids import no_such_client
from goalsheet.findings import Finding, GoalsheetError
from goalsheet.guided import emit
from goalsheet.guided.asking import Asker
from goalsheet.guided.client_flow import ClientFlags, ask_client, client_summary
from goalsheet.guided.goal_flow import GoalDraft, GoalFlags, Setting, ask_goal, goal_summary
from goalsheet.guided.insert import CannotInsert, add_item
from goalsheet.guided.save import (
    ChangedOnDisk,
    ClientExists,
    create_client,
    kept_and_added,
    new_errors,
    read_back,
    replace_sheet,
)
from goalsheet.language.messages import _, ngettext
from goalsheet.model.client import ClientSheet, Goal
from goalsheet.project import (
    CLIENTS_DIR,
    CONFIG_FILE,
    ENTRIES_DIR,
    ClientFolder,
    Project,
)
from goalsheet.project_root import find_root

EXIT_CANCELLED, EXIT_INTERRUPTED = 1, 130


def new_client(
    flags: ClientFlags,
    goal_flags: GoalFlags,
    first_goal: bool | None,
    assume_yes: bool,
    project_dir: Path,
) -> None:
    """`goalsheet new client`: the client's questions, their first goal if wanted, then
    goalsheets/<ID>/goalsheet.yaml and an empty entries/ folder."""
    run = _Run()
    with _cancellable(run):
        project = open_project(project_dir)
        today = dt.date.today()
        asker = Asker(assume_yes=assume_yes)
        clients_dir = project.root / CLIENTS_DIR
        existing = [p.name for p in clients_dir.iterdir()] if clients_dir.is_dir() else []
        if not assume_yes:
            click.echo(
                _(
                    "A new client: a few questions, one at a time. Enter takes the suggestion "
                    "in [brackets]; Ctrl-C stops without writing anything."
                )
            )
        record = ask_client(asker, flags, project.config, existing, today)
        if assume_yes and flags.client_id is None:  # say which ID --yes took
            # NOTE: `new client --yes` without --id takes the suggested ID, e.g. C-0001.
            message = _("Client ID: {id} (the next free one; --id chooses another)")
            click.echo(message.format(id=record["id"]))
        wanted = asker.confirm(
            _("Set their first goal now?"),
            first_goal,
            default=goal_flags.title is not None if assume_yes else True,
            hint=_("You can also do it later: goalsheet new goal --client {id}").format(
                id=record["id"]
            ),
            label=_("First goal"),
        )
        draft = None
        if wanted:
            setting = Setting(record["id"], [], [], today)
            draft = ask_goal(asker, goal_flags, setting)
        display = f"{CLIENTS_DIR}/{record['id']}/{CONFIG_FILE}"
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
            _not_safe(error.findings)
        folder = ClientFolder(record["id"], display)
        problems = new_errors(project, folder, after, None, today)
        expected = [Goal.model_validate(draft.goal)] if draft else []
        if problems or after[0].goals != expected:
            _not_safe(problems)
        if not assume_yes:
            click.echo()
            click.echo(_("This is what will be written:"))
            _show(client_summary(record) + (goal_summary(draft) if draft else []))
        _confirm_write(asker, _("Write this client to {path}?").format(path=display))
        try:
            create_client(project.root, record["id"], text, CONFIG_FILE, ENTRIES_DIR)
        except ClientExists:
            raise click.ClickException(
                _(
                    "{id} was created by someone else while you were answering; "
                    "nothing was written."
                ).format(id=record["id"])
            ) from None
        except OSError as error:
            raise click.ClickException(
                _("cannot create {path}: {reason}").format(path=display, reason=error.strerror)
            ) from None
        run.written = True
        click.echo(
            _("Wrote {path} and an empty {folder}/ for diaries and ratings.").format(
                path=display, folder=f"{CLIENTS_DIR}/{record['id']}/{ENTRIES_DIR}"
            )
        )
        _next_steps(record["id"], draft, project_dir)


def new_goal(client_id: str, goal_flags: GoalFlags, assume_yes: bool, project_dir: Path) -> None:
    """`goalsheet new goal`: the goal's questions, then the goal (and its tracker) added to
    the client's goalsheet.yaml, everything already there kept as it was."""
    run = _Run()
    with _cancellable(run):
        project = open_project(project_dir)
        today = dt.date.today()
        asker = Asker(assume_yes=assume_yes)
        folder, path, original, bom, text = _client_file(project, client_id)
        try:
            before = read_back(text, folder.sheet_path, client_id)
        except GoalsheetError as error:
            message = _("{path} does not load; nothing was written.")
            _refuse(error.findings, message.format(path=folder.sheet_path))
        sheet = before[0]
        _introduce(asker, project, sheet)
        setting = Setting(
            client_id, [g.id for g in sheet.goals], [t.id for t in sheet.trackers], today
        )
        draft = ask_goal(asker, goal_flags, setting)
        new_text = _added(text, draft)
        try:
            after = read_back(new_text, folder.sheet_path, client_id)
        except GoalsheetError as error:
            _not_safe(error.findings)
        problems = new_errors(project, folder, after, before, today)
        if problems or not kept_and_added(sheet, after[0], draft.goal, draft.tracker):
            _not_safe(problems)
        if not assume_yes:
            click.echo()
            click.echo(_("This is the goal as it will be written:"))
            _show(goal_summary(draft))
        _confirm_write(asker, _("Write this goal to {path}?").format(path=folder.sheet_path))
        try:
            replace_sheet(path, original, bom + new_text)
        except ChangedOnDisk:
            raise click.ClickException(
                _(
                    "{path} changed while you were answering (someone or something else "
                    "edited it), so nothing was written. Run the command again to add the "
                    "goal to the file as it is now."
                ).format(path=folder.sheet_path)
            ) from None
        except OSError as error:
            raise click.ClickException(
                _("cannot write {path}: {reason}").format(
                    path=folder.sheet_path, reason=error.strerror
                )
            ) from None
        run.written = True
        click.echo(
            _("Added the goal '{goal}' to {path}.").format(
                goal=draft.goal["id"], path=folder.sheet_path
            )
        )
        if draft.tracker:
            click.echo(
                _("Added the diary tracker '{tracker}' ({description}), linked to it.").format(
                    tracker=draft.tracker["id"], description=draft.tracker_description
                )
            )
        _next_steps(client_id, draft, project_dir)


@dataclass
class _Run:
    written: bool = False


@contextmanager
def _cancellable(run: _Run) -> Iterator[None]:
    """Ctrl-C (exit 130) or end of input (exit 1) at any prompt: say nothing was written."""
    try:
        yield
    except click.Abort as abort:  # click.prompt turns both into Abort; the cause tells which
        _cancel(run, interrupted=isinstance(abort.__context__, KeyboardInterrupt))
    except KeyboardInterrupt:
        _cancel(run, interrupted=True)
    except EOFError:
        _cancel(run, interrupted=False)


def _cancel(run: _Run, *, interrupted: bool) -> NoReturn:
    click.echo(err=True)
    if not run.written:
        click.echo(_("Cancelled; nothing was written."), err=True)
    sys.exit(EXIT_INTERRUPTED if interrupted else EXIT_CANCELLED)


def _refuse(findings: list[Finding], message: str) -> NoReturn:
    for finding in findings:
        click.echo(finding.as_text(), err=True)
    raise click.ClickException(message)


def _not_safe(findings: list[Finding]) -> NoReturn:
    """The new text did not read back as intended: a bug here, never the person's fault."""
    _refuse(
        findings,
        _(
            "goalsheet could not add this safely, so nothing was written. This is a bug in "
            "goalsheet; please report it with the answers you gave."
        ),
    )


def _show(rows: list[tuple[str, str]]) -> None:
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


def _next_steps(client_id: str, draft: GoalDraft | None, project_dir: Path) -> None:
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


def _confirm_write(asker: Asker, question: str) -> None:
    if not asker.confirm(
        question,
        None,
        default=True,
        label=_("Write it"),
    ):
        click.echo(_("Nothing was written."), err=True)
        sys.exit(EXIT_CANCELLED)


def _client_file(project: Project, client_id: str) -> tuple[ClientFolder, Path, bytes, str, str]:
    """The client's folder, sheet path, bytes as read, byte-order mark and text; a usage
    error for an unknown client, an error with the findings for a sheet that does not load."""
    folder = project.client(client_id)
    if folder is None:
        raise click.UsageError(no_such_client(client_id, [c.folder for c in project.clients]))
    parent = folder.sheet_path.rsplit("/", 1)[0]
    if folder.sheet is None:
        _refuse(
            [f for f in project.findings if f.path in (folder.sheet_path, parent)],
            _(
                "{path} does not load, so nothing can be added to it; fix what is listed "
                "above (goalsheet check shows it too) and try again."
            ).format(path=folder.sheet_path),
        )
    path = project.root / CLIENTS_DIR / client_id / CONFIG_FILE
    try:
        original = path.read_bytes()
        text = original.decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise click.ClickException(
            _("cannot read {path}: {reason}").format(path=folder.sheet_path, reason=error)
        ) from None
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    return folder, path, original, bom, text[len(bom) :]


def _introduce(asker: Asker, project: Project, sheet: ClientSheet) -> None:
    """What the therapist should know before the questions: the client's word for goals,
    a preference for no explicit goals, how many goals are active already."""
    if asker.assume_yes:
        return
    word = sheet.client.goal_word or project.config.goal_word
    click.echo(
        _(
            'A new goal for {id} (they call them "{word}"). One question at a time; Enter '
            "takes the suggestion in [brackets]; Ctrl-C stops without writing anything."
        ).format(id=sheet.client.id, word=word)
    )
    if sheet.client.prefers_no_goals:
        asker.note(
            _(
                "{id} prefers not to set explicit goals for now (prefers_no_goals: true); "
                "that preference comes first."
            ).format(id=sheet.client.id)
        )
    active = sum(g.status == "active" for g in sheet.goals)
    limit = project.config.lint.max_active_goals
    if active >= limit:
        asker.note(
            ngettext(
                "{id} already has {count} active goal; more than {limit} at once spreads "
                "effort thin. You may want to pause one afterwards.",
                "{id} already has {count} active goals; more than {limit} at once spreads "
                "effort thin. You may want to pause one afterwards.",
                active,
            ).format(id=sheet.client.id, count=active, limit=limit)
        )


def _added(text: str, draft: GoalDraft) -> str:
    """The file's text with the goal (and its tracker) added at the ends of their lists."""
    try:
        text = add_item(
            text,
            "goals",
            lambda dash, content: emit.goal_lines(draft.goal, dash, content),
            emit.flow(draft.goal),
            before="trackers",
        )
        if draft.tracker is not None:
            tracker = draft.tracker
            text = add_item(
                text,
                "trackers",
                lambda dash, content: emit.tracker_lines(tracker, dash, content),
                emit.flow(tracker),
            )
    except CannotInsert as error:
        raise click.ClickException(
            _(
                "this goalsheet.yaml is written in a shape the guide cannot add to safely "
                "({reason}); add the goal by hand. Nothing was written."
            ).format(reason=error)
        ) from None
    return text
