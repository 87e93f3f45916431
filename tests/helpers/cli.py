"""The one way tests run the command line in-process: click's CliRunner on goalsheet's main."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import IO, Protocol

from click.testing import CliRunner, Result

from goalsheet.cli import main

Input = str | bytes | IO[bytes] | IO[str] | None


def invoke(
    *args: str | Path,
    env: Mapping[str, str | None] | None = None,
    input: Input = None,
    catch: bool = False,
) -> Result:
    """`goalsheet ARGS` in this process; `env` adds to the environment, `input` is typed in.
    An exception (a traceback) fails the test unless `catch` keeps it in the result."""
    return CliRunner().invoke(
        main, [str(a) for a in args], input=input, env=env, catch_exceptions=catch
    )


class Run(Protocol):
    """The `run` fixture: `invoke` by another name."""

    def __call__(
        self,
        *args: str | Path,
        env: Mapping[str, str | None] | None = None,
        input: Input = None,
        catch: bool = False,
    ) -> Result: ...
