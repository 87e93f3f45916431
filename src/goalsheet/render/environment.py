"""The one Jinja environment: built-in templates under the practice's overrides.

Autoescape is on for every template and undefined names are errors. When a practice has
templates of its own, every template runs in Jinja's immutable sandbox with size caps
(render/sandbox.py), since those are code we did not write; goalsheet's own templates alone
run without it (they are ours, and the sandbox's checks on every attribute cost a third of
the site's rendering time).
Templates get plain data (dicts, lists, strings, dates), never objects with behaviour.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, TemplateNotFound
from jinja2.loaders import split_template_path
from markupsafe import Markup

from goalsheet.language import formats, messages, terms
from goalsheet.read.contained import contained
from goalsheet.read.private_paths import PrivatePlaces
from goalsheet.render.contact_links import contact_links
from goalsheet.render.sandbox import BoundedSandbox
from goalsheet.resources import builtin_dir


def template_dirs(project_root: Path | None) -> list[Path]:
    """Where templates are looked up, first match wins: the practice's, then built-in."""
    dirs = []
    own = project_root / "templates" if project_root is not None else None
    if own is not None and own.is_dir() and not _leads_to_client_data(own):
        dirs.append(own)
    dirs.append(builtin_dir("templates"))
    return dirs


def _leads_to_client_data(folder: Path) -> bool:
    """A templates/ that is a link into client data (goalsheets/...) is never read: no
    client's file may be rendered into the site. Only a link needs the check."""
    if not folder.is_symlink():
        return False
    return PrivatePlaces.of_project(folder.parent).reaches(folder) is not None


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
    kind = BoundedSandbox if sandboxed(project_root) else Environment
    env = kind(
        loader=ChoiceLoader([ContainedLoader(d) for d in template_dirs(project_root)]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates do not change within a build; `serve` starts afresh
        extensions=["jinja2.ext.i18n"],
    )
    # Every string goes through the catalogue of the locale active while rendering, so one
    # environment serves every language (see goalsheet.language.messages.using).
    env.install_gettext_callables(  # type: ignore[attr-defined]
        messages.gettext, messages.ngettext, newstyle=True, pgettext=messages.pgettext
    )
    env.filters["long_date"] = formats.long_date
    env.filters["short_date"] = formats.short_date
    env.filters["numeric_date"] = formats.numeric_date
    env.filters["weekday"] = formats.weekday
    env.filters["weekday_short"] = formats.weekday_short
    env.filters["weekday_named"] = formats.weekday_named
    env.filters["month_year"] = formats.month_year
    env.filters["cadence"] = formats.cadence
    env.filters["css_string"] = css_string
    env.filters["term"] = terms.term
    env.filters["num"] = formats.number
    env.filters["csp_hash"] = csp_hash
    env.filters["contact_links"] = contact_links
    if isinstance(env, BoundedSandbox):
        env.bound_filters()
    return env


def css_string(value: Any) -> Markup:
    """A value as a quoted CSS string, safe inside <style> (no way out of the string or tag)."""
    text = str(value)
    escaped = "".join(
        ch if ch.isalnum() or ch in " .,-_()·&@/:+'" else f"\\{ord(ch):x} " for ch in text
    )
    return Markup(f'"{escaped}"')


def csp_hash(text: Any) -> Markup:
    """The Content-Security-Policy source ('sha256-...') that allows exactly this <style>
    or <script> text, and nothing else inline."""
    digest = hashlib.sha256(str(text).encode("utf-8")).digest()
    return Markup(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
