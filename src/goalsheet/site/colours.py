"""Practice colours that stay readable: a colour used for text or under white text must have
a contrast of at least 4.5:1 with white (WCAG 2.2 AA); otherwise the default is used."""

from __future__ import annotations

DEFAULT_PRIMARY = "#1f5f7a"
AA_CONTRAST = 4.5


def luminance(colour: str) -> float:
    """Relative luminance of "#rrggbb" (WCAG 2.2)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable_colour(colour: str) -> str:
    """`colour` (#rgb or #rrggbb) if white text on it, and it as text on white, read at
    4.5:1 or better; else the default."""
    full = _expand(colour)
    if full is None or contrast(full, "#ffffff") < AA_CONTRAST:
        return DEFAULT_PRIMARY
    return full


def _expand(colour: str) -> str | None:
    text = colour.strip().lower()
    if len(text) == 4 and text.startswith("#"):
        text = "#" + "".join(c * 2 for c in text[1:])
    if len(text) != 7 or not text.startswith("#"):
        return None
    try:
        int(text[1:], 16)
    except ValueError:
        return None
    return text
