"""Page layout of the demo clients' reports, read back from the PDFs with poppler.

Every demo client's report, for both audiences (and the clinician's with its appendix), on
A4 and on letter, is built once per module, two at a time. Then, per PDF:
- each chart's caption and each table caption is on the page of the heading before it;
- no page ends with a heading;
- the clinician report without --detail is at most 3 pages; with it, the appendix starts
  a page of its own.
Headings and captions are found by their text: the HTML the PDF is made from says which
they are, `pdftotext -layout` says on which page each one is.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import subprocess
from concurrent.futures import ProcessPoolExecutor
from html.parser import HTMLParser
from pathlib import Path

import pytest

from goalsheet.language.messages import using
from goalsheet.project import Project, load_project
from goalsheet.render.environment import template_dirs
from goalsheet.render.pdf import html_to_pdf
from goalsheet.render.template import render_template
from goalsheet.report.context import ReportRequest, report_context
from goalsheet.report.document import TEMPLATES
from goalsheet.report.figures import client_progress
from goalsheet.report.names import Audience
from goalsheet.resources import builtin_dir
from helpers.project import REPO, TODAY

pytestmark = pytest.mark.slow  # every test here takes more than ~2 s

CLIENTS = sorted(
    p.name for p in (REPO / "goalsheets").iterdir() if (p / "goalsheet.yaml").is_file()
)
PAPERS = ("a4", "letter")
KINDS = ("clinician", "clinician-detail", "client")
MAX_MAIN_PAGES = 3
OUTLINE_TAGS = frozenset({"h1", "h2", "h3", "h4", "figcaption", "caption"})
KEY_CHARS = 40  # a heading or caption is found by its first words, up to this many characters


@dataclasses.dataclass(frozen=True)
class Case:
    client: str
    kind: str
    paper: str

    @property
    def name(self) -> str:
        return f"{self.client}-{self.kind}-{self.paper}"


@dataclasses.dataclass(frozen=True)
class Made:
    pdf: Path
    html: str


_projects: dict[str, Project] = {}


def _make(case: Case, folder: Path) -> Made:
    """The report's HTML, and its PDF made from it as `goalsheet report` makes it."""
    if case.paper not in _projects:
        project = load_project(REPO)
        config = project.config.model_copy(update={"paper": case.paper})
        _projects[case.paper] = dataclasses.replace(project, config=config)
    project = _projects[case.paper]
    client = project.client(case.client)
    assert client is not None and client.sheet is not None
    audience: Audience = "client" if case.kind == "client" else "clinician"
    request = ReportRequest(audience, "pdf", TODAY, detail=case.kind == "clinician-detail")
    pdf = folder / f"{case.name}.pdf"
    with using(client.sheet.client.locale or project.config.locale):
        figures = client_progress(project, client, TODAY)
        context = report_context(request, figures, client.sheet, project.config, project.measures)
        html = render_template(project.root, TEMPLATES[audience], context)
        roots = [*template_dirs(project.root), project.root]
        pdf.write_bytes(html_to_pdf(html, base_url=builtin_dir("templates"), roots=roots))
    return Made(pdf, html)


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[Case, Made]:
    folder = tmp_path_factory.mktemp("layout")
    cases = [Case(c, k, p) for c in CLIENTS for k in KINDS for p in PAPERS]
    with ProcessPoolExecutor(max_workers=2) as pool:
        made = pool.map(_make, cases, [folder] * len(cases))
        return dict(zip(cases, made, strict=True))


