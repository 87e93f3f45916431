"""The worksheet library's thumbnails as files: made by the build from the blank PDF, a real
PNG of the size the library page states, kept when nothing changed, made again when the
worksheet changes, gone after --clean, and linked by --no-pdf only while the file is there."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from PIL import Image

from goalsheet.paper.plan import SheetJob
from goalsheet.pipeline.jobs import shard
from goalsheet.render.pdf import RenderError
from goalsheet.resources import builtin_dir
from goalsheet.site.thumbnails import ThumbnailJob, make, plan, size
from helpers.cli import Run
from helpers.project import Project

AS_OF = "2026-11-20"
SHEET = "goal-ladder"
PDF = f"site/worksheets/{SHEET}.pdf"
THUMBNAIL = f"site/worksheets/{SHEET}.png"
COUNT = 64  # shards: the one that holds the goal ladder's PDF makes little else


def _shard() -> str:
    """The shard (of COUNT) that holds the goal ladder's blank PDF, and so its thumbnail."""
    index = int(hashlib.sha256(PDF.encode()).hexdigest(), 16) % COUNT + 1
    return f"{index}/{COUNT}"


def _build(run: Run, project: Project, *extra: str) -> str:
    result = run("build", "--as-of", AS_OF, "--project", project.root, *extra)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.slow
def test_a_thumbnail_is_made_kept_remade_and_cleaned(run: Run, project: Project) -> None:
    _build(run, project, "--shard", _shard())
    thumbnail = project.root / THUMBNAIL
    assert (project.root / PDF).is_file()
    with Image.open(thumbnail) as picture:  # a real reader: Pillow decodes every pixel
        picture.load()
        assert picture.format == "PNG"
        assert picture.size == (240, 339)  # A4, as the library's width/height say
        darkest, lightest = picture.convert("L").getextrema()
        assert darkest < 100 and lightest > 200, (darkest, lightest)  # lines on paper
    assert thumbnail.stat().st_size < 20_000
    first = thumbnail.stat().st_mtime_ns
    before = thumbnail.read_bytes()

    output = _build(run, project, "--shard", _shard())
    assert thumbnail.stat().st_mtime_ns == first, output  # nothing changed: not made again
    assert re.search(r"Built 0 of 0 files", output), output

    # The practice changes the worksheet: its PDF and its thumbnail are made again.
    template = (builtin_dir("templates") / "worksheets" / f"{SHEET}.html.j2").read_text()
    marked = template.replace("{% block body %}", "{% block body %}<h1>CHANGED SHEET</h1>", 1)
    assert marked != template, "the goal ladder's template has no body block to change"
    project.write(f"templates/worksheets/{SHEET}.html.j2", marked)
    _build(run, project, "--shard", _shard())
    assert thumbnail.stat().st_mtime_ns != first
    assert thumbnail.read_bytes() != before

    # --no-pdf keeps it and the library shows it; --clean removes it with the PDFs.
    _build(run, project, "--no-pdf")
    assert thumbnail.is_file()
    library = (project.root / "site" / "worksheets.html").read_text()
    assert f'src="worksheets/{SHEET}.png" width="240" height="339" alt=""' in library
    _build(run, project, "--no-pdf", "--clean")
    assert not thumbnail.exists() and not (project.root / PDF).exists()
    library = (project.root / "site" / "worksheets.html").read_text()
    assert f"{SHEET}.png" not in library  # not linked when it is not there


@pytest.mark.slow
def test_letter_paper_and_a_landscape_sheet_fit_the_same_box(run: Run, project: Project) -> None:
    """Every thumbnail has the size the library states: a landscape worksheet (the ABC
    chart) is drawn inside a portrait box of the project's paper."""
    project.write("goalsheet.yaml", "practice: {name: Test Practice}\npaper: letter\n")
    pdf = "site/worksheets/abc-chart.pdf"
    index = int(hashlib.sha256(pdf.encode()).hexdigest(), 16) % COUNT + 1
    _build(run, project, "--shard", f"{index}/{COUNT}")
    with Image.open(project.root / "site/worksheets/abc-chart.png") as picture:
        picture.load()
        assert picture.size == (240, 311)  # US letter, portrait
        top = picture.convert("L").crop((0, 0, 240, 40)).getextrema()
        assert top == (255, 255), top  # the landscape page sits in the middle, paper above


def test_the_library_states_the_thumbnails_size_from_the_paper() -> None:
    assert size("a4") == (240, 339)
    assert size("letter") == (240, 311)


def test_a_thumbnail_goes_in_the_shard_of_its_pdf() -> None:
    sheets = [SheetJob(f"sheet-{n}", f"site/worksheets/sheet-{n}.pdf", "a4") for n in range(40)]
    private = SheetJob("sheet-1", "private/C-1/sheet-1-C-1.pdf", "a4", client="C-1")
    fillable = SheetJob("sheet-1", "site/worksheets/sheet-1-fillable.pdf", "a4", fillable=True)
    thumbnails = plan([*sheets, private, fillable])
    assert [t.output for t in thumbnails] == [f"site/worksheets/sheet-{n}.png" for n in range(40)]
    for index in range(1, 8):
        chosen = shard([*sheets, *thumbnails], index, 7)
        pdfs = {job.output for job in chosen if job.output.endswith(".pdf")}
        assert {job.source for job in chosen if job.output.endswith(".png")} == pdfs


def test_a_pdf_that_cannot_be_read_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7\nnot a pdf at all")
    job = ThumbnailJob(SheetJob("broken", "broken.pdf", "a4"), "broken.png")
    with pytest.raises(RenderError, match=r"broken\.pdf could not be read"):
        make(job, tmp_path)


@pytest.mark.slow
def test_a_worksheet_whose_pdf_fails_gets_no_thumbnail_and_says_why(
    run: Run, project: Project
) -> None:
    project.write(
        f"templates/worksheets/{SHEET}.html.j2",
        "{% extends 'print/base.html.j2' %}\n{% block body %}{{ no_such_thing.field }}{% endblock %}\n",
    )
    result = run("build", "--as-of", AS_OF, "--project", project.root, "--shard", _shard())
    assert result.exit_code != 0
    assert f"{SHEET} thumbnail" in result.output, result.output
    assert "not drawn: its PDF could not be made" in result.output, result.output
    assert "Traceback" not in result.output
    assert not (project.root / THUMBNAIL).exists()
