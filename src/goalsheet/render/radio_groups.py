"""Radio groups a PDF reader and a filler can use.

WeasyPrint makes each radio group one field with a widget per choice, but it also gives
every widget the group's name (/T) and lists the widgets in the form's /Fields beside the
group. A filler then sees fields inside the field ("q1.q1"): pypdf and pdftk set nothing,
and qpdf finds a loop. Here each choice becomes a plain widget of its group, as the PDF
standard has it. The copy keeps everything else (tags, attachments), and the same input
gives the same bytes.
"""

from __future__ import annotations

import io

RADIO = 1 << 15  # the /Ff bit of a radio button group


def tidy_radio_groups(pdf: bytes) -> bytes:
    """`pdf` with its radio groups' widgets made plain widgets of their group; unchanged
    when it has no radio group."""
    # heavy: pypdf loads only when a fillable PDF has radio buttons
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, NameObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    form = writer.root_object.get("/AcroForm")
    if form is None:
        return pdf
    form = form.get_object()
    widgets = set()
    for page in writer.pages:
        for ref in page.get("/Annots") or []:
            widget = ref.get_object()
            parent = widget.get("/Parent")
            if parent is None or not int(parent.get_object().get("/Ff", 0)) & RADIO:
                continue
            widgets.add(ref.idnum)
            for key in ("/T", "/TU", "/FT"):
                if key in widget:
                    del widget[NameObject(key)]
    if not widgets:
        return pdf
    fields = form["/Fields"]
    form[NameObject("/Fields")] = ArrayObject(f for f in fields if f.idnum not in widgets)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
