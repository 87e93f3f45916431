"""Hostile scans, PDFs and nested JSON: each is a clear finding in bounded memory and time,
never a traceback, and the other files of the run still import with --skip-invalid.

The hostile files are made here, small on disk and huge once decoded: a 30,000-pixel
square PNG (1-bit, about 110 KB), a JPEG whose SOF header claims the same, a TIFF of 16
pages of 100 megapixels each, a 333-byte PDF with a 200-inch square page (and one whose
media box is that large behind an A4 crop box), a QR code and a fillable form's map that
nest 1,100 deep. Peak memory is the largest resident size of the command and its children
(pdftoppm), read from the kernel (RUSAGE_CHILDREN) around the installed command.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import struct
import subprocess
import sys
import warnings
import zlib
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np
import pytest
import yaml
from click.testing import Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject

from helpers.cli import invoke
from helpers.project import CLIENT, ENTRIES, Project

Run = Callable[..., Result]
AS_OF = "2026-11-20"
GOALSHEET = Path(sys.executable).with_name("goalsheet")
ENV = {"GOALSHEET_LOCALE": "en_GB"}
PEAK_MB = 600  # the bound on peak memory for any hostile file; the numbers seen are far less
DEPTH = 1_100
GOOD_CSV = "client,date,record,name,item,rater,value,weight\nC-0001,2026-11-02,diary,mood,,,7,\n"


# --- hostile files, made small --------------------------------------------------------------


def huge_png(path: Path, side: int = 30_000) -> Path:
    """A black 1-bit PNG of side x side pixels, every row present (about 110 KB)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    row = b"\x00" + bytes((side + 7) // 8)
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data)
                     + chunk(b"IEND", b""))  # fmt: skip
    return path


def huge_jpeg(path: Path, side: int = 30_000) -> Path:
    """A small real JPEG whose SOF header was changed to claim side x side pixels."""
    ok, encoded = cv2.imencode(".jpg", np.full((16, 16), 200, np.uint8))
    assert ok
    data = bytearray(encoded.tobytes())
    at = data.index(b"\xff\xc0")  # SOF0: marker, length, precision, height, width
    data[at + 5 : at + 9] = struct.pack(">HH", side, side)
    path.write_bytes(bytes(data))
    return path


def progressive_jpeg(path: Path, side: int = 10_000) -> Path:
    """A small full-colour (4:4:4) progressive JPEG whose SOF2 header claims side x side
    pixels: within the pixel cap, but libjpeg would hold every coefficient (6 bytes a
    pixel) before the first row came out."""
    from PIL import Image

    one = io.BytesIO()
    Image.new("RGB", (16, 16), (200, 190, 180)).save(one, format="JPEG", progressive=True,
                                                     subsampling=0)  # fmt: skip
    data = bytearray(one.getvalue())
    at = data.index(b"\xff\xc2")  # SOF2: marker, length, precision, height, width
    data[at + 5 : at + 9] = struct.pack(">HH", side, side)
    path.write_bytes(bytes(data))
    return path


