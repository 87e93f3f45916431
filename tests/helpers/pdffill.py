"""Filling goalsheet's fillable PDFs the way other programs do, and making broken ones.

Fillers: pypdf (in this process), pdftk-java (a separate Java program, fed an XFDF file),
a pypdf incremental update (the way Acrobat and Preview save) and qpdf regenerating the
appearance streams (the way a viewer redraws a form). Broken files are built here too: an
edited manifest, an encrypted copy, a hand-made PDF bomb and a hand-made reference loop.
Every value is fictional.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import zlib
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

MANIFEST = "goalsheet-form.json"
PDFTK = "/usr/bin/pdftk"
QPDF = "qpdf"


def fill(src: Path, dst: Path, values: Mapping[str, str]) -> Path:
    """Fill with pypdf; a checkbox is ticked with its on-state name ("/on")."""
    writer = PdfWriter(clone_from=src)
    writer.update_page_form_field_values(None, dict(values), auto_regenerate=False)
    writer.write(dst)
    return dst


def fill_incremental(src: Path, dst: Path, values: Mapping[str, str]) -> Path:
    """Change values as an incremental update: `src`'s bytes, then only the changed objects
    and a new cross-reference section appended after them."""
    writer = PdfWriter(PdfReader(src), incremental=True)
    writer.update_page_form_field_values(None, dict(values), auto_regenerate=False)
    writer.write(dst)
    return dst


def xfdf(values: Mapping[str, str]) -> str:
    """An XFDF document setting each field; a checkbox gets its on-state name ("on")."""
    rows = "\n".join(
        f"    <field name={quoteattr(name)}><value>{escape(value)}</value></field>"
        for name, value in values.items()
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xfdf xmlns="http://ns.adobe.com/xfdf/" xml:space="preserve">\n'
        f"  <fields>\n{rows}\n  </fields>\n</xfdf>\n"
    )


def fill_pdftk(src: Path, dst: Path, values: Mapping[str, str]) -> Path:
    """Fill with pdftk-java from an XFDF file. Raises if pdftk is not installed: the tests
    that use it must fail then, not skip."""
    data = dst.with_suffix(".xfdf")
    data.write_text(xfdf(values), encoding="utf-8")
    subprocess.run(
        [PDFTK, str(src), "fill_form", str(data), "output", str(dst)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return dst


def generate_appearances(src: Path, dst: Path) -> Path:
    """qpdf redrawing every field's appearance from its value, as a viewer would."""
    subprocess.run(
        [QPDF, "--generate-appearances", str(src), str(dst)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return dst


def qpdf_encrypt(src: Path, dst: Path, password: str, *how: str) -> Path:
    """Encrypt with qpdf; `how` is the key length and options, e.g. "256" (AES-256, qpdf's
    and Acrobat's usual choice) or "128", "--use-aes=n" (RC4)."""
    subprocess.run(
        [
            QPDF,
            "--allow-weak-crypto",
            "--encrypt",
            password,
            password,
            *how,
            "--",
            str(src),
            str(dst),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return dst


def pypdf_encrypt(src: Path, dst: Path, password: str) -> Path:
    """pypdf's default encryption (RC4, 128-bit: no extra library needed)."""
    writer = PdfWriter(clone_from=src)
    writer.encrypt(password)
    writer.write(dst)
    return dst


def tick_as(src: Path, dst: Path, field: str, state: str) -> Path:
    """Tick checkbox `field`, renaming its on-state from /on to /`state` (the export value
    another program might give it): the /AP /N (and /D) key, /V and /AS."""
    writer = PdfWriter(clone_from=src)
    found = False
    for page in writer.pages:
        for annotation in page.get("/Annots") or []:
            widget = annotation.get_object()
            if widget.get("/T") != field:
                continue
            appearances = widget["/AP"]
            for kind in ("/N", "/D"):
                states = appearances.get(kind)
                if states is None:
                    continue
                states = states.get_object()
                if "/on" in states:
                    states[NameObject(f"/{state}")] = states.pop("/on")
            widget[NameObject("/V")] = NameObject(f"/{state}")
            widget[NameObject("/AS")] = NameObject(f"/{state}")
            found = True
    assert found, f"no checkbox {field}"
    writer.write(dst)
    return dst


def manifest(pdf: Path) -> dict[str, Any]:
    (data,) = PdfReader(pdf).attachments[MANIFEST]
    loaded = json.loads(data)
    assert isinstance(loaded, dict)
    return loaded


def with_manifest(src: Path, dst: Path, edit: Callable[[dict[str, Any]], None]) -> Path:
    """A copy of `src` whose manifest attachment was edited: the attachment is removed and
    added again with the changed JSON."""
    data = manifest(src)
    edit(data)
    writer = PdfWriter(clone_from=src)
    names = writer.root_object["/Names"].get_object()
    assert isinstance(names, DictionaryObject)
    del names["/EmbeddedFiles"]
    writer.add_attachment(MANIFEST, json.dumps(data, indent=1).encode("utf-8"))
    writer.write(dst)
    return dst


def without_manifest(src: Path, dst: Path) -> Path:
    """A copy of `src` with its attachment removed, as some programs do when they save."""
    writer = PdfWriter(clone_from=src)
    del writer.root_object["/Names"]
    writer.write(dst)
    return dst


def kids_loop(src: Path, dst: Path) -> Path:
    """A copy of `src` with one more AcroForm field whose /Kids holds the field itself."""
    writer = PdfWriter(clone_from=src)
    loop = DictionaryObject({NameObject("/T"): TextStringObject("loop")})
    reference = writer._add_object(loop)
    loop[NameObject("/Kids")] = ArrayObject([reference])
    form = writer.root_object["/AcroForm"].get_object()
    assert isinstance(form, DictionaryObject)
    fields = form["/Fields"].get_object()
    assert isinstance(fields, ArrayObject)
    fields.append(reference)
    writer.write(dst)
    return dst


# --- hand-built PDFs -----------------------------------------------------------------


def raw_pdf(objects: Sequence[bytes]) -> bytes:
    """A PDF of `objects` (object 1 is the catalog) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        start,
    )
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n%s\nendstream" % (len(data), extra, data)


def _page_tree() -> list[bytes]:
    return [
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]


def zeros_deflated(size_gib: int) -> bytes:
    """A zlib stream of `size_gib` GiB of zero bytes, made without compressing them all:
    after a full flush, each further 16 MiB of zeros compresses to the same bytes."""
    chunk = 16 << 20
    compressor = zlib.compressobj(9)
    head = compressor.compress(bytes(chunk)) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(bytes(chunk)) + compressor.flush(zlib.Z_FULL_FLUSH)
    count = (size_gib << 30) // chunk
    adler = (((count * chunk) % 65521) << 16) | 1  # adler32 of that many zero bytes
    return head + block * (count - 1) + b"\x03\x00" + adler.to_bytes(4, "big")


def bomb_pdf(size_gib: int = 4) -> bytes:
    """A goalsheet-looking PDF whose form map attachment inflates to `size_gib` GiB: zeros,
    deflated twice (/Filter [/FlateDecode /FlateDecode]), a few kilobytes on disk."""
    twice = zlib.compress(zeros_deflated(size_gib), 9)
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [] >> "
            b"/Names << /EmbeddedFiles << /Names [(goalsheet-form.json) 4 0 R] >> >> >>",
            *_page_tree(),
            b"<< /Type /Filespec /F (goalsheet-form.json) /UF (goalsheet-form.json) "
            b"/EF << /F 5 0 R >> >>",
            _stream(twice, b"/Type /EmbeddedFile /Filter [/FlateDecode /FlateDecode]"),
        ]
    )


def loop_pdf(form_map: Mapping[str, Any]) -> bytes:
    """A PDF with a real-looking form map whose only AcroForm field is its own kid and its
    own parent."""
    data = json.dumps(form_map).encode("utf-8")
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [6 0 R] >> "
            b"/Names << /EmbeddedFiles << /Names [(goalsheet-form.json) 4 0 R] >> >> >>",
            *_page_tree(),
            b"<< /Type /Filespec /F (goalsheet-form.json) /UF (goalsheet-form.json) "
            b"/EF << /F 5 0 R >> >>",
            _stream(data, b"/Type /EmbeddedFile"),
            b"<< /T (d_2026-11-09_mood) /FT /Ch /V (5) /Kids [6 0 R] /Parent 6 0 R >>",
        ]
    )


def name_tree_loop_pdf(form_map: Mapping[str, Any]) -> bytes:
    """A PDF whose attachment name tree has a node that is its own kid (and whose real
    form map hangs off that loop)."""
    data = json.dumps(form_map).encode("utf-8")
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [] >> "
            b"/Names << /EmbeddedFiles 6 0 R >> >>",
            *_page_tree(),
            b"<< /Type /Filespec /F (goalsheet-form.json) /UF (goalsheet-form.json) "
            b"/EF << /F 5 0 R >> >>",
            _stream(data, b"/Type /EmbeddedFile"),
            b"<< /Kids [6 0 R 7 0 R] >>",
            b"<< /Limits [(goalsheet-form.json) (goalsheet-form.json)] "
            b"/Names [(goalsheet-form.json) 4 0 R] >>",
        ]
    )


def require_tools() -> None:
    """pdftk and qpdf are part of the test setup; their absence is a failure."""
    assert Path(PDFTK).is_file(), f"pdftk-java is needed at {PDFTK} (apt-get install pdftk-java)"
    assert shutil.which(QPDF), "qpdf is needed (apt-get install qpdf)"
