"""`goalsheet schema`: the JSON Schema of the YAML files."""

from __future__ import annotations

from pathlib import Path

import click

from goalsheet.cli.options import (
    emit_json,
    output_option,
)
from goalsheet.language.click_messages import Command


@click.command(cls=Command)
@click.argument("kind", type=click.Choice(["all", "config", "client", "entries"]), default="all")
@output_option
def schema(kind: str, output: Path | None) -> None:
    """Print the JSON Schema of the YAML files (for editor completion).

    \b
    Examples:
      goalsheet schema > goalsheet.schema.json
      goalsheet schema client -o client.schema.json
      # then, first line of a client's goalsheet.yaml:
      # yaml-language-server: $schema=client.schema.json
    """
    # loaded when the command runs, so `goalsheet --help` stays quick
    from goalsheet.schema import all_schemas, json_schema

    emit_json(all_schemas() if kind == "all" else json_schema(kind), output)
