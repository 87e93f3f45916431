"""click's own messages ("Usage:", "Error:", "Missing option"...) in the person's language.

click looks its messages up with the standard library's gettext in the global "messages"
domain, which goalsheet does not use. Each click module holds that function under the names
`_` and `ngettext`; pointing them at goalsheet's catalogue (which carries click's messages
in locales/<language>/LC_MESSAGES/click.po, kept by `make messages`) makes usage errors
and --help read in the same language as everything else.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import cast

import click

from goalsheet.language import messages

CLICK_MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.shell_completion",
    "click.termui",
    "click.types",
)


def route_click_messages() -> None:
    for name in CLICK_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:  # pragma: no cover - a click without that module
            continue
        if hasattr(module, "_"):
            module._ = messages.gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = messages.ngettext  # type: ignore[attr-defined]


@contextmanager
def help_in_language(
    command: click.Command, params: Iterable[click.Parameter] = ()
) -> Iterator[None]:
    """For as long as help is being written: the command's and its options' help texts in
    the active language (the catalogue holds them as click cleans them), then back."""
    saved: list[tuple[object, str | None]] = [(command, command.help)]
    command.help = _translated(command.help)
    for param in params:
        text = getattr(param, "help", None)
        if text:
            saved.append((param, text))
            param.help = _translated(text)
    try:
        yield
    finally:
        for owner, text in saved:
            owner.help = text  # type: ignore[attr-defined]


def _translated(text: str | None) -> str | None:
    if not text:
        return text
    return messages.gettext(inspect.cleandoc(text))


class TranslatedHelp:
    """Mixed into goalsheet's click commands and groups: --help and the command list read
    in the person's language."""

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        command = cast(click.Command, self)
        with help_in_language(command, command.get_params(ctx)):
            super().format_help(ctx, formatter)  # type: ignore[misc]

    def get_short_help_str(self, limit: int = 45) -> str:
        with help_in_language(cast(click.Command, self)):
            return cast(str, super().get_short_help_str(limit))  # type: ignore[misc]


class Command(TranslatedHelp, click.Command):
    pass


class Group(TranslatedHelp, click.Group):
    command_class = Command
