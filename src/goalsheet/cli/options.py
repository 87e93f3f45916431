"""What the commands share: their common options, the day they compute for, a client's
folder, and writing what they make (JSON, PDF, HTML), owner-only among client data."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from goalsheet.language.messages import N_, _
from goalsheet.project import ClientFolder, Project, UnknownClient, UnreadableClient

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
FORMAT_HELP = N_("Output format; json is stable and documented in the README.")


def as_of_option(command: F) -> F:
    return click.option(
        "--as-of",
        "as_of",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        default=None,
        help="Compute as of this date (YYYY-MM-DD) instead of today.",
    )(command)


def format_option(*choices: str, help: str | None = None) -> Callable[[F], F]:
    """--format, the first choice the default; `help` when a command's formats need their
    own words (written as help="..." where it is called, so `make messages` finds it)."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help=help or FORMAT_HELP,
    )


def paper_option(command: F) -> F:
    return click.option(
        "--paper",
        type=click.Choice(["a4", "letter"]),
        default=None,
        help="Paper size (default: the practice's, from goalsheet.yaml).",
    )(command)


def output_option(command: F) -> F:
    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Where to write it (default: standard output, or for a PDF a file named after it).",
    )(command)


def as_of_date(as_of: dt.datetime | None) -> dt.date:
    return as_of.date() if as_of else dt.date.today()


@contextmanager
def reported(
    usage: tuple[type[Exception], ...] = (), failure: tuple[type[Exception], ...] = ()
) -> Iterator[None]:
    """An error of the `usage` kinds ends as a usage error (exit 2), of the `failure` kinds
    as an error (exit 1), each saying its own message."""
    try:
        yield
    except usage as error:
        raise click.UsageError(str(error)) from None
    except failure as error:
        raise click.ClickException(str(error)) from None


def client_errors() -> AbstractContextManager[None]:
    """No such client: a usage error; their sheet does not load: an error saying what to do."""
    return reported((UnknownClient,), (UnreadableClient,))


def client_folder(project: Project, client_id: str) -> ClientFolder:
    """The client's folder, or a usage error (no such client) or an error (their sheet
    does not load) saying what to do."""
    with client_errors():
        project.sheet_of(client_id)
    folder = project.client(client_id)
    assert folder is not None
    return folder


def emit_json(data: Any, output: Path | None, *, mode: int = 0o644, root: Path = Path(".")) -> None:
    """JSON to standard output, or atomically to `output` (mode 0600 for client data, and
    for anything written among the client data of the project at `root`)."""
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if output is None:
        click.echo(text, nl=False)
        return
    write_private(output, text.encode("utf-8"), root, mode=mode)


@contextmanager
def writing(target: Path) -> Iterator[None]:
    """A file that cannot be written (or its folder made) is an error naming it."""
    try:
        yield
    except OSError as error:
        raise click.ClickException(
            _("cannot write {file}: {reason}").format(file=target, reason=error.strerror)
        ) from None


def private_target(target: Path, root: Path) -> bool:
    """Whether `target` is among the client data of the project at `root` (private/,
    goalsheets/...); if so its folders are made owner-only (0700) first."""
    from goalsheet.output_folders import prepare_private_target  # loads site/: start-up time

    with writing(target):
        return prepare_private_target(target, root)


def refuse_public(target: Path, project: Project) -> None:
    """Client data is never written into the public site folder, whatever -o says."""
    site = (project.root / project.config.output.site).resolve()
    where = target.resolve()
    if where == site or site in where.parents:
        raise click.ClickException(
            _(
                "{file} is in the public site folder ({site}/), which a practice publishes: "
                "client data never goes there. Write it under {private}/ instead"
            ).format(file=target, site=project.config.output.site,
                     private=project.config.output.private)
        )  # fmt: skip


def rendered(make: Callable[[], T]) -> T:
    """Render, turning a broken template or a missing library into a clear error."""
    from goalsheet.render.pdf import RenderError  # loaded on use: start-up time
    from goalsheet.render.template import TemplateProblem

    with reported(failure=(TemplateProblem, RenderError)):
        return make()


def write_private(
    target: Path, data: bytes, root: Path, *, mode: int = 0o600, announce: bool = True
) -> None:
    """Write `data` to `target` with `mode`, 0600 whatever `mode` when it is among the
    client data of the project at `root` (private/, goalsheets/...); say "Wrote" unless
    the caller names the file itself (`announce=False`: the review page, on a dry run too)."""
    from goalsheet.output_file import write_output  # loads site/: start-up time

    with writing(target):
        write_output(target, data, root, mode=mode)
    if announce:
        click.echo(_("Wrote {file}").format(file=target), err=True)


def settle_private(target: Path, root: Path) -> None:
    """A file another writer made (a worksheet), owner-only and remembered when it is
    among the client data of the project at `root`."""
    from goalsheet.output_file import settle_output  # loads site/: start-up time

    with writing(target):
        settle_output(target, root)