def tiff_pages(path: Path, pages: int = 16, side: int = 10_000, rows: int = 50) -> Path:
    """`pages` white pages of side x side pixels (100 megapixels each), CCITT G4 in strips
    of `rows` rows (a scanner's or libtiff's way; `rows=side` is one strip a page). Every
    strip is the same few bytes, stored once, so the file stays a few KB."""
    from PIL import Image, TiffImagePlugin

    one = io.BytesIO()
    Image.new("1", (side, rows), 1).save(one, format="TIFF", compression="group4",
                                         strip_size=2**30)  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        with Image.open(one) as first:
            assert isinstance(first, TiffImagePlugin.TiffImageFile)
            (offset,), (count,) = first.tag_v2[273], first.tag_v2[279]
            photometric = first.tag_v2[262]
    strip = one.getvalue()[offset : offset + count]
    strip += b"\0" * (len(strip) % 2)
    strips = -(-side // rows)
    at_offsets = 8 + len(strip)  # the strips' offsets, then their byte counts, then the IFDs
    at_counts = at_offsets + 4 * strips
    first_ifd = at_counts + 4 * strips
    table = struct.pack(f"<{strips}I", *[8] * strips) + struct.pack(
        f"<{strips}I", *[count] * strips
    )
    if strips == 1:
        at_offsets, at_counts = 8, count  # one value: written in the entry itself
    # (tag, type: 3 SHORT or 4 LONG, how many, value or where the values are)
    tags = [(256, 4, 1, side), (257, 4, 1, side), (258, 3, 1, 1), (259, 3, 1, 4),
            (262, 3, 1, photometric), (273, 4, strips, at_offsets), (277, 3, 1, 1),
            (278, 4, 1, rows), (279, 4, strips, at_counts)]  # fmt: skip
    size = 2 + 12 * len(tags) + 4
    out = b"II*\0" + struct.pack("<I", first_ifd) + strip + table
    for page in range(pages):
        after = first_ifd + (page + 1) * size if page + 1 < pages else 0
        out += struct.pack("<H", len(tags))
        for tag, kind, many, value in tags:
            packed = struct.pack("<HH", value, 0) if kind == 3 else struct.pack("<I", value)
            out += struct.pack("<HHI", tag, kind, many) + packed
        out += struct.pack("<I", after)
    path.write_bytes(out)
    return path


def pdf(path: Path, pages: list[str]) -> Path:
    """A PDF by hand: each page is given by its dictionary's boxes."""
    kids = " ".join(f"{3 + n} 0 R" for n in range(len(pages)))
    objects = ["<< /Type /Catalog /Pages 2 0 R >>",
               f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>",
               *(f"<< /Type /Page /Parent 2 0 R {boxes} >>" for boxes in pages)]  # fmt: skip
    out = b"%PDF-1.4\n"
    offsets = []
    for number, text in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{text}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(out)
    return path


def huge_pdf(path: Path) -> Path:
    """333 bytes: one page of 14,400 x 14,400 points (200 x 200 inches)."""
    return pdf(path, ["/MediaBox [0 0 14400 14400]"])


def qr_png(path: Path, text: str) -> Path:
    import segno

    segno.make(text, error="l", micro=False).save(str(path), scale=6, border=4)
    return path


def deep_qr(path: Path) -> Path:
    return qr_png(path, "GS1:" + "[" * DEPTH + "]" * DEPTH)


def wrong_types_qr(path: Path) -> Path:
    """Our prefix and keys, but the page number and page count written as text."""
    return qr_png(path, 'GS1:{"f":"phq-9","l":1,"p":"a4","c":"C-0001","n":"1","t":"2"}')


def with_raw_manifest(src: Path, dst: Path, text: bytes) -> Path:
    """A copy of the fillable form `src` whose form map attachment is `text`, as is."""
    writer = PdfWriter(clone_from=src)
    names = writer.root_object["/Names"].get_object()
    assert isinstance(names, DictionaryObject)
    del names["/EmbeddedFiles"]
    writer.add_attachment("goalsheet-form.json", text)
    writer.write(dst)
    return dst


def deep_map(form: Path, dst: Path) -> Path:
    """The form's own map with one more key whose value nests DEPTH lists deep (written by
    hand: json.dumps itself would recurse too deeply)."""
    (data,) = PdfReader(form).attachments["goalsheet-form.json"]
    text = data.decode("utf-8").rstrip().removesuffix("}")
    deep = "[" * DEPTH + "]" * DEPTH
    return with_raw_manifest(form, dst, f'{text}, "note": {deep}}}'.encode())


# --- running goalsheet ----------------------------------------------------------------------

# The command runs with at most 4 GB of address space, so that a regression fails the test
# rather than exhausting the machine (301 pages decoded at once would take 30 GB). Pages are
# read by workers its fork server starts, which it does not wait for: their memory is
# counted by adding up, every 20 ms, the proportional set size of every process of its group
# (the resident size, a page shared by n processes counting 1/n in each).
MEASURE = """
import json, os, resource, subprocess, sys
def limit():
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))
def group_kb(group):
    total = 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as stat:
                if int(stat.read().rsplit(")", 1)[1].split()[2]) != group:
                    continue
            with open(f"/proc/{pid}/smaps_rollup") as sizes:  # shared pages counted once
                total += sum(int(line.split()[1]) for line in sizes if line.startswith("Pss:"))
        except (OSError, IndexError, ValueError):
            continue
    return total
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         preexec_fn=limit, start_new_session=True)
together = 0
while True:
    together = max(together, group_kb(child.pid))
    try:
        out, err = child.communicate(timeout=0.02)
        break
    except subprocess.TimeoutExpired:
        continue
peak = max(together, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"code": child.returncode, "out": out + err, "peak_kb": peak}))
"""


def measured(*args: str | Path) -> tuple[int, str, float]:
    """Exit code, output and peak memory in MB of the installed command in its own process:
    the largest resident size of it or any child it waited for (pdftoppm), or of all the
    processes of its group together (the workers reading pages), whichever is more."""
    import os

    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(GOALSHEET), *map(str, args)],
        capture_output=True, text=True, timeout=300, check=True,
        env={**os.environ, **ENV},
    )  # fmt: skip
    result = json.loads(done.stdout)
    return result["code"], result["out"], result["peak_kb"] / 1024


