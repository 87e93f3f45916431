"""Phone numbers and e-mail addresses in a practice's text become tap-to-call (tel:) and
tap-to-mail (mailto:) links.

The crisis text is the reason: someone in distress reading it on a phone, or on a handout
PDF, should reach the number with one tap rather than copy it by hand. So the filter is
generous with what a caller would read as a number to ring, and strict about what is not:
years, dates, times, "24-hour", scores ("PHQ-9 of 12"), postcodes and ZIP codes stay text.

A long number is a run of digit groups split by single spaces, hyphens or dots (the first
group may be in brackets), 9 to 15 digits in all, written with a leading "+" or "0" or with
separators, since that is how phone numbers are printed and nothing else in a handout is.
Slashes and colons never join groups, which is what keeps dates and times out. A short
number (999, 112, 116 123, 024 ...) is a link only when it is a known emergency or helpline
number and a word such as "call", "ring" or "llama" comes shortly before it in the same
sentence, since "111" or "988" alone may as well be a count.

The link's address keeps the digits and a leading "+". A national number (leading trunk
"0", or a ten-digit North American one) is given the country code of the locale being
rendered, so it also works from a phone abroad; the text shows the number as written.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from goalsheet.language import messages

_LONG = re.compile(
    r"(?<![\w/#&+.:-])"  # not inside a word, a date, an entity or another number
    r"(?:\+\d{1,3}(?:[ \u00a0.-]?\(0\))?[ \u00a0.-]?|\(\d{2,5}\)[ \u00a0]?)?"
    r"\d+(?:[ \u00a0.-]\d+)*"
    r"(?![\w/:]|[.,-]\d)"
)
_ZIP_PLUS_FOUR = re.compile(r"\d{5}-\d{4}")
_SHORT = re.compile(
    r"(?<![\w/#&+.:-])(?:116[ \u00a0]?\d{3}|999|112|911|988|111|000|024|061|016)(?![\w/:]|[.,-]\d)"
)
_CALL_WORDS = re.compile(
    r"\b(?:call|calling|ring|dial|phone|telephone|text|tel|number|helpline|line|llama|llame|"
    r"llamar|llámanos|llámenos|marca|marque|marcar|teléfono|número|línea|al)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?;]\s")
_EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,63})@"
    r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*\.[A-Za-z]{2,24}"
    r"(?![\w-]|\.[A-Za-z0-9])"
)
_TAG = re.compile(r"(<[^>]*>)")
_CALL_WINDOW = 40  # characters before a short number searched for a word like "call"


@dataclass(frozen=True)
class _Dialling:
    """How a country's national numbers become international ones."""

    code: str  # the country calling code, without "+"
    trunk: str  # the national prefix dropped before the code ("0"), or "" if none
    national_digits: int  # the length of a national number without trunk, 0 = any


_COUNTRIES: dict[str, _Dialling] = {
    "GB": _Dialling("44", "0", 0),
    "IE": _Dialling("353", "0", 0),
    "AU": _Dialling("61", "0", 0),
    "NZ": _Dialling("64", "0", 0),
    "ZA": _Dialling("27", "0", 0),
    "DE": _Dialling("49", "0", 0),
    "FR": _Dialling("33", "0", 0),
    "NL": _Dialling("31", "0", 0),
    "US": _Dialling("1", "", 10),
    "CA": _Dialling("1", "", 10),
    "ES": _Dialling("34", "", 9),
}


@dataclass(frozen=True)
class _Found:
    """One phone number or address found in the text: where, and the link's href."""

    start: int
    end: int
    href: str


