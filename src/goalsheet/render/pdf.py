"""HTML to PDF with WeasyPrint: tagged, titled, fonts embedded, forms when asked.

WeasyPrint is imported here only, and only when a PDF is made, so commands that make no
PDF start quickly.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from goalsheet.render.radio_groups import tidy_radio_groups

FIXED_TIME = 315532800  # 1980-01-01, as reproducible archives use when no date is given

MISSING_PANGO = (
    "making PDFs needs the Pango library, which WeasyPrint could not load ({error}).\n"
    "On Debian or Ubuntu: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 "
    "libharfbuzz-subset0 fontconfig\n"
    "Elsewhere, see WeasyPrint's installation notes for your system."
)


class RenderError(Exception):
    """A document could not be made; the message says which asset or why."""


def html_to_pdf(
    html: str,
    *,
    base_url: Path,
    roots: list[Path],
    fillable: bool = False,
    attachment: tuple[str, str] | None = None,
    optional: Path | None = None,
) -> bytes:
    """Render `html` to PDF bytes. `attachment` is (file name, text) embedded in the PDF.
    Anything refused stops the render, but for a file under `optional` (a handout's own
    images): missing or refused, it is left out, as the site's page shows it missing too."""
    try:
        # heavy: WeasyPrint loads only when a PDF is made
        from weasyprint import HTML, Attachment
    except OSError as error:  # WeasyPrint loads Pango with ctypes when imported
        raise RenderError(MISSING_PANGO.format(error=error)) from None

    # heavy: the fetcher imports WeasyPrint
    from goalsheet.render.fetcher import AssetRefused, ProjectFetcher

    fetcher = ProjectFetcher(roots, strict=True, optional=optional)
    attachments = []
    if attachment is not None:
        name, text = attachment
        stamp = build_time()
        attachments.append(
            Attachment(
                string=text,
                name=name,
                description="goalsheet form manifest",
                created=stamp,
                modified=stamp,
            )
        )
    try:
        # The options go to write_pdf, which lays out with them: form fields are made at layout.
        page = HTML(string=html, base_url=base_url.as_uri() + "/", url_fetcher=fetcher)
        pdf: bytes = page.write_pdf(
            pdf_variant="pdf/ua-1",
            pdf_forms=fillable,
            attachments=attachments,
            custom_metadata=False,
        )
    except AssetRefused as refused:
        raise RenderError(str(refused)) from None
    if fillable and 'type="radio"' in html:
        pdf = tidy_radio_groups(pdf)
    return pdf


def build_time() -> dt.datetime:
    """The time written into PDFs: SOURCE_DATE_EPOCH when set (reproducible builds), else a
    fixed date, so the same inputs always give the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    seconds = int(epoch) if epoch.isdigit() else FIXED_TIME
    return dt.datetime.fromtimestamp(seconds, tz=dt.UTC)
