"""A scannable questionnaire page: its plan (scan/layout.py), its QR code, and the words
around the circles, in the page's language. Drawn by templates/scan/measure.html.j2."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from goalsheet.language.messages import _
from goalsheet.model.measures import MeasureDefinition
from goalsheet.paper.scannable.layout import (
    LAYOUT_VERSION,
    QR_SIZE,
    ROW_PITCH_V2,
    PagePlan,
    rating_rows,
)
from goalsheet.paper.scannable.payload import Payload
from goalsheet.render.environment import template_dirs
from goalsheet.render.pdf import html_to_pdf
from goalsheet.resources import builtin_dir

SCAN_TEMPLATE = "scan/measure.html.j2"


def measure_plan(measure: MeasureDefinition, paper: str, version: int = LAYOUT_VERSION) -> PagePlan:
    """The plan of `measure`'s page as printed with layout `version` (layout 1 has no row
    for the closing difficulty question)."""
    values = range(measure.item_min, measure.item_max + 1)
    difficulty = len(measure.difficulty.answers) if measure.difficulty else 0
    return rating_rows(paper, measure.items, values, version, difficulty)


def qr_svg(text: str, size_mm: float = QR_SIZE) -> Markup:
    """The QR code as inline SVG, `size_mm` wide, with no quiet zone of its own (the
    page's plan leaves white space round it)."""
    # heavy: segno loads only when a page's QR code is drawn
    import segno

    code = segno.make(text, error="m", micro=False)
    svg = code.svg_inline(scale=1, border=0, omitsize=True)
    label = escape(_("Code for reading this page back"))
    sized = f'<svg width="{size_mm}mm" height="{size_mm}mm" role="img" aria-label="{label}" '
    return Markup(svg.replace("<svg ", sized, 1))


def measure_page(
    measure: MeasureDefinition, paper: str, client: str | None, words: list[str]
) -> dict[str, Any]:
    """The template context of a scannable questionnaire (one page)."""
    plan = measure_plan(measure, paper)
    payload = Payload(measure.id.lower(), LAYOUT_VERSION, paper, client, 1, 1)
    return {
        "plan": plan,
        "pitch": ROW_PITCH_V2,
        "items": plan.rows[: measure.items],
        "difficulty": next((row for row in plan.rows if row.key == "difficulty"), None),
        "date_rows": [row for row in plan.rows if row.key.startswith("date:")],
        "qr": qr_svg(payload.encode()),
        "payload": payload,
        "words": words,
    }


def page_pdf(project_root: Path | None, html: str) -> bytes:
    """A scannable page's HTML as PDF: it may load only built-in and project files."""
    roots = [*template_dirs(project_root), *([project_root] if project_root else [])]
    return html_to_pdf(html, base_url=builtin_dir("templates"), roots=roots)
