"""The command line: parse, call the core, format. No logic of its own."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from goalsheet import __version__
from goalsheet.project import NotAProject, Project, load_project, require_root

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def project_option(command: F) -> F:
    return click.option(
        "--project",
        "project_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=".",
        show_default=True,
        help="The project folder (the one holding goalsheet.yaml).",
    )(command)


def as_of_option(command: F) -> F:
    return click.option(
        "--as-of",
        "as_of",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        default=None,
        help="Compute as of this date (YYYY-MM-DD) instead of today.",
    )(command)


def format_option(*choices: str) -> Callable[[F], F]:
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help="Output format; json is stable and documented in the README.",
    )


def _today(as_of: dt.datetime | None) -> dt.date:
    return as_of.date() if as_of else dt.date.today()


def _open(project_dir: Path) -> Project:
    try:
        return load_project(require_root(project_dir))
    except NotAProject as error:
        raise click.UsageError(str(error)) from None


def _print_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="goalsheet")
def main() -> None:
    """Therapy goals and tracking data in YAML, turned into worksheets, diaries, reports
    and a handout site, and read back from filled-in forms.

    \b
    Examples:
      goalsheet init my-practice
      goalsheet check --project my-practice
      goalsheet list clients
    """


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), default=".")
@click.option("--name", default="Our practice", show_default=True, help="The practice's name.")
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True)
@click.option("--locale", default="en_GB", show_default=True, help="e.g. en_GB, en_US.")
@click.option("--crisis-line", default=None, help="Crisis text printed on handouts.")
def init(directory: Path, name: str, paper: str, locale: str, crisis_line: str | None) -> None:
    """Create a new practice project in DIRECTORY, with the default handouts.

    \b
    Example:
      goalsheet init riverside --name "Riverside Therapy" --paper letter
    """
    from goalsheet.init import PracticeAnswers, ProjectExists, init_project

    try:
        init_project(directory, PracticeAnswers(name, paper, locale, crisis_line))
    except ProjectExists as error:
        raise click.UsageError(str(error)) from None
    except OSError as error:
        raise click.ClickException(f"cannot create the project: {error}") from None
    click.echo(f"Created a goalsheet project in {directory}.")
    click.echo(f"Next: cd {directory} && goalsheet check")


@main.command()
@project_option
@format_option("text", "json")
@as_of_option
def check(project_dir: Path, output_format: str, as_of: dt.datetime | None) -> None:
    """Validate every file and lint every client's goals.

    Exit status: 0 clean (warnings allowed), 1 errors found, 2 usage error.

    \b
    Examples:
      goalsheet check
      goalsheet check --format json --as-of 2026-11-01
    """
    from goalsheet.check import check_project

    today = _today(as_of)
    result = check_project(_open(project_dir), today)
    if output_format == "json":
        _print_json(
            {
                "as_of": today.isoformat(),
                "summary": {
                    "errors": result.errors,
                    "warnings": result.warnings,
                    "files": result.files,
                },
                "findings": [finding.as_json() for finding in result.findings],
            }
        )
    else:
        for finding in result.findings:
            click.echo(finding.as_text())
        summary = (
            f"{result.errors} error(s), {result.warnings} warning(s) in {result.files} file(s)"
        )
        click.echo(summary if result.findings else f"All clear: {summary}.")
    sys.exit(EXIT_FINDINGS if result.errors else EXIT_OK)


@main.command()
@click.argument("kind", type=click.Choice(["all", "config", "client", "entries"]), default="all")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None)
def schema(kind: str, output: Path | None) -> None:
    """Print the JSON Schema of the YAML files (for editor completion).

    \b
    Examples:
      goalsheet schema client -o client.schema.json
      # then, first line of a client's goalsheet.yaml:
      # yaml-language-server: $schema=client.schema.json
    """
    from goalsheet.schema import all_schemas, json_schema

    data = all_schemas() if kind == "all" else json_schema(kind)
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if output is None:
        click.echo(text, nl=False)
        return
    from goalsheet.write import write_text_atomic

    write_text_atomic(output, text)
    click.echo(f"Wrote {output}", err=True)


@main.command(name="list")
@click.argument("what", type=click.Choice(["clients", "measures", "rules"]))
@project_option
@format_option("text", "json", "markdown")
@as_of_option
def list_(what: str, project_dir: Path, output_format: str, as_of: dt.datetime | None) -> None:
    """List clients, measures or lint rules.

    \b
    Examples:
      goalsheet list clients
      goalsheet list measures --format json
      goalsheet list rules --format markdown > docs/lint-rules.md
    """
    from goalsheet import listing
    from goalsheet.check import enabled_rules, rules

    project = _open(project_dir)
    if what == "clients":
        rows = listing.client_rows(project, _today(as_of))
    elif what == "measures":
        rows = listing.measure_rows(project)
    else:
        if output_format == "markdown":
            click.echo(listing.rules_markdown(rules()), nl=False)
            return
        rows = listing.rule_rows(rules(), enabled_rules(project)[0])
    if output_format == "json":
        _print_json(rows)
        return
    if output_format == "markdown":
        raise click.UsageError("--format markdown is only for 'list rules'")
    for row in rows:
        click.echo(_row_text(what, row))


def _row_text(what: str, row: dict[str, Any]) -> str:
    if what == "clients":
        review = row["review"]
        due = f"review due {review['next_due']}" + (" (OVERDUE)" if review["overdue"] else "")
        goals = (
            "prefers no explicit goals"
            if row["prefers_no_goals"]
            else (f"{row['active_goals']} active goal(s)")
        )
        return f"{row['id']:<10} {goals:<26} last entry {row['last_entry'] or '-':<10}  {due}"
    if what == "measures":
        low, high = row["item_range"]
        return f"{row['id']:<10} {row['items']} items ({low}-{high})  {row['title']}"
    state = "on " if row["enabled"] else "off"
    return f"{row['code']} {state} {row['severity']:<7} {row['name']:<26} {row['summary']}"