def cli(*args: str | Path) -> Result:
    return invoke(*args, env=ENV)


def entries(project: Project) -> dict[str, bytes]:
    folder = project.root / "goalsheets" / "C-0001" / "entries"
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def good_csv(project: Project) -> Path:
    return project.write("incoming/good.csv", GOOD_CSV)


def good_file_imported(project: Project, before: dict[str, bytes]) -> None:
    """The good CSV's one value is in a new entries file; no other file was added."""
    after = entries(project)
    assert {name: after[name] for name in before} == before
    (new,) = set(after) - set(before)
    data = yaml.safe_load(after[new])
    assert data["diary"] == {dt.date(2026, 11, 2): {"mood": 7}}


# --- scans: each hostile file, alone and in a batch ---------------------------------------

HOSTILE: dict[str, tuple[Callable[[Path], Path], str, tuple[str, ...]]] = {
    "png-30000-pixels": (huge_png, "huge.png",
                         ("huge.png, page 1", "30,000 x 30,000 pixels (900 megapixels)",
                          "more than the 200 megapixels", "150 to 300 dpi")),
    "jpeg-sof-30000-pixels": (huge_jpeg, "claims.jpg",
                              ("claims.jpg, page 1", "30,000 x 30,000 pixels", "150 to 300 dpi")),
    "jpeg-progressive-100-megapixels": (progressive_jpeg, "layers.jpg",
                                        ("layers.jpg, page 1", "10,000 x 10,000 pixels",
                                         "takes 700 MB to decode", "more than the 300 MB")),
    "pdf-200-inch-page": (huge_pdf, "poster.pdf",
                          ("poster.pdf, page 1", "200.0 x 200.0 inches (508 x 508 cm)",
                           "twice A3", "150 to 300 dpi")),
    "tiff-in-one-strip": (lambda path: tiff_pages(path, pages=2, rows=10_000), "strip.tiff",
                          ("strip.tiff, page 2", "10,000 x 10,000 pixels, stored in a way",
                           "takes 500 MB to decode", "150 to 300 dpi")),
    "qr-nested-1100-deep": (deep_qr, "deep-qr.png",
                            ("deep-qr.png, page 1", "cannot be read as a goalsheet page",
                             "nested too deeply")),
    "qr-of-wrong-types": (wrong_types_qr, "odd-qr.png",
                          ("odd-qr.png, page 1", "names a page goalsheet cannot have printed")),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_scan_alone_is_a_finding_and_nothing_is_written(
    project: Project, case: str
) -> None:
    build, name, words = HOSTILE[case]
    hostile = build(project.root / name)
    good = good_csv(project)
    before = entries(project)

    result = cli("import", hostile, good, "--project", project.root, "--as-of", AS_OF)

    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    for word in words:
        assert word in result.output, (word, result.output)
    assert "would add 1 value" in result.output  # the good file was read, not written
    assert "would add 1 values" not in result.output  # one value reads singular
    assert "--skip-invalid" in result.output
    assert entries(project) == before


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_with_skip_invalid_the_good_file_beside_it_imports_in_bounded_memory(
    project: Project, case: str
) -> None:
    build, name, words = HOSTILE[case]
    hostile = build(project.root / name)
    good = good_csv(project)
    before = entries(project)

    code, output, peak = measured("import", hostile, good, "--skip-invalid",
                                  "--project", project.root, "--as-of", AS_OF)  # fmt: skip

    assert code == 0, output
    assert "Traceback" not in output
    for word in words:
        assert word in output, (word, output)
    good_file_imported(project, before)
    assert peak < PEAK_MB, f"{case}: {peak:.0f} MB"


@pytest.mark.slow
def test_a_tiff_of_16_pages_of_100_megapixels_is_read_a_page_at_a_time(
    project: Project,
) -> None:
    """Decoded whole, it took 3.1 GB; a page at a time, it stays under PEAK_MB. Each page is
    read (and named: these are blank), and the good file beside it imports."""
    hostile = tiff_pages(project.root / "pages.tiff")
    assert hostile.stat().st_size < 200_000
    good = good_csv(project)
    before = entries(project)

    code, output, peak = measured("import", hostile, good, "--skip-invalid",
                                  "--project", project.root, "--as-of", AS_OF)  # fmt: skip

    assert code == 0, output
    assert "Traceback" not in output
    for page in range(1, 17):
        assert f"pages.tiff, page {page}: the page is blank" in output, output
    assert "page 17" not in output
    good_file_imported(project, before)
    assert peak < PEAK_MB, f"{peak:.0f} MB"


def test_tiff_pages_are_counted_from_their_headers_before_any_is_decoded(
    project: Project,
) -> None:
    """301 pages of 100 megapixels (30 GB decoded): refused by the count alone, at once."""
    hostile = tiff_pages(project.root / "many.tiff", pages=301)

    code, output, peak = measured("import", hostile, "--project", project.root,
                                  "--as-of", AS_OF)  # fmt: skip

    assert code == 1, output
    assert "Traceback" not in output
    assert "more than 300 pages (301+)" in output and "split it" in output
    assert peak < 300, f"{peak:.0f} MB"


def test_a_huge_media_box_behind_an_a4_crop_box_is_drawn_as_a4(project: Project) -> None:
    """pdfinfo reports the crop box; pdftoppm drew the media box (40,000 pixels square at
    200 dpi: 3 GB and a time-out). Drawn within its crop box, it is a blank A4 page."""
    hostile = pdf(project.root / "boxes.pdf",
                  ["/MediaBox [0 0 14400 14400] /CropBox [0 0 595 842]"])  # fmt: skip

    code, output, peak = measured("import", hostile, "--project", project.root,
                                  "--as-of", AS_OF)  # fmt: skip

    assert code == 1, output
    assert "Traceback" not in output
    assert "not made by goalsheet" in output and "too long" not in output
    assert peak < PEAK_MB, f"{peak:.0f} MB"


def test_a_huge_pdf_page_is_named_and_the_next_page_is_still_read(project: Project) -> None:
    hostile = pdf(project.root / "mixed.pdf",
                  ["/MediaBox [0 0 14400 14400]", "/MediaBox [0 0 595 842]",
                   "/MediaBox [0 0 595 84200]"])  # fmt: skip

    result = cli("import", hostile, "--project", project.root, "--as-of", AS_OF)

    assert result.exit_code == 1
    assert "mixed.pdf, page 1: the page is 200.0 x 200.0 inches" in result.output
    assert "mixed.pdf, page 2: the page is blank" in result.output
    assert "mixed.pdf, page 3: the page is 8.3 x 1,169.4 inches" in result.output


# --- a fillable form whose map nests 1,100 deep -------------------------------------------


@pytest.fixture(scope="module")
def diary_form(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """C-0001's fillable diary, as goalsheet makes it (for the conftest project's client)."""
    folder = tmp_path_factory.mktemp("form")
    maker = Project(folder / "practice")
    maker.write("goalsheet.yaml", "practice: {name: Test Practice}\n")
    maker.client(CLIENT)
    maker.entries(ENTRIES, name="e1.yaml")
    out = folder / "diary.pdf"
    result = cli("diary", "--client", "C-0001", "--start", "2026-11-09", "--fillable",
                 "-o", out, "--project", maker.root)  # fmt: skip
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("skip", [(), ("--skip-invalid",)], ids=["plain", "skip-invalid"])
def test_a_form_map_nested_1100_deep_is_a_finding_for_its_file(
    project: Project, diary_form: Path, skip: tuple[str, ...]
) -> None:
    """The map is the file's structure, so the file cannot be imported at all (GS408), as
    a damaged PDF cannot: the run goes on to list every other file; it writes nothing, or
    with --skip-invalid everything but that file (and still exits 1)."""
    hostile = deep_map(diary_form, project.root / "deep-map.pdf")
    good = good_csv(project)
    before = entries(project)

    result = cli("import", hostile, good, *skip, "--format", "json",
                 "--project", project.root, "--as-of", AS_OF)  # fmt: skip

    assert result.exit_code == 1, result.output
    files = {Path(f["file"]).name: f for f in json.loads(result.stdout)["files"]}
    (error,) = files["deep-map.pdf"]["errors"]
    assert error["code"] == "GS408"
    assert "nested more than 32 levels deep" in error["message"]
    assert "fill a fresh copy" in error["hint"]
    assert files["good.csv"]["added"] and not files["good.csv"]["errors"]
    if skip:
        written = [f for f in entries(project) if f not in before]
        assert len(written) == 1, written  # the good file's values, and nothing of the map
        assert "deep-map" not in written[0]
    else:
        assert entries(project) == before


def test_the_form_map_finding_in_text(project: Project, diary_form: Path) -> None:
    hostile = deep_map(diary_form, project.root / "deep-map.pdf")

    result = cli("import", hostile, "--project", project.root, "--as-of", AS_OF)

    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "deep-map.pdf\n  error: the PDF's goalsheet form map is nested more than 32" in (
        result.output
    )


# --- JSON and YAML nesting, at the reader -----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "[" * DEPTH + "]" * DEPTH,
        '{"a":' * DEPTH + "1" + "}" * DEPTH,
        "[" * 2_000_000,  # never closed: deeper than any stack
        "[" * 33 + "]" * 33,
        '{"fields": {"x": ' + "[" * 40 + "]" * 40 + "}}",
    ],
    ids=["lists-1100", "objects-1100", "open-2-million", "lists-33", "inside-a-map"],
)
def test_json_deeper_than_the_cap_is_a_value_error(text: str) -> None:
    from goalsheet.read.json_text import TooDeep, loads

    with pytest.raises(TooDeep):
        loads(text)


