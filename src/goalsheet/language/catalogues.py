"""The shipped translations: `locales/<language>/LC_MESSAGES/goalsheet.po`, read with Babel.

Catalogues are kept as .po files only (what translators edit) and compiled in memory the
first time a language is needed, so a .mo file can never be stale. Fuzzy and empty entries
are left out: a string without a reviewed translation shows in English, never wrong.
"""

from __future__ import annotations

import gettext
import io
from functools import lru_cache
from pathlib import Path

from goalsheet.builtin_folders import builtin_folder

DOMAIN = "goalsheet"
SOURCE_LANGUAGE = "en"


def language_of(locale: str | None) -> str:
    """The language part of a locale: es_ES -> es, en-US -> en."""
    return (locale or SOURCE_LANGUAGE).replace("-", "_").split("_")[0].lower() or "en"


def html_lang(locale: str | None) -> str:
    """The `lang` attribute: en-GB, es-ES (BCP 47, as browsers and screen readers read it)."""
    return (locale or "en").replace("_", "-")


def language_name(locale: str | None) -> str:
    """A language's name in that language, as a language menu shows it: "español"."""
    # heavy: Babel loads on first use, so a command that names no language starts without it
    from babel import Locale, UnknownLocaleError

    try:
        found = Locale.parse((locale or SOURCE_LANGUAGE).replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return locale or SOURCE_LANGUAGE
    return found.get_language_name(found) or str(found)


def locales_dir() -> Path:
    """The built-in `locales` folder, or FileNotFoundError (in English: the words to say it
    in any other language are in that folder; `resources.builtin_dir` says the same)."""
    found = builtin_folder("locales")
    if found is None:
        raise FileNotFoundError(
            "goalsheet's built-in 'locales' folder is missing from this install"
        )
    return found


def catalogue_file(language: str) -> Path:
    return locales_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def shipped_languages() -> list[str]:
    """English (the source) and every language with a catalogue."""
    folder = locales_dir()
    found = sorted(
        p.name for p in folder.iterdir() if (p / "LC_MESSAGES" / f"{DOMAIN}.po").is_file()
    )
    return [SOURCE_LANGUAGE, *(lang for lang in found if lang != SOURCE_LANGUAGE)]


@lru_cache(maxsize=8)
def translations(language: str) -> gettext.NullTranslations:
    """The compiled catalogue for a language; English (no translation) when there is none."""
    if language == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    try:
        file = catalogue_file(language)
    except FileNotFoundError:  # an install without catalogues still speaks English
        return gettext.NullTranslations()
    if not file.is_file():
        return gettext.NullTranslations()
    found = _compiled(file, language)
    click = file.with_name("click.po")  # click's own messages ("Usage:", "Error:"...)
    if click.is_file():
        found.add_fallback(_compiled(click, language))
    return found


def _compiled(file: Path, language: str) -> gettext.GNUTranslations:
    # heavy: Babel's catalogue reader loads only when a language other than English is spoken
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with file.open("rb") as stream:
        catalogue = read_po(stream, locale=language, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalogue, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)
