"""The review page of a scanned import: each unclear mark with a crop of the page and a
choice of what it could be (nothing chosen for the reviewer), a button that assembles the
`goalsheet import ... --accept KEY=VALUE` command for the rows chosen, each page as read
with its marks outlined, and the handwritten notes, as pictures.

A private file (a client's answers), written under the practice's private/ output, readable
by its owner only. It loads nothing: its pictures are inside it, and its policy lets only its
own script run (allowed by the script's hash), with no network at all.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections import Counter
from pathlib import Path

from markupsafe import Markup

from goalsheet.intake.scan.overview import READ_HEX, UNCLEAR_HEX, overview_png
from goalsheet.intake.scan.review_command import as_typed
from goalsheet.intake.scanned import NoteCrop, PageOverview, ReviewItem
from goalsheet.language.catalogues import html_lang
from goalsheet.language.messages import _, active_locale, ngettext
from goalsheet.render.template import render_template

REVIEW_TEMPLATE = "scan/review.html.j2"
REVIEW_SCRIPT = "scan/review.js"
REVIEW_DIR = "review"
MAX_PAGES = 40  # pages shown as read (about 65 KB each); those with unclear rows first


class ScriptProblem(ValueError):
    """The page's script cannot be put inside the page as it is."""


def review_html(
    project_root: Path | None,
    items: list[ReviewItem],
    crops: list[NoteCrop],
    pages: list[PageOverview],
    again: list[str],
) -> str:
    """The page. `again` is the import to run after the review, without any choice yet."""
    script = render_template(project_root, REVIEW_SCRIPT, {})
    if "</script" in script.lower():
        raise ScriptProblem(f"{REVIEW_SCRIPT} cannot hold '</script'")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    ordered = sorted(items, key=lambda item: not item.critical)  # risk items first
    shown = _pages_shown(pages)
    # The same key on two files' pages (page 1 of each) cannot be told apart by --accept.
    keys = Counter(item.key for item in items)
    context = {
        "lang": html_lang(active_locale()),
        "rows": [_row(index, item, keys[item.key] > 1) for index, item in enumerate(ordered, 1)],
        "notes": [{"crop": crop, "image": _image(crop.png, crop.label)} for crop in crops],
        "pages": [_page(page) for page in shown],
        "pages_left": len(pages) - len(shown),
        "base": json.dumps(again),
        "typed": as_typed(again),
        "script": Markup(script),  # goalsheet's own script, or the practice's override
        "script_hash": f"sha256-{digest}",
        "read_colour": READ_HEX,
        "unclear_colour": UNCLEAR_HEX,
    }
    return render_template(project_root, REVIEW_TEMPLATE, context)


def review_path(private: Path, files: list[str]) -> Path:
    stem = Path(files[0]).stem if len(files) == 1 else "scans"
    return private / REVIEW_DIR / f"{stem}-review.html"


def _image(png: bytes, alt: str, width: int | None = None) -> Markup:
    size = Markup(' width="{}"').format(width) if width else ""
    return Markup('<img alt="{}"{} src="data:image/png;base64,{}">').format(
        alt, size, base64.b64encode(png).decode()
    )


def _pages_shown(pages: list[PageOverview]) -> list[PageOverview]:
    """At most MAX_PAGES pages, in their order: those with unclear rows, then the others."""
    keep = sorted(range(len(pages)), key=lambda i: pages[i].unclear == 0)[:MAX_PAGES]
    return [pages[i] for i in sorted(keep)]


def _row(index: int, item: ReviewItem, shared: bool) -> dict[str, object]:
    # NOTE: the words for a picture of an unclear row, e.g. "As scanned: item 4".
    alt = _("As scanned: {label}").format(label=item.label)
    options = [
        {"id": f"row{index}-{value}", "value": value, "words": words}
        for value, words in zip(item.choices, item.words or ("",) * len(item.choices),
                                strict=True)
    ]  # fmt: skip
    return {"item": item, "name": f"row{index}", "image": _image(item.crop, alt),
            "options": options, "shared": shared}  # fmt: skip


def _page(page: PageOverview) -> dict[str, object]:
    name = Path(page.file).name
    read = ngettext("{n} answer ringed in blue", "{n} answers ringed in blue", page.read).format(
        n=page.read
    )
    unclear = ngettext(
        "{n} unclear row boxed in magenta", "{n} unclear rows boxed in magenta", page.unclear
    ).format(n=page.unclear)
    # NOTE: a picture of a scanned page as read, e.g. "Page 1 of scan.png as read: 9 answers
    # ringed in blue, 1 unclear row boxed in magenta".
    alt = _("Page {n} of {file} as read: {read}, {unclear}").format(
        n=page.page, file=name, read=read, unclear=unclear
    )
    return {"file": name, "page": page.page, "read": read, "unclear": unclear,
            "image": _image(overview_png(page), alt, page.width)}  # fmt: skip
