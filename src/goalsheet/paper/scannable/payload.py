"""What a scannable page's QR code says: which form and layout, whose, which page, which
dates. IDs only, never a name: the code can be read by anyone holding the paper."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from goalsheet.language.messages import _
from goalsheet.read.json_text import loads

PREFIX = "GS1:"
# Short keys keep the code small (fewer, bigger modules read better from a poor photo).
KEYS = {"form": "f", "layout": "l", "paper": "p", "client": "c", "page": "n", "pages": "t",
        "start": "s", "days": "d", "trackers": "h"}  # fmt: skip


class NotOurs(ValueError):
    """A QR code goalsheet did not print, or one it cannot read."""


@dataclass(frozen=True)
class Payload:
    form: str  # the worksheet ID, e.g. "phq-9"
    layout: int  # the layout version the page was printed with
    paper: str  # "a4" or "letter"
    client: str | None  # the client ID, or None on a blank page
    page: int  # this page's number, from 1
    pages: int  # how many pages the form has
    start: str | None = None  # a diary's first day (YYYY-MM-DD)
    days: int | None = None  # how many days the diary has
    trackers: str | None = None  # a diary's trackers as printed, as a short hash

    def encode(self) -> str:
        data = {KEYS[k]: v for k, v in asdict(self).items() if v is not None}
        return PREFIX + json.dumps(data, separators=(",", ":"))


def decode(text: str) -> Payload:
    """The payload of a goalsheet QR code; NotOurs for any other text. The code is read
    from paper anyone can print: its JSON must be one flat object of the right types."""
    if not text.startswith(PREFIX):
        raise NotOurs(_("the QR code was not printed by goalsheet"))
    try:
        data = loads(text[len(PREFIX) :], max_depth=1)
        names = {short: name for name, short in KEYS.items()}
        payload = Payload(**{names[key]: value for key, value in data.items()})
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        raise NotOurs(
            # NOTE: error: what was wrong with the code's text, in English (from Python).
            _("the QR code cannot be read as a goalsheet page ({error})").format(error=error)
        ) from None
    if (
        not _typed(payload)
        or payload.paper not in ("a4", "letter")
        or not (1 <= payload.page <= payload.pages)
    ):
        raise NotOurs(_("the QR code names a page goalsheet cannot have printed"))
    return payload


_OPTIONAL = (str, type(None))
_TYPES: dict[str, type | tuple[type, ...]] = {
    "form": str, "layout": int, "paper": str, "client": _OPTIONAL, "page": int, "pages": int,
    "start": _OPTIONAL, "days": (int, type(None)), "trackers": _OPTIONAL,
}  # fmt: skip


def _typed(payload: Payload) -> bool:
    """Whether every value has its field's type (a bool is not a number here)."""
    for name, kind in _TYPES.items():
        value = getattr(payload, name)
        if isinstance(value, bool) or not isinstance(value, kind):
            return False
    return True
