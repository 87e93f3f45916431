"""Client reports and the caseload summary as real documents (PDF and HTML), read back with
real tools. The demo project is copied and built once per session (helpers.demo); each other
document is rendered once per module and shared by the tests that read it."""

from __future__ import annotations

import datetime as dt
import json
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result

from helpers import pdftools
from helpers.cli import invoke as cli
from helpers.demo import AS_OF, built_demo, copy_demo
from helpers.pdftools import qpdf_ok, text
from helpers.project import REPO

pytestmark = pytest.mark.slow  # every test here takes more than ~2 s

Run = Callable[..., Result]
TODAY = dt.date.fromisoformat(AS_OF)
DEMO_CLIENTS = ("C-0142", "C-0315", "C-0388", "C-0421", "C-0456", "C-0512", "Y-0207")
REPORT_FILES = ("clinician.pdf", "clinician.html", "client.pdf", "client.html")
CLIENT_ID = re.compile(r"\b[CY]-\d{4}\b")
# Words a client would not use; none may reach a client's report.
JARGON = re.compile(
    r"(?<![\w-])(?:reliabl[ey]|caseness|deteriorat\w*|t-scores?|gas|gbo|bands?|cut-?offs?"
    r"|prorated|item ?9|clinical(?:ly)?)(?![\w-])",
    re.IGNORECASE,
)
# Anything that would make a viewer fetch from the network.
EXTERNAL = re.compile(
    r"""(?:\b(?:src|href|srcset)\s*=\s*["']?|url\(\s*["']?|@import\s+["']?)\s*"""
    r"""(?:[a-z][a-z0-9+.-]*:)?//""",
    re.IGNORECASE,
)


def flat(content: str) -> str:
    """Text with every run of whitespace (line breaks, layout columns) as one space."""
    return " ".join(content.split())