class _Outline(HTMLParser):
    """The headings and captions of a report's HTML, in document order: (kind, id, text)."""

    def __init__(self) -> None:
        super().__init__()
        self.items: list[tuple[str, str, str]] = []
        self._open: list[tuple[str, str, list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag in OUTLINE_TAGS and "sr-only" not in (found.get("class") or ""):
            self._open.append((tag, found.get("id") or "", []))

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1][0] == tag:
            kind, ident, parts = self._open.pop()
            self.items.append((kind, ident, _flat("".join(parts))))

    def handle_data(self, data: str) -> None:
        for _tag, _id, parts in self._open:
            parts.append(data)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _key(text: str) -> str:
    """The first words of a heading or caption: enough to find it, short enough to stay on
    one line of `pdftotext -layout` even beside another column."""
    if len(text) <= KEY_CHARS:
        return text
    return text[:KEY_CHARS].rsplit(" ", 1)[0]


@functools.cache
def _pages(pdf: Path) -> list[list[str]]:
    """Each page's body lines (the running header and footer lines left out). Read once."""
    out = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = []
    for page in out.split("\f"):
        lines = [_flat(line) for line in page.splitlines() if line.strip()]
        if lines:
            pages.append(lines[1:-1])  # the margin boxes: practice and mark; date and page
    return pages


def _placed(made: Made) -> list[tuple[str, str, str, int]]:
    """Every heading and caption with the page (1-based) it is on, in document order. A
    heading starts a line of its own (its words may be quoted elsewhere, e.g. a goal's
    title in a list); a caption may sit beside another column."""
    outline = _Outline()
    outline.feed(made.html)
    lines = _pages(made.pdf)
    pages = [_flat(" ".join(page)) for page in lines]
    placed = []
    page = 0
    for kind, ident, text in outline.items:
        if not text:
            continue
        key = _key(text)

        def here(p: int, kind: str = kind, text: str = text, key: str = key) -> bool:
            if kind.startswith("h"):
                return any(line and text.startswith(line) for line in lines[p])
            return key in pages[p]

        found = next((p for p in range(page, len(pages)) if here(p)), None)
        assert found is not None, f"{made.pdf.name}: {kind} “{key}” not found from page {page + 1}"
        page = found
        placed.append((kind, ident, text, page + 1))
    return placed


CASES = [Case(c, k, p) for c in CLIENTS for k in KINDS for p in PAPERS]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_every_chart_and_table_caption_is_on_its_headings_page(
    reports: dict[Case, Made], case: Case
) -> None:
    heading: tuple[str, int] | None = None
    captions = 0
    for kind, _ident, text, page in _placed(reports[case]):
        if kind.startswith("h"):
            heading = (text, page)
            continue
        captions += kind == "figcaption"
        assert heading is not None, f"{case.name}: “{text}” has no heading before it"
        assert page == heading[1], (
            f"{case.name}: “{_key(text)}” is on page {page}, its heading “{heading[0]}” "
            f"on page {heading[1]}"
        )
    assert captions == reports[case].html.count("<figcaption")  # every chart was looked at


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_no_page_ends_with_a_heading(reports: dict[Case, Made], case: Case) -> None:
    outline = _Outline()
    outline.feed(reports[case].html)
    headings = [_flat(t) for k, _i, t in outline.items if k.startswith("h") and t]
    pages = _pages(reports[case].pdf)
    for number, lines in enumerate(pages[:-1], start=1):
        last = lines[-1] if lines else ""
        ends = [h for h in headings if h == last or (len(last) > 8 and h.endswith(last))]
        assert not ends, f"{case.name}: page {number} ends with the heading “{ends[0]}”"


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("client", CLIENTS)
def test_clinician_report_is_at_most_three_pages_and_says_how_to_get_the_detail(
    reports: dict[Case, Made], client: str, paper: str
) -> None:
    main = reports[Case(client, "clinician", paper)]
    pages = _pages(main.pdf)
    assert len(pages) <= MAX_MAIN_PAGES, f"{client} on {paper}: {len(pages)} pages"
    assert f"goalsheet report {client} --detail" in " ".join(pages[-1])
    assert 'id="appendix"' not in main.html


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("client", CLIENTS)
def test_the_appendix_starts_a_page_and_holds_the_rest(
    reports: dict[Case, Made], client: str, paper: str
) -> None:
    detail = reports[Case(client, "clinician-detail", paper)]
    placed = _placed(detail)
    (appendix,) = [(text, page) for _k, ident, text, page in placed if ident == "appendix"]
    title, page = appendix
    assert _pages(detail.pdf)[page - 1][0] == title  # the first line of its page
    main_pages = len(_pages(reports[Case(client, "clinician", paper)].pdf))
    assert page == main_pages + 1 or page == main_pages  # the detail line gives way to it
    assert "--detail" not in " ".join(" ".join(p) for p in _pages(detail.pdf))
    review_history = [t for _k, ident, t, p in placed if ident == "reviews" and p >= page]
    assert review_history, f"{client}: the review history is not in the appendix"