def test_json_within_the_cap_and_brackets_in_strings_are_read() -> None:
    from goalsheet.read.json_text import loads, nesting

    assert nesting(loads("[" * 32 + "]" * 32), 100) == 32
    assert loads('{"label": "[[[[[[[[{{{{{{{{"}') == {"label": "[[[[[[[[{{{{{{{{"}
    assert loads("3") == 3


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.floats(allow_nan=False)
    | st.sampled_from(["a4", "letter", "phq-9", "C-0001", "2026-11-02"]) | st.text(max_size=4),
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(st.text(max_size=3), children, max_size=3),
    max_leaves=8,
)  # fmt: skip
# Each key a value goalsheet could have printed, or anything JSON can say.
VALID = {"f": st.just("phq-9"), "l": st.integers(0, 2), "p": st.sampled_from(["a4", "letter"]),
         "c": st.sampled_from(["C-0001", None]), "n": st.integers(0, 3),
         "t": st.integers(0, 3), "s": st.just("2026-11-02"), "d": st.integers(1, 28),
         "h": st.text(max_size=4)}  # fmt: skip
PAYLOADS = st.fixed_dictionaries(
    {key: VALID[key] | JSON_VALUES for key in "flpcnt"},
    optional={**{key: VALID[key] | JSON_VALUES for key in "sdh"}, "x": JSON_VALUES},
)


