"""`goalsheet list`: clients, worksheets, measures or lint rules."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from goalsheet.cli.options import (
    as_of_date,
    as_of_option,
    emit_json,
    format_option,
)
from goalsheet.cli.project_option import open_project, project_option
from goalsheet.language.click_messages import Command
from goalsheet.language.messages import _, ngettext, pgettext
from goalsheet.language.terms import term
from goalsheet.project import Area


@click.command(name="list", cls=Command)
@click.argument("what", type=click.Choice(["clients", "measures", "rules", "worksheets"]))
@project_option
@format_option("text", "json", "markdown")
@as_of_option
def list_(what: str, project_dir: Path, output_format: str, as_of: dt.datetime | None) -> None:
    """List clients, worksheets, measures or lint rules.

    \b
    Examples:
      goalsheet list clients
      goalsheet list clients --as-of 2026-11-20 --format json
      goalsheet list worksheets
      goalsheet list measures --format json
      goalsheet list rules --format markdown > docs/lint-rules.md
    """
    # loaded when the command runs, so `goalsheet --help` stays quick
    from goalsheet import listing
    from goalsheet.check.enabled import enabled_rules, rules

    # A list that silently left something out would mislead: refuse when what it lists from
    # cannot be read.
    reads: dict[str, tuple[Area, ...]] = {
        "clients": ("clients",),
        "worksheets": ("templates",),
        "measures": (),
    }
    project = open_project(project_dir, reads=reads.get(what))
    if what == "clients":
        rows = listing.client_rows(project, as_of_date(as_of))
    elif what == "worksheets":
        rows = listing.worksheet_rows(project.root)
    elif what == "measures":
        rows = listing.measure_rows(project)
    else:
        if output_format == "markdown":
            click.echo(listing.rules_markdown(rules()), nl=False)
            return
        rows = listing.rule_rows(rules(), enabled_rules(project.config, project.config_source)[0])
    if output_format == "json":
        emit_json(rows, None)
        return
    if output_format == "markdown":
        raise click.UsageError(_("--format markdown is only for 'list rules'"))
    for row in rows:
        click.echo(_row_text(what, row))
    if what == "clients" and any(row["open_critical"] for row in rows):
        click.echo(listing.follow_up_line())


def _row_text(what: str, row: dict[str, Any]) -> str:
    # loaded when the command runs, so `goalsheet --help` stays quick
    from goalsheet import listing

    if what == "clients":
        review = row["review"]
        if review["overdue"]:
            due = _("review due {date} (OVERDUE)").format(date=review["next_due"])
        else:
            due = _("review due {date}").format(date=review["next_due"])
        if row["prefers_no_goals"]:
            goals = _("prefers no explicit goals")
        else:
            # NOTE: in `goalsheet list clients`: how many goals the client is working on.
            goals = ngettext("{n} active goal", "{n} active goals", row["active_goals"]).format(
                n=row["active_goals"]
            )
        # NOTE: in `goalsheet list clients`, before the date of the client's last entry.
        last = _("last entry {date}").format(date=f"{row['last_entry'] or '-':<10}")
        mark = listing.risk_mark()
        flag = mark if row["open_critical"] else ""
        lines = [f"{flag:<{len(mark)}} {row['id']:<10} {goals:<26} {last}  {due}"]
        indent = " " * (len(mark) + 1)  # under the ID, past the mark's column
        for critical in row["critical"]:
            # NOTE: under a client marked RISK in `goalsheet list clients`: an open critical
            # answer; {answer} is e.g. "1 (Several days)", {message} says what to do.
            lines.append(
                indent
                + _("           ! {measure} item {item}: {answer}, on {date}. {message}").format(
                    measure=critical["measure"],
                    item=critical["item"],
                    answer=critical["answer_text"],
                    date=critical["date"],
                    message=critical["message"],
                )
            )
        for goal in row["goals"]:
            # NOTE: one goal under its client in `goalsheet list clients`; {status} is translated.
            lines.append(
                indent
                + _("           · {title} ({status})").format(
                    title=goal["title"], status=term(goal["status"])
                )
            )
        return "\n".join(lines)
    if what == "worksheets":
        # NOTE: in `goalsheet list worksheets`: the versions of a worksheet there are.
        forms = _("print, fillable") if row["fillable"] else _("print")
        if row["scannable"]:
            forms = _("{forms}, scannable").format(forms=forms)
        return f"{row['id']:<20} {row['title']:<32} ({forms})  {row['purpose']}"
    if what == "measures":
        low, high = row["item_range"]
        # NOTE: in `goalsheet list measures`: how many questions, and the range of each answer.
        items = _("{n} items ({low}-{high})").format(n=row["items"], low=low, high=high)
        return f"{row['id']:<10} {items}  {row['title']}"
    # NOTE: in `goalsheet list rules`: whether the project has the rule switched on.
    state = pgettext("lint rule", "on") if row["enabled"] else pgettext("lint rule", "off")
    return f"{row['code']} {state:<3} {row['severity']:<7} {row['name']:<26} {row['summary']}"
