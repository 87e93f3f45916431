"""The `goalsheet new` command group (its subcommands are added here)."""

from __future__ import annotations

import click


@click.group(name="new")
def new() -> None:
    """Add a client or a goal by answering questions; writes valid YAML.

    \b
    Examples:
      goalsheet new client
      goalsheet new goal --client C-0142
    """
