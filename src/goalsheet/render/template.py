"""Render one template by name, turning Jinja's errors into a TemplateProblem that names
the file and line (a practice's own template override can be wrong; that is bad input).

A practice's templates run in the bounded sandbox (render/sandbox.py) under a watchdog
(render/limits.py); the page is gathered piece by piece and refused once it passes
MAX_OUTPUT characters, so a loop that prints a little many times stops early too.
"""

from __future__ import annotations

import sys
from collections.abc import Generator, Iterator
from contextlib import nullcontext
from pathlib import Path
from types import TracebackType
from typing import Any

from jinja2 import Template, TemplateError, TemplateNotFound, TemplateSyntaxError

from goalsheet.findings import Finding, display_path
from goalsheet.language import formats
from goalsheet.language.messages import _
from goalsheet.render.environment import environment, sandboxed
from goalsheet.render.limits import MAX_OUTPUT, TemplateLimit, too_big_a_page, watchdog


class TemplateProblem(Exception):
    """A template that cannot be rendered: names the file and line."""


def render_template(project_root: Path | None, name: str, context: dict[str, Any]) -> str:
    env = environment(project_root)
    guarded = sandboxed(project_root)
    template: Template | None = None
    try:
        template = env.get_template(name)
        with watchdog() if guarded else nullcontext():
            return _gathered(template.generate(context))
    except TemplateNotFound as error:
        raise TemplateProblem(
            _(
                "template '{name}' was not found in the project's templates/ or the "
                "built-in templates; check its name"
            ).format(name=error.name)
        ) from None
    except TemplateSyntaxError as error:
        where = error.filename or error.name or name
        raise TemplateProblem(
            _("{where}:{line}: template syntax error: {message}").format(
                where=where, line=error.lineno, message=error.message
            )
        ) from None
    except TemplateLimit as error:
        file = template.filename if template is not None and template.filename else name
        raise TemplateProblem(_limit_hit(project_root, file, error)) from None
    except TemplateError as error:
        raise TemplateProblem(
            _("template {name} failed: {message}").format(name=name, message=error.message or error)
        ) from None
    except RecursionError as error:
        # NOTE: {limit} is a number, Python's recursion limit (about 1,000).
        why = _("a macro, include or block calls itself without end (deeper than {limit})")
        limit = TemplateLimit(why.format(limit=formats.count(sys.getrecursionlimit())))
        raise TemplateProblem(_limit_hit(project_root, name, limit, error)) from None
    except Exception as error:
        if not guarded:
            raise  # goalsheet's own templates: a bug to see, not the practice's mistake
        # A practice's template dividing by zero, or calling a method with wrong arguments.
        where, line = _where(project_root, name, error.__traceback__)
        raise TemplateProblem(
            _("{where}:{line}: template failed: {message}").format(
                where=where, line=line, message=f"{type(error).__name__}: {error}"
            )
        ) from None


def _gathered(pieces: Iterator[str]) -> str:
    """The page, refused as soon as it passes MAX_OUTPUT characters."""
    gathered: list[str] = []
    size = 0
    for piece in pieces:
        size += len(piece)
        if size > MAX_OUTPUT:
            if isinstance(pieces, Generator):  # raised where the template is, to name its line
                pieces.throw(too_big_a_page())
            raise too_big_a_page()
        gathered.append(piece)
    return "".join(gathered)


def _limit_hit(
    root: Path | None, name: str, limit: TemplateLimit, cause: BaseException | None = None
) -> str:
    """GS316: where in which template a cap was hit, and which."""
    where, line = _where(root, name, (cause or limit).__traceback__)
    return Finding(
        where,
        line,
        1,
        "GS316",
        str(limit.message or limit),
        _("make the template do less there (templates are for layout, not for computing)"),
    ).as_text()


def _where(root: Path | None, name: str, trace: TracebackType | None) -> tuple[str, int]:
    """The template file and line an error was raised in: the innermost frame Jinja made
    to point at a template."""
    where, line = name, 1
    while trace is not None:
        if "__jinja_exception__" in trace.tb_frame.f_globals:
            where = trace.tb_frame.f_code.co_filename
            line = trace.tb_lineno
        trace = trace.tb_next
    if Path(where).is_absolute():
        where = display_path(Path(where), root)
    return where, line
