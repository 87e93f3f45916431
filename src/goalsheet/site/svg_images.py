"""SVG files on their way into site/: rebuilt safe (render/svg.py), with a GS315 warning
naming the file and what was left out, or left out of the site when unreadable."""

from __future__ import annotations

from pathlib import Path

from goalsheet.findings import Finding, Severity, display_path
from goalsheet.language.messages import _
from goalsheet.render.svg import SvgRefused, clean_svg

SHOWN = 6  # parts named in the warning; the rest are counted


def published(file: Path, root: Path) -> tuple[bytes | None, list[Finding]]:
    """The bytes to publish for `file` (an SVG rebuilt from its safe parts, any other file
    as it is), or None when it is left out; and the warning to give."""
    data = file.read_bytes()
    if file.suffix.lower() != ".svg":
        return data, []
    where = display_path(file, root)
    try:
        clean = clean_svg(data)
    except SvgRefused as error:
        return None, [
            Finding(
                where, 1, 1, "GS315",
                # NOTE: {why} is the XML reader's own words, e.g. "EntitiesForbidden".
                _("this SVG image is left out of the site: it cannot be read safely ({why})")
                .format(why=str(error)[:200]),
                _("save it again as plain SVG, without entity declarations (<!ENTITY>)"),
                Severity.WARNING,
            )
        ]  # fmt: skip
    if not clean.removed:
        return clean.data, []
    parts = ", ".join(clean.removed[:SHOWN])
    if len(clean.removed) > SHOWN:
        # NOTE: {parts} lists some parts of an SVG file; {more} is how many are not listed.
        parts = _("{parts} and {more} more").format(parts=parts, more=len(clean.removed) - SHOWN)
    return clean.data, [
        Finding(
            where, 1, 1, "GS315",
            # NOTE: {parts} lists SVG elements and attributes, e.g. "<script>, onload=".
            _("parts of this SVG image that could run script or load other files are left "
              "out of the site: {parts}").format(parts=parts),
            _("draw the image without scripts, links, embedded HTML or outside files "
              "(export it again from the drawing program as plain SVG)"),
            Severity.WARNING,
        )
    ]  # fmt: skip