def contact_links(value: object, country: str | None = None) -> Markup:
    """The text, escaped, with phone numbers and e-mail addresses wrapped in tel: and
    mailto: links. Markup (already HTML) keeps its tags; text inside a link is left alone.
    `country` (e.g. "GB") picks the calling code for national numbers; by default it is
    the country of the locale being rendered."""
    country = country if country is not None else _country(messages.active_locale())
    if not isinstance(value, Markup):
        return Markup(_linked(str(value), country))
    out: list[str] = []
    inside_link = 0
    for piece in _TAG.split(str(value)):
        if _TAG.fullmatch(piece):
            name = (piece[1:].lstrip("/").split(None, 1) or [""])[0].rstrip(">").lower()
            if name == "a":
                inside_link += -1 if piece.startswith("</") else 1
            out.append(piece)
        elif inside_link > 0 or not piece:
            out.append(piece)
        else:
            out.append(_linked(Markup(piece).unescape(), country))
    return Markup("".join(out))


def _country(locale: str) -> str:
    """The country part of a locale ("en_GB" -> "GB"; "es" -> "ES", as for Spain)."""
    parts = locale.replace("-", "_").split("_")
    return parts[1].upper() if len(parts) > 1 else parts[0].upper()


@functools.lru_cache(maxsize=256)
def _linked(text: str, country: str) -> str:
    """Plain text → escaped HTML with the links in it. Kept for the same text: every page
    of the site shows the same contact and crisis lines (242 calls, ~8 ms a build)."""
    found = sorted(_finds(text, country), key=lambda f: f.start)
    out: list[str] = []
    at = 0
    for item in found:
        if item.start < at:
            continue
        shown = text[item.start : item.end]
        out.append(str(escape(text[at : item.start])))
        out.append(f'<a href="{escape(item.href)}">{escape(shown)}</a>')
        at = item.end
    out.append(str(escape(text[at:])))
    return "".join(out)


def _finds(text: str, country: str) -> list[_Found]:
    found = [_Found(m.start(), m.end(), "mailto:" + m.group()) for m in _EMAIL.finditer(text)]
    taken = [(f.start, f.end) for f in found]

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    for match in _LONG.finditer(text):
        href = _long_href(match.group(), country)
        if href and free(match.start(), match.end()):
            found.append(_Found(match.start(), match.end(), href))
            taken.append((match.start(), match.end()))
    for match in _SHORT.finditer(text):
        if free(match.start(), match.end()) and _called(text, match.start()):
            digits = re.sub(r"\D", "", match.group())
            found.append(_Found(match.start(), match.end(), "tel:" + digits))
    return found


def _long_href(written: str, country: str) -> str | None:
    """The tel: address of a long number as written, or None when it is not a phone number."""
    if _ZIP_PLUS_FOUR.fullmatch(written):
        return None
    international = written.startswith("+")
    digits = re.sub(r"\D", "", written.replace("(0)", "") if international else written)
    separated = re.search(r"[ \u00a0.()-]", written) is not None
    groups = re.findall(r"\d+", written.replace("(0)", "") if international else written)
    if not 9 <= len(digits) <= 15 or any(len(group) < 2 for group in groups[1:]):
        return None
    if international:
        return "tel:+" + digits
    if not (separated or digits.startswith("0")):
        return None
    if re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{2,4}", written):
        return None  # a date written with dots
    return "tel:" + _international(digits, country)


def _international(digits: str, country: str) -> str:
    """A national number in the country's international form, when we know how."""
    rule = _COUNTRIES.get(country)
    if rule is None:
        return digits
    if rule.trunk:
        if digits.startswith(rule.trunk) and not digits.startswith(rule.trunk * 2):
            return "+" + rule.code + digits[len(rule.trunk) :]
        return digits
    if len(digits) == rule.national_digits:
        return "+" + rule.code + digits
    if len(digits) == rule.national_digits + len(rule.code) and digits.startswith(rule.code):
        return "+" + digits
    return digits


def _called(text: str, start: int) -> bool:
    """Whether a word like "call" comes shortly before `start`, in the same sentence."""
    before = text[max(0, start - _CALL_WINDOW) : start]
    ends = list(_SENTENCE_END.finditer(before))
    if ends:
        before = before[ends[-1].end() :]
    return _CALL_WORDS.search(before) is not None
