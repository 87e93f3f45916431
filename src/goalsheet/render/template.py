"""Render one template by name, turning Jinja's errors into a TemplateProblem that names
the file and line (a practice's own template override can be wrong; that is bad input)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError

from goalsheet.language.messages import _
from goalsheet.render.environment import environment


class TemplateProblem(Exception):
    """A template that cannot be rendered: names the file and line."""


def render_template(project_root: Path | None, name: str, context: dict[str, Any]) -> str:
    env = environment(project_root)
    try:
        return env.get_template(name).render(context)
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
    except TemplateError as error:
        raise TemplateProblem(
            _("template {name} failed: {message}").format(name=name, message=error.message or error)
        ) from None
