"""The one Jinja environment: built-in templates under the practice's overrides.

Autoescape is on for every template and undefined names are errors. When a practice has
templates of its own, every template runs in Jinja's immutable sandbox, since those are code
we did not write; goalsheet's own templates alone run without it (they are ours, and the
sandbox's checks on every attribute cost a third of the site's rendering time).
Templates get plain data (dicts, lists, strings, dates), never objects with behaviour.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, TemplateNotFound
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from goalsheet.read.contained import contained
from goalsheet.resources import builtin_dir


def template_dirs(project_root: Path | None) -> list[Path]:
    """Where templates are looked up, first match wins: the practice's, then built-in."""
    dirs = []
    if project_root is not None and (project_root / "templates").is_dir():
        dirs.append(project_root / "templates")
    dirs.append(builtin_dir("templates"))
    return dirs


def sandboxed(project_root: Path | None) -> bool:
    """Whether the project's templates run in the sandbox: yes when it has any of its own."""
    return len(template_dirs(project_root)) > 1


MAX_TEMPLATE_BYTES = 1_000_000


class ContainedLoader(FileSystemLoader):
    """Templates from one folder, but never through a link that leads out of it, never a
    device or other non-regular file, and never more than MAX_TEMPLATE_BYTES."""

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)
        for folder in self.searchpath:
            path = Path(folder, *pieces)
            if not path.exists():
                continue
            if not contained(path, [Path(folder)]):
                raise TemplateNotFound(
                    f"{template} (it links out of its templates folder, or is not a regular "
                    "file; it is not read)"
                )
            with path.open("rb") as stream:
                data = stream.read(MAX_TEMPLATE_BYTES + 1)
            if len(data) > MAX_TEMPLATE_BYTES:
                raise TemplateNotFound(f"{template} (larger than {MAX_TEMPLATE_BYTES:,} bytes)")
            mtime = path.stat().st_mtime

            def uptodate(path: Path = path, mtime: float = mtime) -> bool:
                try:
                    return path.stat().st_mtime == mtime
                except OSError:
                    return False

            return data.decode(self.encoding), str(path), uptodate
        raise TemplateNotFound(template)


@lru_cache(maxsize=8)
def environment(project_root: Path | None) -> Environment:
    """The environment for a project (cached per process)."""
    kind = ImmutableSandboxedEnvironment if sandboxed(project_root) else Environment
    env = kind(
        loader=ChoiceLoader([ContainedLoader(d) for d in template_dirs(project_root)]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates do not change within a build; `serve` starts afresh
    )
    env.filters["long_date"] = long_date
    env.filters["short_date"] = short_date
    env.filters["weekday"] = weekday
    env.filters["css_string"] = css_string
    env.filters["num"] = num
    return env


def css_string(value: Any) -> Markup:
    """A value as a quoted CSS string, safe inside <style> (no way out of the string or tag)."""
    text = str(value)
    escaped = "".join(
        ch if ch.isalnum() or ch in " .,-_()·&@/:+'" else f"\\{ord(ch):x} " for ch in text
    )
    return Markup(f'"{escaped}"')


def num(value: Any) -> str:
    """A number as a person writes it: 2 not 2.0, 2.5 as 2.5; nothing for None."""
    if value is None or value == "":
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def long_date(value: Any) -> str:
    """28 September 2026."""
    day = _as_date(value)
    return f"{day.day} {day:%B %Y}" if day else ""


def short_date(value: Any) -> str:
    """Mon 28 Sep."""
    day = _as_date(value)
    return f"{day:%a} {day.day} {day:%b}" if day else ""


def weekday(value: Any) -> str:
    day = _as_date(value)
    return f"{day:%A}" if day else ""


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        return dt.date.fromisoformat(value)
    return None
