"""`goalsheet export`: a client's tracking data as a tidy CSV."""

from __future__ import annotations

from pathlib import Path

import click

from goalsheet.cli.complete import complete_client
from goalsheet.cli.options import (
    client_folder,
    format_option,
    output_option,
    write_private,
)
from goalsheet.cli.project_option import open_project, project_option
from goalsheet.language.click_messages import Command
from goalsheet.language.messages import ngettext


@click.command(cls=Command)
@click.argument("client_id", metavar="ID", shell_complete=complete_client)
@format_option("csv")
@output_option
@project_option
def export(client_id: str, output_format: str, output: Path | None, project_dir: Path) -> None:
    """A client's tracking data as a tidy CSV: one row per date and value (diary values,
    questionnaire answers, GBO and GAS ratings), to open in a spreadsheet. `goalsheet
    import` reads it back exactly. Session reviews and ABC records stay in the YAML.

    \b
    Examples:
      goalsheet export C-0142 --format csv -o C-0142.csv
      goalsheet export C-0142 > C-0142.csv
    """
    # loaded when the command runs, so `goalsheet --help` stays quick
    from goalsheet.compute.corrections import effective
    from goalsheet.intake.tidy_csv import export_csv

    project = open_project(project_dir, reads=("clients",))
    folder = client_folder(project, client_id)
    text, left_out = export_csv(client_id, effective([doc.entries for doc in folder.entries]))
    if left_out:
        click.echo(
            # NOTE: after `goalsheet export`: {n} counts reviews and ABC records together.
            ngettext(
                "Left out {n} review or ABC record: prose stays in the YAML.",
                "Left out {n} reviews and ABC records: prose stays in the YAML.",
                left_out,
            ).format(n=left_out),
            err=True,
        )
    if output is None:
        click.echo(text, nl=False)
    else:
        write_private(output, text.encode("utf-8"), project.root)
