"""`goalsheet serve`: preview the handout site on this machine."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from goalsheet.cli.options import (
    as_of_date,
    as_of_option,
)
from goalsheet.cli.project_option import open_project, project_option
from goalsheet.findings import Finding
from goalsheet.language.click_messages import Command
from goalsheet.language.messages import _, ngettext


@click.command(cls=Command)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port on 127.0.0.1 (0 picks a free one).")  # fmt: skip
@project_option
@as_of_option
def serve(port: int, project_dir: Path, as_of: dt.datetime | None) -> None:
    """Preview the handout site on this machine, rebuilt and reloaded in the browser
    whenever content/, templates/ or goalsheet.yaml changes. HTML only (no PDFs).

    \b
    Examples:
      goalsheet serve
      goalsheet serve --port 8080
    """
    # loaded when the command runs, so `goalsheet --help` stays quick
    from goalsheet.output_folders import OutputFolderError, require_output_folders
    from goalsheet.pipeline.preview import site_preview
    from goalsheet.site.serve import serve as run_server

    project = open_project(project_dir)
    try:  # the preview writes into output.site and serves it
        require_output_folders(project)
    except OutputFolderError as error:
        raise click.UsageError(str(error)) from None
    preview = site_preview(project.root, as_of_date(as_of), project)

    def report(findings: list[Finding]) -> None:
        for finding in findings:
            click.echo(finding.as_text(), err=True)
        # NOTE: `goalsheet preview`, each time it rebuilds the site: what `check` found.
        rebuilt = ngettext(
            "Site rebuilt ({n} finding).", "Site rebuilt ({n} findings).", len(findings)
        )
        click.echo(rebuilt.format(n=len(findings)), err=True)

    report(preview.rebuild())

    def ready(url: str) -> None:
        click.echo(
            _("Serving {folder} at {url}  (Ctrl-C to stop)").format(folder=preview.out, url=url),
            err=True,
        )

    try:
        run_server(preview, port, ready, report)
    except OSError as error:
        raise click.ClickException(
            _("cannot serve on port {port}: {reason}").format(port=port, reason=error.strerror)
        ) from None
