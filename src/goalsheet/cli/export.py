"""`goalsheet export`: a client's tracking data as a tidy CSV, or their measures, goals
and ratings as a FHIR R4 Bundle for a records system."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from goalsheet.cli.complete import complete_client
from goalsheet.cli.options import (
    client_folder,
    format_option,
    refuse_public,
    write_private,
)
from goalsheet.cli.project_option import open_project, project_option
from goalsheet.language import formats
from goalsheet.language.click_messages import Command
from goalsheet.language.messages import _, ngettext

if TYPE_CHECKING:
    from goalsheet.fhir.bundle import ClientExport
    from goalsheet.project import Project


@click.command(cls=Command)
@click.argument("client_id", metavar="[ID]", required=False, shell_complete=complete_client)
@format_option(
    "csv",
    "fhir",
    help="csv for a spreadsheet, fhir for a records system (both documented in the README).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Where to write it (default: standard output); with --all, the folder for the files.",
)
@click.option("--all", "every", is_flag=True, help="Every client (FHIR): one Bundle each "
              "into the folder -o names, or one transaction Bundle with --bundle.")  # fmt: skip
@click.option("--bundle", is_flag=True, help="With --all: one transaction Bundle of every client.")
@click.option(
    "--with-names",
    is_flag=True,
    help="FHIR: put the client's name in the Patient (left out by default: the ID only).",
)
@project_option
def export(
    client_id: str | None,
    output_format: str,
    output: Path | None,
    every: bool,
    bundle: bool,
    with_names: bool,
    project_dir: Path,
) -> None:
    """A client's tracking data, for a spreadsheet or a records system.

    --format csv (the default): one row per date and value (diary values, questionnaire
    answers, GBO and GAS ratings), to open in a spreadsheet. Session reviews and ABC
    records stay in the YAML.

    --format fhir: a FHIR R4 Bundle (JSON) of the client's PHQ-9, GAD-7 and practice
    scales (QuestionnaireResponse, with LOINC codes, and Observations of the totals and of
    any critical answer), their goals (Goal) and GBO and GAS ratings (Observation). The
    Patient carries the goalsheet ID only, unless --with-names.

    `goalsheet import` reads either back exactly.

    \b
    Examples:
      goalsheet export C-0142 --format csv -o C-0142.csv
      goalsheet export C-0142 > C-0142.csv
      goalsheet export C-0142 --format fhir -o private/C-0142.fhir.json
      goalsheet export --all --format fhir -o private/fhir/
      goalsheet export --all --format fhir --bundle -o private/practice.fhir.json
    """
    project = open_project(project_dir, reads=("clients",))
    _check_choice(client_id, output_format, every, bundle, with_names, output)
    if output is not None:
        refuse_public(output, project)
    if output_format == "csv":
        assert client_id is not None
        _export_csv(project, client_id, output)
        return
    if not every:
        assert client_id is not None
        _emit(project, _bundle_of(project, [client_id], with_names, single=True), output)
        return
    clients = [c.folder for c in project.clients]
    if bundle:
        _emit(project, _bundle_of(project, clients, with_names, single=False), output)
        return
    assert output is not None
    exports = _client_exports(project, clients, with_names)
    from goalsheet.fhir.bundle import collection  # start-up time

    for made in exports:
        _emit(project, collection(made), output / f"{made.client}.fhir.json")


def _check_choice(
    client_id: str | None,
    output_format: str,
    every: bool,
    bundle: bool,
    with_names: bool,
    output: Path | None,
) -> None:
    """The options make sense together, or a usage error saying what to change."""
    if output_format == "csv" and (every or bundle or with_names):
        raise click.UsageError(_("--all, --bundle and --with-names are for --format fhir"))
    if every and client_id:
        raise click.UsageError(_("give a client ID or --all, not both"))
    if not every and not client_id:
        raise click.UsageError(_("say whose data to export: an ID, or --all (with --format fhir)"))
    if bundle and not every:
        raise click.UsageError(_("--bundle goes with --all"))
    if every and not bundle and output is None:
        raise click.UsageError(
            _("--all writes one file per client: name their folder with -o (e.g. -o private/fhir)")
        )
    if output is not None and output.is_dir() and not (every and not bundle):
        raise click.UsageError(
            _("{output} is a folder: name the file to write").format(output=output)
        )
    if every and not bundle and output is not None and output.exists() and not output.is_dir():
        raise click.UsageError(
            _("{output} is a file: --all needs a folder for one file per client").format(
                output=output
            )
        )


def _export_csv(project: Project, client_id: str, output: Path | None) -> None:
    # loaded when the command runs, so `goalsheet --help` stays quick
    from goalsheet.compute.corrections import effective
    from goalsheet.intake.tidy_csv import export_csv

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


def _client_exports(
    project: Project, clients: list[str], with_names: bool = False
) -> list[ClientExport]:
    """Each client's resources; a usage error for an unknown client, an error naming the
    client and record FHIR cannot carry."""
    # loaded when the command runs, so `goalsheet --help` stays quick
    from goalsheet.compute.corrections import effective
    from goalsheet.fhir.bundle import CannotExport, client_export

    base = project.config.fhir_base()
    if base is None:
        raise click.ClickException(
            _(
                "goalsheet.yaml does not say which address names this practice's client IDs "
                "in FHIR: add practice: fhir_base: https://your-practice.example/fhir (or "
                "site_url, which it defaults to)"
            )
        )
    made = []
    for client_id in clients:
        folder = client_folder(project, client_id)
        sheet = project.sheet_of(client_id)
        files = effective([doc.entries for doc in folder.entries])
        try:
            made.append(client_export(sheet, files, project.measures, base, with_names))
        except CannotExport as error:
            raise click.ClickException(
                _("{problem}; put it right (goalsheet check shows where), then export again")
                .format(problem=error)
            ) from None  # fmt: skip
    return made


def _bundle_of(
    project: Project, clients: list[str], with_names: bool, *, single: bool
) -> dict[str, object]:
    from goalsheet.fhir.bundle import collection, transaction  # start-up time

    exports = _client_exports(project, clients, with_names)
    return collection(exports[0]) if single else transaction(exports)


def _emit(project: Project, bundle: dict[str, object], output: Path | None) -> None:
    # loaded when the command runs, so `goalsheet --help` stays quick
    from goalsheet.read.json_file import MAX_JSON_BYTES

    text = json.dumps(bundle, indent=2, ensure_ascii=False) + "\n"
    size = len(text.encode("utf-8"))
    if size > MAX_JSON_BYTES:
        click.echo(
            _(
                "Note: the Bundle is {size} bytes, more than the {limit} that goalsheet import "
                "reads (a records system may take it); to read it back into goalsheet, export "
                "one client at a time"
            ).format(size=formats.count(size), limit=formats.count(MAX_JSON_BYTES)),
            err=True,
        )
    if output is None:
        click.echo(text, nl=False)
    else:
        write_private(output, text.encode("utf-8"), project.root)