@given(PAYLOADS)
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_goalsheet_qr_payload_is_a_payload_or_not_ours(data: dict[str, object]) -> None:
    """A QR code anyone can print with goalsheet's prefix and keys: a page, or NotOurs
    with a reason, never another exception; what is accepted has the right types."""
    from goalsheet.paper.scannable.payload import NotOurs, decode

    try:
        payload = decode("GS1:" + json.dumps(data))
    except NotOurs as refused:
        assert str(refused)
        return
    assert isinstance(payload.form, str) and payload.paper in ("a4", "letter")
    assert type(payload.page) is int and type(payload.pages) is int
    assert 1 <= payload.page <= payload.pages


def test_every_payload_field_has_its_type_checked() -> None:
    from dataclasses import fields

    from goalsheet.paper.scannable.payload import _TYPES, Payload

    assert set(_TYPES) == {spec.name for spec in fields(Payload)}


@pytest.mark.parametrize("fast", [True, False], ids=["libyaml", "pure-python"])
@pytest.mark.parametrize(
    "text",
    [
        "diary: " + "[" * DEPTH + "]" * DEPTH + "\n",
        "diary: " + "{a: " * DEPTH + "1" + "}" * DEPTH + "\n",
        "diary:\n  2026-11-02: " + "[{a: " * (DEPTH // 2) + "1" + "}]" * (DEPTH // 2) + "\n",
        "[" * DEPTH + "\n",
    ],
    ids=["flow-lists", "flow-maps", "block-then-flow", "never-closed"],
)
def test_yaml_nested_1100_deep_in_flow_style_is_a_finding(
    project: Project, run: Run, monkeypatch: pytest.MonkeyPatch, text: str, fast: bool
) -> None:
    from goalsheet.read import yaml_compose

    if not fast:  # the loader used where PyYAML was built without libyaml
        monkeypatch.setattr(yaml_compose, "_FAST", None)
    project.entries(text, name="deep.yaml")

    result = run("check", "--project", project.root)

    assert result.exit_code == 1
    assert "deep.yaml:" in result.output and "GS002" in result.output
    assert "nest" in result.output and "Traceback" not in result.output  # nested, nesting


def test_a_page_within_the_pixel_cap_is_still_read(project: Project) -> None:
    """The cap refuses pages over 200 megapixels, not large ones: a 12,000 x 9,000 photo
    (108 megapixels) of a blank page is decoded and read (and found blank)."""
    photo = project.root / "photo.jpg"
    assert cv2.imwrite(str(photo), np.full((9_000, 12_000), 235, np.uint8))

    code, output, peak = measured("import", photo, "--project", project.root, "--as-of", AS_OF)

    assert code == 1, output
    assert "photo.jpg, page 1: the page is blank" in output
    assert peak < PEAK_MB, f"{peak:.0f} MB"
