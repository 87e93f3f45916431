"""The review page of a scanned import: each unclear mark with a crop of the page, what it
could be, and the `--accept` that records a decision; then the handwritten notes, as
pictures, to read and copy into the client's data if wanted. A private file (crops of a client's
answers), written under the practice's private/ output, readable by its owner only."""

from __future__ import annotations

import base64
from pathlib import Path

from markupsafe import Markup

from goalsheet.language.catalogues import html_lang
from goalsheet.language.messages import _, active_locale
from goalsheet.render.template import render_template
from goalsheet.scan.note_crop import NoteCrop
from goalsheet.scan.review_item import ReviewItem

REVIEW_TEMPLATE = "scan/review.html.j2"
REVIEW_DIR = "review"


def _image(png: bytes, alt: str = "") -> Markup:
    return Markup('<img alt="{}" src="data:image/png;base64,{}">').format(
        alt, base64.b64encode(png).decode()
    )


def review_html(
    project_root: Path | None, items: list[ReviewItem], crops: list[NoteCrop], command: str
) -> str:
    rows = [
        {
            "item": item,
            # NOTE: the words for a picture of an unclear row, e.g. "As scanned: item 4".
            "image": _image(item.crop, _("As scanned: {label}").format(label=item.label)),
        }
        for item in items
    ]
    notes = [{"crop": crop, "image": _image(crop.png, crop.label)} for crop in crops]
    context = {"lang": html_lang(active_locale()), "rows": rows, "notes": notes,
               "command": command}  # fmt: skip
    return render_template(project_root, REVIEW_TEMPLATE, context)


def review_path(private: Path, files: list[str]) -> Path:
    stem = Path(files[0]).stem if len(files) == 1 else "scans"
    return private / REVIEW_DIR / f"{stem}-review.html"
