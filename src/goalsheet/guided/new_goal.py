"""What `goalsheet new goal` does once its options are parsed: ask the questions, add the
goal (and its tracker) to the client's goalsheet.yaml keeping everything already there,
check it as the project reads it, confirm, write."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from goalsheet.findings import GoalsheetError
from goalsheet.guided import emit
from goalsheet.guided.asking import Asker
from goalsheet.guided.goal_flow import GoalDraft, GoalFlags, Setting, ask_goal, goal_summary
from goalsheet.guided.insert import CannotInsert, add_item
from goalsheet.guided.run import (
    Run,
    cancellable,
    confirm_write,
    next_steps,
    not_safe,
    refuse,
    show,
)
from goalsheet.guided.save import (
    ChangedOnDisk,
    kept_and_added,
    new_errors,
    read_back,
    replace_sheet,
)
from goalsheet.language.messages import _, ngettext
from goalsheet.model.client import ClientSheet
from goalsheet.project import CLIENTS_DIR, CONFIG_FILE, ClientFolder, Project
from goalsheet.project.client_ids import no_such_client


def new_goal(
    client_id: str, goal_flags: GoalFlags, assume_yes: bool, project: Project, project_dir: Path
) -> None:
    """`goalsheet new goal`: the goal's questions, then the goal (and its tracker) added to
    the client's goalsheet.yaml (in `project`, opened by the command from `project_dir`),
    everything already there kept as it was."""
    run = Run()
    with cancellable(run):
        today = dt.date.today()
        asker = Asker(assume_yes=assume_yes)
        folder, path, original, bom, text = _client_file(project, client_id)
        try:
            before = read_back(text, folder.sheet_path, client_id)
        except GoalsheetError as error:
            message = _("{path} does not load; nothing was written.")
            refuse(error.findings, message.format(path=folder.sheet_path))
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
            not_safe(error.findings)
        problems = new_errors(project, folder, after, before, today)
        if problems or not kept_and_added(sheet, after[0], draft.goal, draft.tracker):
            not_safe(problems)
        if not assume_yes:
            click.echo()
            click.echo(_("This is the goal as it will be written:"))
            show(goal_summary(draft))
        confirm_write(asker, _("Write this goal to {path}?").format(path=folder.sheet_path))
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
        next_steps(client_id, draft, project_dir)


def _client_file(project: Project, client_id: str) -> tuple[ClientFolder, Path, bytes, str, str]:
    """The client's folder, sheet path, bytes as read, byte-order mark and text; a usage
    error for an unknown client, an error with the findings for a sheet that does not load."""
    folder = project.client(client_id)
    if folder is None:
        raise click.UsageError(no_such_client(client_id, [c.folder for c in project.clients]))
    parent = folder.sheet_path.rsplit("/", 1)[0]
    if folder.sheet is None:
        refuse(
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
