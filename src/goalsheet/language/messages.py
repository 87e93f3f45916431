"""`_()` for every string a person reads, in the language that is active right now.

The active locale is a context variable: the command line sets it once from the
environment (or the project's `locale`), and each document is rendered inside `using()`
with its own client's or the practice's locale, so one build can make PDFs in two
languages. Strings defined at import time are marked with `N_()` and translated where they
are shown.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from goalsheet.language.catalogues import language_of, translations

DEFAULT_LOCALE = "en_GB"
_active: ContextVar[str] = ContextVar("goalsheet_locale", default=DEFAULT_LOCALE)


def active_locale() -> str:
    return _active.get()


def set_locale(locale: str | None) -> None:
    """Make `locale` the active one for the rest of this process (the command line)."""
    _active.set(_normal(locale))


@contextmanager
def using(locale: str | None) -> Iterator[str]:
    """Run a block (one document's context and rendering) in `locale`."""
    token = _active.set(_normal(locale))
    try:
        yield _active.get()
    finally:
        _active.reset(token)


def gettext(message: str) -> str:
    return translations(language_of(_active.get())).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(language_of(_active.get())).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return translations(language_of(_active.get())).pgettext(context, message)


_ = gettext


def N_(message: str) -> str:
    """Mark a string for the catalogue without translating it yet."""
    return message


def environment_locale() -> str | None:
    """The person's locale from the environment: GOALSHEET_LOCALE, else LANGUAGE, LC_ALL,
    LC_MESSAGES and LANG as gettext reads them; None for C, POSIX or nothing set."""
    for name in ("GOALSHEET_LOCALE", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "").split(":")[0].split(".")[0].strip()
        if value and value not in ("C", "POSIX"):
            return value
    return None


def _normal(locale: str | None) -> str:
    return (locale or DEFAULT_LOCALE).replace("-", "_")
