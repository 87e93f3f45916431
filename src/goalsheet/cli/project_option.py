"""What every command that works on a project shares: the `--project` option (without it,
the nearest project at or above the working folder, as git finds its repository), and
opening the project (a usage error when the folder is not one), in the practice's language
when the person asked for none."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from goalsheet.findings import GoalsheetError
from goalsheet.language.messages import environment_locale, set_locale
from goalsheet.project import (
    ALL_AREAS,
    Area,
    NotAProject,
    Project,
    load_project,
    require_root,
)
from goalsheet.project.root import find_root

F = TypeVar("F", bound=Callable[..., Any])


def project_option(command: F) -> F:
    return click.option(
        "--project",
        "project_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        callback=_found_project,
        help="The project folder (the one holding the practice's goalsheet.yaml; default: "
        "the nearest one at or above the working folder).",
    )(command)


def _found_project(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path:
    """--project DIR as given; without it, the project found by walking up from the working
    folder (the working folder itself when none is found, so the command says so)."""
    if value is not None:
        return value
    return find_root(Path(".")) or Path(".")


def open_project(project_dir: Path, reads: tuple[Area, ...] | None = ALL_AREAS) -> Project:
    """The project, loaded. A command that `reads` an area (and every command reads
    goalsheet.yaml) stops with GS019 findings when a folder or file there cannot be opened:
    its result would silently leave that out. `reads=None` (check) stops for none."""
    try:
        project = load_project(require_root(project_dir))
    except NotAProject as error:
        raise click.UsageError(str(error)) from None
    if reads is not None and project.cannot_read(reads):
        raise GoalsheetError(project.cannot_read(reads))
    if environment_locale() is None:  # no language asked for: speak the practice's
        set_locale(project.config.locale)
    return project
