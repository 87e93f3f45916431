"""The handout PDFs as a client gets them: every built-in handout on two pages at most (A4
and Letter, English and Spanish), no heading left alone at the foot of a page, the
worksheet library's address printed (or no promise of one), and tap-to-call / tap-to-mail
links in the crisis box and the practice's contact. Real PDFs, read with poppler, qpdf and
pypdf; each project's handouts are made once for the module."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pypdf
import pytest
import yaml

from goalsheet.language.messages import _, using
from goalsheet.paper.catalogue import load_catalogue
from goalsheet.pipeline.runner import run_jobs
from goalsheet.project import load_project
from goalsheet.site import handouts
from goalsheet.site.plan import site_request
from helpers import pdftools
from helpers.project import REPO, TODAY

SITE_URL = "https://riverside.example/"
PRACTICE = "Riverside Talking Therapies (demo)"
# A page's footer ("Page 1 of 2", "Página 1 de 2") and its header (the practice's name)
# are not part of the text that could end a page.
PAGE_NUMBER = re.compile(r"^\S+ \d+ \S+ \d+$")


@dataclass(frozen=True)
class Built:
    """One project's handout PDFs: the project, its paper, and each PDF by page id."""

    root: Path
    paper: str
    locale: str
    pdfs: dict[str, Path]
    sources: dict[str, Path]

    def message(self, text: str) -> str:
        """A message of the handout template, in the project's language."""
        with using(self.locale):
            return _(text)


def _project(folder: Path, paper: str, spanish: bool, site_url: bool = True) -> Path:
    """The demo's content, branding and settings; `spanish`: the Spanish handouts are the
    project's own content, as `goalsheet init --locale es_ES` makes it."""
    folder.mkdir(parents=True)
    config = (REPO / "goalsheet.yaml").read_text(encoding="utf-8")
    config = config.replace("paper: a4", f"paper: {paper}")
    if not site_url:
        config = re.sub(r"(?m)^site_url:.*\n", "", config)
    content = REPO / "content"
    if spanish:
        config = config.replace("locale: en_GB", "locale: es_ES")
        content = content / "es"
    (folder / "goalsheet.yaml").write_text(config, encoding="utf-8")
    shutil.copytree(content, folder / "content")
    shutil.copytree(REPO / "branding", folder / "branding")
    return folder


def _make_handouts(root: Path, paper: str) -> Built:
    """Every handout's PDF, through the build's own jobs (two workers)."""
    project = load_project(root)
    with using(project.config.locale):
        request = site_request(project, load_catalogue(root), TODAY)
        jobs = handouts.plan(project, request.content.pages)
        results = run_jobs(root, list(jobs), workers=2, today=dt.date(2026, 11, 20))
    problems = [f"{r.job.label}: {r.error}" for r in results if not r.ok]
    assert not problems, problems
    pages = {page.id: page for page in request.content.pages}
    return Built(
        root,
        paper,
        project.config.locale,
        {job.page: root / job.output for job in jobs},
        {job.page: root / pages[job.page].source for job in jobs},
    )


@pytest.fixture(
    scope="module",
    # The demo publishes its Spanish handouts under es/ too; a Spanish practice (the Spanish
    # set as its own content, es_ES) on Letter, the shorter page, is the other case.
    params=[("a4", False), ("letter", False), ("letter", True)],
    ids=["demo-a4", "demo-letter", "spanish-letter"],
)
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    paper, spanish = request.param
    folder = tmp_path_factory.mktemp("handouts") / "practice"
    return _make_handouts(_project(folder, paper, spanish), paper)


def _library(page_id: str) -> str:
    """The library's address for a page: its language folder's library, else the site's."""
    folder = page_id.split("/")[0] if "/" in page_id else ""
    language = re.fullmatch(r"[a-z]{2}", folder) is not None
    return SITE_URL + (folder + "/" if language else "") + "worksheets.html"


def _headings(source: Path) -> list[str]:
    """The Markdown's h2 and h3 titles, as plain text."""
    text = source.read_text(encoding="utf-8")
    titles = re.findall(r"(?m)^#{2,3}\s+(.+?)\s*#*\s*$", text)
    return [re.sub(r"[*_`]|\[([^\]]*)\]\([^)]*\)", r"\1", title).strip() for title in titles]


def _worksheets(source: Path) -> list[str]:
    """The worksheets a page's front matter names."""
    front = source.read_text(encoding="utf-8").split("---", 2)[1]
    return list(yaml.safe_load(front).get("worksheets") or [])


def _uris(pdf: Path) -> set[str]:
    uris = set()
    for page in pypdf.PdfReader(pdf).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                uris.add(str(action["/URI"]))
    return uris


@pytest.mark.slow
def test_every_handout_fits_two_pages(built: Built) -> None:
    assert len(built.pdfs) >= 15
    long = {}
    for page_id, pdf in built.pdfs.items():
        info = pdftools.info(pdf)
        paper = "A4" if built.paper == "a4" else "letter"
        assert paper in info["Page size"], (page_id, info["Page size"])
        if int(info["Pages"]) > 2:
            long[page_id] = int(info["Pages"])
    assert not long, f"handouts longer than two pages on {built.paper}: {long}"


@pytest.mark.slow
def test_no_page_ends_with_a_heading(built: Built) -> None:
    stranded = []
    for page_id, pdf in built.pdfs.items():
        own = built.message("Worksheets that go with this page")
        headings = [*_headings(built.sources[page_id]), own]
        pages = int(pdftools.info(pdf)["Pages"])
        for number in range(1, pages):
            lines = [
                line.strip()
                for line in pdftools.text(pdf, number).splitlines()
                if line.strip() and not PAGE_NUMBER.match(line.strip())
            ]
            last = lines[-1]
            heading = any(last == h or (len(last) > 12 and h.endswith(last)) for h in headings)
            if heading or last.endswith(":"):  # a heading, or a line that opens a list/table
                stranded.append((page_id, number, last))
    assert not stranded


@pytest.mark.slow
def test_the_library_address_is_printed_and_the_pdf_is_sound(built: Built) -> None:
    for page_id, pdf in built.pdfs.items():
        assert pdftools.qpdf_ok(pdf), page_id
        words = pdftools.text(pdf)
        assert PRACTICE in words, page_id
        assert "the worksheet library" not in words, page_id
        local = [uri for uri in _uris(pdf) if not uri.startswith(("https:", "tel:", "mailto:"))]
        assert not local, (page_id, local)  # no link into the computer that made the PDF
        if _worksheets(built.sources[page_id]):
            assert _library(page_id) in re.sub(r"\s+", "", words), page_id
            assert _library(page_id) in _uris(pdf), page_id


@pytest.mark.slow
def test_the_crisis_number_and_the_contact_are_links(built: Built) -> None:
    for page_id, pdf in built.pdfs.items():
        uris = _uris(pdf)
        assert any(u.startswith("tel:") and u.endswith("1234567890") for u in uris), (page_id, uris)
        assert "mailto:hello@riverside.example" in uris, (page_id, uris)


@pytest.mark.slow
def test_without_a_site_address_no_download_is_promised(tmp_path: Path) -> None:
    root = _project(tmp_path / "practice", "a4", spanish=False, site_url=False)
    shutil.rmtree(root / "content")
    (root / "content").mkdir()
    shutil.copy(REPO / "content" / "smart-goals.md", root / "content" / "smart-goals.md")
    built = _make_handouts(root, "a4")
    words = pdftools.text(built.pdfs["smart-goals"])
    assert "Ask your therapist for these." in words
    assert "download" not in words.lower() and "http" not in words