def sheet(root: Path, client: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(
        (root / "goalsheets" / client / "goalsheet.yaml").read_text(encoding="utf-8")
    )
    return loaded


def line_of(content: str, needle: str) -> int:
    """The 1-based number of the only line holding `needle`."""
    (number,) = [n for n, line in enumerate(content.splitlines(), start=1) if needle in line]
    return number


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def private_report(root: Path, client: str, kind: str) -> Path:
    return root / "private" / client / f"report-{client}-{kind}"


# --- reading HTML ---------------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@dataclass
class Svg:
    labelledby: list[str]
    children: list[tuple[str, str | None, str]] = field(default_factory=list)  # tag, id, text


@dataclass
class Table:
    section: str  # the <h2> it follows
    headers: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


class Page(HTMLParser):
    """The parts of a report page the tests look at: ids, references to ids, charts with their
    direct children, <details> and tables (headers and rows, under which heading)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.ids: list[str] = []
        self.references: list[str] = []
        self.svgs: list[Svg] = []
        self.details = 0
        self.tables: list[Table] = []
        self._svg_depth: int | None = None
        self._child: tuple[str, str | None, list[str]] | None = None
        self._h2: list[str] | None = None
        self._heading = ""
        self._cell: list[str] | None = None
        self._thead = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id") is not None:
            self.ids.append(str(a["id"]))
        for name in ("aria-labelledby", "aria-describedby"):
            self.references += (a.get(name) or "").split()
        if tag in VOID:
            return
        if tag == "svg" and self._svg_depth is None:
            self.svgs.append(Svg((a.get("aria-labelledby") or "").split()))
            self._svg_depth = len(self.open)
        elif self._svg_depth is not None and len(self.open) == self._svg_depth + 1:
            self._child = (tag, a.get("id"), [])
        if tag == "details":
            self.details += 1
        elif tag == "h2":
            self._h2 = []
        elif tag == "table":
            self.tables.append(Table(self._heading))
        elif tag == "thead":
            self._thead = True
        elif tag == "tr" and not self._thead and self.tables:
            self.tables[-1].rows.append([])
        elif tag in ("th", "td"):
            self._cell = []
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or tag not in self.open:
            return
        while self.open.pop() != tag:
            pass
        depth = len(self.open)
        if self._svg_depth is not None:
            if tag == "svg" and depth == self._svg_depth:
                self._svg_depth = None
            elif self._child is not None and depth == self._svg_depth + 1:
                name, ident, words = self._child
                self.svgs[-1].children.append((name, ident, flat("".join(words))))
                self._child = None
        if tag == "h2" and self._h2 is not None:
            self._heading = flat("".join(self._h2))
            self._h2 = None
        elif tag == "thead":
            self._thead = False
        elif tag in ("th", "td") and self._cell is not None and self.tables:
            cell = flat("".join(self._cell))
            table = self.tables[-1]
            if self._thead:
                table.headers.append(cell)
            elif table.rows:
                table.rows[-1].append(cell)
            self._cell = None

    def handle_data(self, data: str) -> None:
        for collector in (self._child[2] if self._child else None, self._h2, self._cell):
            if collector is not None:
                collector.append(data)


# --- documents, each made once --------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the demo project after `goalsheet build` (two processes), built once per
    session and shared (helpers.demo); read only."""
    demo = built_demo(tmp_path_factory)
    assert re.search(r"Built (\d+) of \1 files?[.;]", demo.output), demo.output
    return demo.root


@dataclass(frozen=True)
class Flagged:
    pdf: Path
    data: dict[str, Any]


FLAGGED_ENTRIES = """\
# The day before the report: a PHQ-9 with item 9 answered "several days".
measures:
  - {date: 2026-11-19, measure: PHQ-9, answers: [1, 1, 1, 1, 1, 0, 0, 0, 1]}
"""


@pytest.fixture(scope="module")
def flagged(tmp_path_factory: pytest.TempPathFactory) -> Flagged:
    """C-0315's clinician report (PDF and JSON) once its latest PHQ-9 has item 9 above 0."""
    base = tmp_path_factory.mktemp("flagged")
    root = copy_demo(base / "practice")
    entries = root / "goalsheets" / "C-0315" / "entries" / "2026-11-19-measures.yaml"
    entries.write_text(FLAGGED_ENTRIES, encoding="utf-8")
    pdf = base / "c0315.pdf"
    result = cli("report", "C-0315", "--as-of", AS_OF, "--project", root, "-o", pdf)
    assert result.exit_code == 0, result.output
    result = cli("report", "C-0315", "--format", "json", "--as-of", AS_OF, "--project", root)
    assert result.exit_code == 0, result.output
    return Flagged(pdf, json.loads(result.output))


BAD_FILE = "2026-11-18-bad.yaml"
BAD_ENTRIES = """\
# Bad input, on purpose: `check` names each line, a report leaves it out and says so.
measures:
  - {{date: 2026-11-18, measure: PHQ-9, answers: [1, 1, 1, 1, 1, 1, 1, 1]}}
  - {{date: 2026-11-18, measure: GAD-7, answers: [1, 1, 5, 1, 1, 1, 1]}}
ratings:
  - {{date: 2026-11-18, goal: {goal}, rater: grandma, gbo: 6}}
diary:
  2026-11-19: {{mood: 6}}
  2026-11-18: {{mood: 5}}
  2026-11-17: {{mood: 4}}
"""


@dataclass(frozen=True)
class BadInput:
    root: Path
    entries: str  # the bad entries file's text
    check: Result
    pdf: Path  # C-0142's clinician report
    data: dict[str, Any]  # the same, as JSON
    empty: Path  # C-0999's client report: a client with no entries


@pytest.fixture(scope="module")
def bad_input(tmp_path_factory: pytest.TempPathFactory) -> BadInput:
    base = tmp_path_factory.mktemp("bad")
    root = copy_demo(base / "practice")
    goal = sheet(root, "C-0142")["goals"][0]["id"]
    entries = BAD_ENTRIES.format(goal=goal)
    (root / "goalsheets" / "C-0142" / "entries" / BAD_FILE).write_text(entries, encoding="utf-8")
    new = root / "goalsheets" / "C-0999"
    new.mkdir()
    original = (root / "goalsheets" / "C-0421" / "goalsheet.yaml").read_text(encoding="utf-8")
    assert "id: C-0421" in original
    (new / "goalsheet.yaml").write_text(original.replace("C-0421", "C-0999"), encoding="utf-8")
    check = cli("check", "--as-of", AS_OF, "--project", root)
    pdf, empty = base / "c0142.pdf", base / "c0999-client.pdf"
    result = cli("report", "C-0142", "--as-of", AS_OF, "--project", root, "-o", pdf)
    assert result.exit_code == 0, result.output
    result = cli("report", "C-0142", "--format", "json", "--as-of", AS_OF, "--project", root)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    result = cli(
        "report", "C-0999", "--audience", "client", "--as-of", AS_OF, "--project", root,
        "-o", empty,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return BadInput(root, entries, check, pdf, data, empty)


BAND = "{min: 6, max: 10, label: some trouble}"


@dataclass(frozen=True)
class BadConfig:
    config: str  # goalsheet.yaml as edited
    check: Result
    report: Result
    pdf: Path


@pytest.fixture(scope="module")
def bad_config(tmp_path_factory: pytest.TempPathFactory) -> BadConfig:
    """The demo with SLEEP-4's bands leaving a gap (the middle band starts at 7, not 6)."""
    base = tmp_path_factory.mktemp("bands")
    root = copy_demo(base / "practice")
    config = (root / "goalsheet.yaml").read_text(encoding="utf-8")
    assert config.count(BAND) == 1
    config = config.replace(BAND, BAND.replace("min: 6", "min: 7"))
    (root / "goalsheet.yaml").write_text(config, encoding="utf-8")
    check = cli("check", "--as-of", AS_OF, "--project", root)
    pdf = base / "c0142.pdf"
    report = cli("report", "C-0142", "--as-of", AS_OF, "--project", root, "-o", pdf)
    return BadConfig(config, check, report, pdf)


# --- 1. the clinician's report ---------------------------------------------------------------


def test_clinician_pdf(built: Path) -> None:
    pdf = private_report(built, "C-0315", "clinician.pdf")
    assert qpdf_ok(pdf)
    assert qpdf_ok(private_report(built, "C-0315", "clinician-detail.pdf"))
    content = flat(text(private_report(built, "C-0315", "clinician-detail.pdf")))
    assert "Confidential · C-0315" in content
    assert "Risk: critical answers" in content
    assert "reliable recovery" in content
    assert "Review history" in content  # in the appendix
    for goal in sheet(REPO, "C-0315")["goals"]:
        assert goal["title"] in content
    # PHQ-9: 16 on the first administration, 7 on the latest
    assert re.search(
        r"PHQ-9: [^.]*First 16 \(24 August 2026\), latest 7 \(16 November 2026\): change -9",
        content,
    ), content
    assert "-9 from 16 on 24" in content  # "August 2026" is on the cell's next line
    first_page = flat(text(pdf, 1))
    assert "Risk: critical answers" in first_page
    # item 9 on 24 August was followed up; on 7 September it was not
    assert "Followed up on 25 August 2026 by Sam Lee" in first_page
    assert "Act today" in first_page
    assert "PHQ-9 item 9: 1 (Several days), on 7 September 2026:" in first_page


# --- 2. a flag on the latest questionnaire --------------------------------------------------


def test_latest_item9_is_urgent_on_the_first_page(flagged: Flagged) -> None:
    assert qpdf_ok(flagged.pdf)
    first_page = flat(text(flagged.pdf, 1))
    assert "PHQ-9 item 9: 1 (Several days), on 19 November 2026" in first_page
    assert first_page.index("Risk: critical answers") < first_page.index("Act today")


def test_latest_item9_comes_first_in_json(flagged: Flagged) -> None:
    first = flagged.data["attention"][0]
    assert (first["kind"], first["urgent"]) == ("critical", True)
    assert (first["measure"], first["date"], first["item"]) == ("PHQ-9", "2026-09-07", 9)
    assert ("PHQ-9", "2026-11-19", 9) in [
        (a.get("measure"), a.get("date"), a.get("item")) for a in flagged.data["attention"]
    ]


# --- 3. the client's report ------------------------------------------------------------------


def test_client_pdf_in_the_clients_words(built: Path) -> None:
    pdf = private_report(built, "Y-0207", "client.pdf")
    assert qpdf_ok(pdf)
    content = flat(text(pdf))
    assert sheet(REPO, "Y-0207")["client"]["goal_word"] == "hopes"
    assert "Your progress with your hopes" in content
    assert "Your hopes" in content
    assert not re.search(r"\bgoals?\b", content, re.IGNORECASE), "says goals, not hopes"
    assert "Going well" in content
    assert "Confidential · Y-0207" in content
    crisis = flat(
        yaml.safe_load((REPO / "goalsheet.yaml").read_text())["practice"]["crisis_line"]["en"]
    )
    first_sentence = crisis.split(".")[0]
    assert len(first_sentence) > 40 and first_sentence in content
    assert "01234 567890 (weekdays)" in crisis and "01234 567890 (weekdays)" in content


@pytest.mark.parametrize("client", DEMO_CLIENTS)
def test_client_pdf_has_no_jargon(built: Path, client: str) -> None:
    content = flat(text(private_report(built, client, "client.pdf")))
    assert content, "no text"
    assert JARGON.findall(content) == []


def test_client_html_shows_only_the_clients_own_ratings(built: Path) -> None:
    html = private_report(built, "Y-0207", "client.html").read_text(encoding="utf-8")
    page = Page(html)
    charts = [t for t in page.tables if t.headers and t.headers[0] == "Date"]
    assert len(charts) == 2  # one per hope with ratings
    assert all(t.headers == ["Date", "Your rating"] for t in charts)
    # the client's own ratings of each hope, none of the parent's or therapist's
    assert [t.rows for t in charts] == [
        [["17 September", "3"], ["15 October", "6"], ["12 November", "7"]],
        [["17 September", "2"], ["15 October", "5"], ["12 November", "6"]],
    ]
    for table in page.tables:
        assert not {"parent", "therapist"} & {h.lower() for h in table.headers}
    assert not re.search(r"\bparents?\b", html, re.IGNORECASE)
    for svg in re.findall(r"<svg\b.*?</svg>", html, re.DOTALL):
        assert "therapist" not in svg and "your rating" in svg


# --- 4. the clinician's HTML: accessible and self-contained ---------------------------------


@pytest.fixture(scope="module")
def youth_clinician_html(built: Path) -> str:
    return private_report(built, "Y-0207", "clinician.html").read_text(encoding="utf-8")


def test_clinician_html_charts_are_labelled(youth_clinician_html: str) -> None:
    page = Page(youth_clinician_html)
    assert len(page.svgs) == youth_clinician_html.count("<svg") >= 4
    assert youth_clinician_html.count('<svg role="img"') == len(page.svgs)
    for svg in page.svgs:
        titles = [(i, words) for tag, i, words in svg.children if tag == "title"]
        descs = [(i, words) for tag, i, words in svg.children if tag == "desc"]
        assert len(titles) == 1 and len(descs) == 1, svg.children
        (title_id, title), (desc_id, desc) = titles[0], descs[0]
        assert title and desc
        assert title_id and desc_id and svg.labelledby == [title_id, desc_id]


def test_clinician_html_ids_are_unique_and_resolve(youth_clinician_html: str) -> None:
    page = Page(youth_clinician_html)
    assert len(page.ids) > 2 * len(page.svgs) > 0  # chart titles, descriptions, sections
    duplicates = sorted({i for i in page.ids if page.ids.count(i) > 1})
    assert duplicates == []
    assert page.references and set(page.references) <= set(page.ids)
    # every in-page link and reference points at an id that exists
    for target in re.findall(r"""(?:href="#|url\(#)([^")]+)""", youth_clinician_html):
        assert target in page.ids, target


def test_clinician_html_rater_agreement(youth_clinician_html: str) -> None:
    page = Page(youth_clinician_html)
    (table,) = [t for t in page.tables if t.headers and t.headers[-1] == "Spread"]
    assert table.headers == ["Goal", "client", "parent", "therapist", "Spread"]
    assert ["Go to school for the whole day", "7", "3", "6", "4"] in table.rows


def test_clinician_html_has_data_tables_in_details(youth_clinician_html: str) -> None:
    page = Page(youth_clinician_html)
    assert page.details == len(page.svgs)  # the figures behind every chart
    assert youth_clinician_html.count("<summary>Figures behind this chart</summary>") == len(
        page.svgs
    )


def test_html_makes_no_external_requests(built: Path) -> None:
    pages = sorted((built / "private").rglob("*.html"))
    # two reports per client, the caseload summary and the attention list
    assert len(pages) == 2 * len(DEMO_CLIENTS) + 2
    for html in pages:
        content = html.read_text(encoding="utf-8")
        assert EXTERNAL.findall(content) == [], html.name
        assert not re.search(r"(?:src|href)=\"http|url\(http", content), html.name


# --- 5. bad input: named by check, left out of the report with a note -----------------------


def test_check_names_each_bad_line(bad_input: BadInput) -> None:
    result = bad_input.check
    assert result.exit_code == 1, result.output
    assert re.search(r"entries/[\w.-]+\.yaml:\d+:\d+", result.output)
    path = re.escape(f"goalsheets/C-0142/entries/{BAD_FILE}")
    for needle, words in (("PHQ-9", "PHQ-9"), ("GAD-7", "GAD-7"), ("grandma", "grandma")):
        line = line_of(bad_input.entries, needle)
        assert re.search(rf"^{path}:{line}:\d+: .*{words}", result.output, re.M), (
            f"line {line} ({needle}) not named:\n{result.output}"
        )


def test_report_says_what_it_could_not_use(bad_input: BadInput) -> None:
    assert qpdf_ok(bad_input.pdf)
    content = flat(text(bad_input.pdf))
    assert "Data this report could not use" in content
    assert "PHQ-9 on 2026-11-18: 8 answers for 9 questions" in content
    assert "GAD-7 on 2026-11-18: answer to item 3 is outside 0 to 3" in content
    assert "grandma" in content
    # the PHQ-9 and GAD-7 of 2026-11-17 stay the latest scored ones
    assert re.search(r"PHQ-9 +5 \(mild\) +-6 from 11 on 8", content), content
    # the PHQ-9 of 2026-11-18 has 8 answers: which one is item 9 cannot be told, so ask
    assert "item 9 could not be read: ask today" in content


def test_diary_rows_in_any_order_are_all_used(bad_input: BadInput, run: Run) -> None:
    demo = run("report", "C-0142", "--format", "json", "--as-of", AS_OF, "--project", REPO)
    assert demo.exit_code == 0, demo.output

    def mood_days(data: dict[str, Any]) -> int:
        (mood,) = [t for t in data["trends"] if t["tracker"] == "mood"]
        return int(mood["days"])

    assert mood_days(bad_input.data) == mood_days(json.loads(demo.output)) + 3


def test_client_with_nothing_recorded(bad_input: BadInput) -> None:
    assert qpdf_ok(bad_input.empty)
    content = flat(text(bad_input.empty))
    assert "Confidential · C-0999" in content
    assert "There is nothing recorded yet to look back on" in content


def test_bad_custom_measure_is_named_but_reports_still_build(bad_config: BadConfig) -> None:
    check = bad_config.check
    assert check.exit_code == 1, check.output
    found = re.search(r"^goalsheet\.yaml:(\d+):\d+: .*", check.output, re.M)
    assert found, check.output
    assert "band" in found.group(0)
    line = int(found.group(1))
    assert (
        line_of(bad_config.config, "id: SLEEP-4")
        <= line
        <= line_of(bad_config.config, "label: some trouble")
    )
    assert bad_config.report.exit_code == 0, bad_config.report.output
    assert qpdf_ok(bad_config.pdf)
    practice = yaml.safe_load(bad_config.config)["practice"]["name"]
    assert practice == "Riverside Talking Therapies (demo)"
    header = next(line for line in text(bad_config.pdf, 1).splitlines() if line.strip())
    assert header.strip().startswith(practice)
    content = flat(text(bad_config.pdf))
    assert re.search(r"Data this report could not use .*SLEEP-4", content)


# --- 6. goalsheet build -----------------------------------------------------------------------


def test_build_writes_every_report_privately(built: Path) -> None:
    private = built / "private"
    assert mode(private) == 0o700
    folders = sorted(p.name for p in private.iterdir() if p.is_dir())
    assert folders == sorted(DEMO_CLIENTS)
    for client in folders:
        assert mode(private / client) == 0o700
        for kind in REPORT_FILES:
            path = private_report(built, client, kind)
            assert path.is_file(), path
            assert path.stat().st_size > 0 and mode(path) == 0o600, path
            start = path.read_bytes()[:15]
            assert (
                start.startswith(b"%PDF-") if kind.endswith(".pdf") else start == b"<!DOCTYPE html>"
            )
    for medium in ("pdf", "html"):
        summary = private / f"caseload-summary.{medium}"
        assert summary.stat().st_size > 0 and mode(summary) == 0o600
    assert qpdf_ok(private / "caseload-summary.pdf")


def test_caseload_summary_is_de_identified(built: Path) -> None:
    private = built / "private"
    pdf_text = flat(text(private / "caseload-summary.pdf"))
    html = (private / "caseload-summary.html").read_text(encoding="utf-8")
    assert "Caseload summary" in pdf_text and "Caseload summary" in html
    identifying: set[str] = set()
    for client in DEMO_CLIENTS:
        data = sheet(built, client)
        identifying |= {g["title"] for g in data.get("goals") or []}
        identifying |= {data["client"][k] for k in ("name", "therapist") if k in data["client"]}
    assert len(identifying) > 10
    for content in (pdf_text, html, flat(html)):
        assert CLIENT_ID.findall(content) == []
        assert sorted(i for i in identifying if i in content) == []


# --- 7. the summary's figures agree with its JSON ---------------------------------------------


def test_summary_pdf_matches_json(built: Path, run: Run, tmp_path: Path) -> None:
    result = run("summary", "--format", "json", "--as-of", AS_OF, "--project", built)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["clients"] == len(DEMO_CLIENTS)
    pdf = tmp_path / "summary.pdf"
    result = run("summary", "--as-of", AS_OF, "--project", built, "-o", pdf)
    assert result.exit_code == 0, result.output
    assert mode(pdf) == 0o600
    content = text(pdf)
    shown = re.search(r"^\s*All clients\s+(\d+)\s*$", content, re.M)
    assert shown and int(shown.group(1)) == data["clients"]
    for category, count in data["outcomes"].items():
        row = re.search(rf"^\s*{re.escape(category.capitalize())}\s+(\d+)\s*$", content, re.M)
        assert row and int(row.group(1)) == count, category
    overdue = re.search(r"^\s*Reviews overdue\s+(\d+)\s*$", content, re.M)
    assert overdue and int(overdue.group(1)) == data["reviews_overdue"]
    assert content == text(built / "private" / "caseload-summary.pdf")  # same as the build's


# --- 8. default output names -----------------------------------------------------------------


def test_report_default_name_is_private_in_the_working_folder(
    built: Path, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    result = run("report", "C-0388", "--as-of", AS_OF, "--project", built)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in here.iterdir()) == ["report-C-0388-clinician.pdf"]
    pdf = here / "report-C-0388-clinician.pdf"
    assert mode(pdf) == 0o600
    assert qpdf_ok(pdf)
    assert "Progress report · C-0388" in flat(text(pdf, 1))
    assert not (built / "report-C-0388-clinician.pdf").exists()


def test_client_report_never_promises_a_past_review(built: Path) -> None:
    content = flat(text(private_report(built, "C-0456", "client.pdf")))
    section = re.search(r"What happens next (.*?)(?:If you need help now|$)", content)
    assert section
    months = "January|February|March|April|May|June|July|August|September|October|November|December"
    dates = [
        dt.datetime.strptime(d, "%d %B %Y").date()
        for d in re.findall(rf"\b\d{{1,2}} (?:{months}) \d{{4}}\b", section.group(1))
    ]
    # C-0456's review was due on 21 September: the report says it is due soon, not a date.
    assert all(d >= TODAY for d in dates), dates
    assert "soon, at one of your next sessions" in section.group(1)


def test_no_client_name_in_any_private_file_name_title_or_text(built: Path) -> None:
    """The demo practice does not opt in to names: a client's name is in none of their
    files' names, PDF titles and metadata, or text; every report says "Confidential"."""
    names = {
        str(data["client"]["name"])
        for sheet in (built / "goalsheets").glob("*/goalsheet.yaml")
        if (data := yaml.safe_load(sheet.read_text())) and data["client"].get("name")
    }
    assert names  # the demo has a named client, so the test can fail
    for path in (built / "private").rglob("*"):
        if not path.is_file():
            continue
        assert not any(name in path.name for name in names), path
        if path.suffix == ".pdf":
            meta = " ".join(pdftools.info(path).values())
            content = pdftools.text(path)
            assert not any(name in meta for name in names), (path, meta)
            assert not any(re.search(rf"\b{re.escape(name)}\b", content) for name in names), path
            if "report-" in path.name:  # C-0512's reports are in Spanish
                assert "Confidential" in content or "Confidencial" in content, path
