"""Shell completion: what a shell offers after `--client`, a report's ID or a worksheet's
name, read from the project on disk (quickly, without validating anything)."""

from __future__ import annotations

from pathlib import Path

import click
from click.shell_completion import CompletionItem, get_completion_class

from goalsheet.language.click_messages import Command
from goalsheet.language.messages import _
from goalsheet.project import CLIENTS_DIR

SHELLS = ("bash", "zsh", "fish")


def _project(ctx: click.Context) -> Path:
    root = ctx.params.get("project_dir") or Path(".")
    return Path(root)


def complete_client(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    folder = _project(ctx) / CLIENTS_DIR
    try:
        names = sorted(p.name for p in folder.iterdir() if p.is_dir())
    except OSError:
        return []
    return [CompletionItem(name) for name in names if name.startswith(incomplete)]


def complete_worksheet(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    # loaded when a worksheet name is completed, not by `goalsheet --help`
    from goalsheet.paper.catalogue import load_catalogue

    try:
        sheets = load_catalogue(_project(ctx).resolve()).values()
    except Exception:  # a broken catalogue offers nothing; `check` explains it
        return []
    return [
        CompletionItem(sheet.id, help=sheet.title)
        for sheet in sheets
        if sheet.id.startswith(incomplete)
    ]


def completion_script(main: click.Command, shell: str, program: str = "goalsheet") -> str:
    """The script a shell sources to complete the commands of `main` (click's own)."""
    cls = get_completion_class(shell)
    if cls is None:  # pragma: no cover - SHELLS are all click's
        raise click.UsageError(_("no completion for {shell}").format(shell=shell))
    variable = f"_{program.upper().replace('-', '_')}_COMPLETE"
    return cls(main, {}, program, variable).source()


@click.command(cls=Command)
@click.argument("shell", type=click.Choice(SHELLS))
def completion(shell: str) -> None:
    """Print the tab-completion script for SHELL (commands, options, client IDs and
    worksheet names).

    \b
    Examples:
      goalsheet completion bash >> ~/.bashrc
      goalsheet completion zsh > "${fpath[1]}/_goalsheet"
      goalsheet completion fish > ~/.config/fish/completions/goalsheet.fish
    """
    click.echo(completion_script(click.get_current_context().find_root().command, shell))
