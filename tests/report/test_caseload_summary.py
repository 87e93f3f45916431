"""The caseload summary (issue 18): figures from hand-made progress dicts, its words and
charts, and the real PDF read back with poppler. De-identified throughout."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result

from goalsheet.compute.caseload import MAX_QUARTERS, SMALL_NUMBER, Share
from goalsheet.compute.caseload import caseload as caseload_figures
from goalsheet.compute.figures import GoalProgress, Progress, ReviewDates
from goalsheet.compute.outcomes import Outcome
from goalsheet.language.messages import using
from goalsheet.model.measures import GAD7, PHQ9, MeasureDefinition
from goalsheet.render.bar_chart import ShareBar, count_chart, share_chart
from goalsheet.report.summary_context import definitions, quarter_name, shown
from goalsheet.report.summary_json import summary_json as summary_of
from helpers.cli import invoke
from helpers.pdftools import text
from helpers.progress import critical_answer, made_progress
from helpers.project import REPO

Run = Callable[..., Result]
AS_OF = "2026-11-20"
CLIENT_ID = re.compile(r"\b[CY]-\d{4}\b")
SVG = "{http://www.w3.org/2000/svg}"
NONE = Outcome(None, None, None, None, None, None)


def outcome(case_first: bool, improved: bool, recovered: bool, worse: bool) -> Outcome:
    return Outcome(
        caseness_first=case_first,
        caseness_latest=case_first and not recovered,
        reliable_improvement=improved and not worse,
        reliable_deterioration=worse,
        recovery=recovered,
        reliable_recovery=recovered and improved and not worse,
    )


def client(
    started: str,
    result: Outcome | None = None,
    overdue: bool = False,
    critical: tuple[bool, ...] = (),
    name: str = "C-0999",
) -> Progress:
    """A client's figures as `compute.progress` makes them, with only what the caseload
    reads."""
    day = dt.date.fromisoformat(started)
    return made_progress(
        client=name,
        started=day,
        outcome=result or NONE,
        review=ReviewDates(None, day, overdue, "6 weeks"),
        critical=tuple(
            critical_answer(day, followed_up=None if is_open else day) for is_open in critical
        ),
        goals=(GoalProgress("g", "A goal", "active", has_data=True),),
    )


def caseload(reports: list[Progress], as_of: str) -> dict[str, Any]:
    """The summary JSON of hand-made figures."""
    return summary_of(caseload_figures(reports, as_of))


IMPROVED = outcome(case_first=True, improved=True, recovered=False, worse=False)
RECOVERED = outcome(case_first=True, improved=True, recovered=True, worse=False)
NOT_A_CASE = outcome(case_first=False, improved=True, recovered=False, worse=False)
WORSE = outcome(case_first=True, improved=False, recovered=False, worse=True)


# --- compute/caseload: pure figures --------------------------------------------------------


def test_quarters_run_from_the_first_to_the_last_with_empty_ones_as_zero() -> None:
    data = caseload(
        [
            client("2025-12-31", RECOVERED),
            client("2026-01-01", IMPROVED),
            client("2026-03-31", WORSE),
            client("2026-09-30"),
        ],
        AS_OF,
    )
    rows = {r["quarter"]: r for r in data["by_quarter"]}
    assert list(rows) == ["2025 Q4", "2026 Q1", "2026 Q2", "2026 Q3"]
    assert [r["first_day"] for r in data["by_quarter"]] == [
        "2025-10-01", "2026-01-01", "2026-04-01", "2026-07-01",
    ]  # fmt: skip
    q1 = rows["2026 Q1"]
    assert (q1["clients"], q1["with_outcome"], q1["improved"], q1["deteriorated"]) == (2, 2, 1, 1)
    assert (q1["recovered"], q1["reliably_recovered"]) == (0, 0)
    assert rows["2025 Q4"]["recovered"] == rows["2025 Q4"]["reliably_recovered"] == 1
    assert rows["2026 Q2"]["clients"] == 0
    assert rows["2026 Q2"]["shares"]["reliable_improvement"] == {
        "count": 0, "of": 0, "share": None, "small": True,
    }  # fmt: skip
    assert (rows["2026 Q3"]["clients"], rows["2026 Q3"]["with_outcome"]) == (1, 0)


def test_a_span_longer_than_the_cap_lists_only_quarters_with_clients() -> None:
    years = MAX_QUARTERS // 4 + 1
    data = caseload([client("2026-02-01"), client(f"{2026 - years}-02-01")], AS_OF)
    assert [r["quarter"] for r in data["by_quarter"]] == [f"{2026 - years} Q1", "2026 Q1"]


def test_recovery_is_a_share_of_the_cases_at_first_and_improvement_of_all_measured() -> None:
    data = caseload(
        [
            client("2026-09-01", RECOVERED),
            client("2026-09-01", IMPROVED),
            client("2026-09-01", NOT_A_CASE),
            client("2026-09-01", WORSE),
            client("2026-09-01"),  # no outcome: in no share of outcomes
        ],
        AS_OF,
    )
    shares = data["shares"]
    assert (data["with_outcome"], data["cases_first"]) == (4, 3)
    assert shares["reliable_improvement"] == {"count": 3, "of": 4, "share": 0.75, "small": True}
    assert shares["recovery"] == {"count": 1, "of": 3, "share": 0.333, "small": True}
    assert shares["reliable_recovery"]["count"] == 1
    assert shares["reliable_deterioration"] == {"count": 1, "of": 4, "share": 0.25, "small": True}
    # The keys scripts already read keep their meaning: both over the measured clients.
    assert (data["share_reliable_improvement"], data["share_recovery"]) == (0.75, 0.25)
    assert data["outcomes"]["reliable recovery"] == 1
    assert data["outcomes"]["not enough data"] == 1


def test_the_small_number_rule_turns_at_five_clients() -> None:
    assert SMALL_NUMBER == 5
    four = caseload([client("2026-09-01", IMPROVED) for _ in range(4)], AS_OF)
    five = caseload([client("2026-09-01", IMPROVED) for _ in range(5)], AS_OF)
    assert four["shares"]["reliable_improvement"]["small"] is True
    assert five["shares"]["reliable_improvement"] == {
        "count": 5, "of": 5, "share": 1.0, "small": False,
    }  # fmt: skip
    assert five["small_number"] == 5


def test_no_clients_means_no_shares_at_all() -> None:
    data = caseload([], AS_OF)
    assert data["clients"] == 0 and data["by_quarter"] == []
    assert all(s["share"] is None and s["of"] == 0 for s in data["shares"].values())
    assert data["share_recovery"] is None


def test_open_critical_answers_are_counted_by_client_and_follow_ups_clear_them() -> None:
    data = caseload(
        [
            client("2026-09-01", critical=(True, True)),  # two open answers, one client
            client("2026-09-01", critical=(False,)),  # followed up
            client("2026-09-01", critical=(False, True)),
            client("2026-09-01", overdue=True),
        ],
        AS_OF,
    )
    assert (data["critical_open"], data["critical_open_answers"]) == (2, 3)
    assert data["shares"]["critical_open"] == {"count": 2, "of": 4, "share": 0.5, "small": True}
    assert data["shares"]["reviews_overdue"]["count"] == data["reviews_overdue"] == 1


def test_the_figures_name_no_one() -> None:
    data = caseload([client("2026-09-01", IMPROVED, name="C-0142")], AS_OF)
    assert "C-0142" not in json.dumps(data)


# --- report/summary_context: the words -----------------------------------------------------


def share(count: int, of: int) -> Share:
    return Share(count, of)


def test_a_share_is_never_a_bare_percentage() -> None:
    with using("en_GB"):
        assert shown(share(3, 4)) == "3 of 4"
        assert shown(share(3, 5)) == "60% (3 of 5)"
        assert shown(share(0, 0)) == "no clients to count"
        assert shown(share(1234, 5000)) == "25% (1,234 of 5,000)"


def test_numbers_and_quarters_in_the_readers_language() -> None:
    with using("es_ES"):
        assert "12.345" in shown(share(12345, 20000))
        assert "62\u00a0%" in shown(share(12345, 20000))  # Spanish spaces it, unbroken
        assert quarter_name(dt.date(2026, 7, 1)) == "T3 2026"
    with using("en_GB"):
        assert quarter_name(dt.date(2026, 7, 1)) == "Q3 2026"


def test_definitions_read_each_measures_thresholds() -> None:
    stricter = PHQ9.model_copy(update={"cutoff": 12.0, "reliable_change": 7.0})
    custom = MeasureDefinition(
        id="CALM-5", title="Calm", items=5, item_max=4, cutoff=9, reliable_change=1
    )
    measures: dict[str, MeasureDefinition] = {"PHQ-9": stricter, "GAD-7": GAD7, "CALM-5": custom}
    with using("en_GB"):
        terms = dict(definitions(measures, SMALL_NUMBER))
    assert "PHQ-9 at 12 or more" in terms["Caseness"]
    assert "GAD-7 at 8 or more" in terms["Caseness"]
    assert "CALM-5 at 9 or more" in terms["Caseness"]
    assert "7 points on the PHQ-9" in terms["Reliable change"]
    assert "1 point on the CALM-5" in terms["Reliable change"]  # a real singular
    assert "PHQ-9 item 9 at 1 or more" in terms["Critical answer"]
    assert "fewer than 5 clients" in terms["Small numbers"]
    assert set(terms) >= {"Recovery", "Reliable improvement", "Reliable recovery",
                          "Reliable deterioration"}  # fmt: skip


def test_the_template_hard_codes_no_threshold() -> None:
    source = (REPO / "templates" / "report" / "summary.html.j2").read_text(encoding="utf-8")
    for threshold in ("10 or more", "8 or more", ">= 10", "6 points", "4 points"):
        assert threshold not in source


# --- render/bar_chart ----------------------------------------------------------------------


def test_share_chart_is_labelled_and_draws_no_bar_for_nobody() -> None:
    chart = share_chart(
        "s", "Shares", [ShareBar("Recovery", 3, 4, "3 of 4"), ShareBar("None", 0, 0, "nobody")]
    )
    root = ET.fromstring(chart.svg)
    assert root.get("role") == "img" and root.get("aria-labelledby") == "s-title s-desc"
    title, desc = list(root)[:2]
    assert (title.tag, title.text) == (f"{SVG}title", "Shares")
    assert desc.text == "Recovery: 3 of 4; None: nobody"
    assert chart.rows == (("Recovery", "3 of 4"), ("None", "nobody"))
    # one outlined bar (all 4) and one filled bar (the 3) for the share of 4; none for nobody
    styles = [p.get("style") or "" for p in root.iter(f"{SVG}path")]
    assert sum("stroke-width: 0.7" in style for style in styles) == 1
    assert sum(style.startswith("fill: #444444") for style in styles) == 1


def test_count_chart_tells_series_apart_without_colour() -> None:
    chart = count_chart(
        "q", "Quarters", ["Q3 2026", "Q4 2026"], [("started", [6, 1]), ("improved", [4, 0])]
    )
    assert '<title id="q-title">Quarters</title>' in chart.svg
    assert "Q3 2026: started 6, improved 4" in chart.description
    assert "<pattern" in chart.svg  # the second series is hatched, not only a different grey
    assert chart.rows == (("Q3 2026", "6", "4"), ("Q4 2026", "1", "0"))


@pytest.mark.slow
def test_charts_are_the_same_bytes_in_another_process() -> None:
    code = (
        "from goalsheet.render.bar_chart import ShareBar, count_chart, share_chart\n"
        "print(share_chart('s', 'S', [ShareBar('a', 1, 3, '1 of 3')]).svg)\n"
        "print(count_chart('q', 'Q', ['x', 'y'], [('a', [1, 2]), ('b', [2, 1])]).svg)\n"
    )
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        for _ in range(2)
    ]
    assert runs[0].stdout == runs[1].stdout
    here = share_chart("s", "S", [ShareBar("a", 1, 3, "1 of 3")]).svg
    assert here in runs[0].stdout


# --- the command: JSON, PDF and HTML of the demo ------------------------------------------


def summary_json(run: Run, as_of: str) -> dict[str, Any]:
    result = run("summary", "--format", "json", "--as-of", as_of, "--project", REPO)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.output)
    return data


def test_json_keeps_its_keys_and_gains_quarters_and_critical(run: Run) -> None:
    data = summary_json(run, AS_OF)
    assert {
        "as_of", "clients", "outcomes", "with_outcome", "share_reliable_improvement",
        "share_recovery", "reviews_overdue", "latest_flagged", "active_goals",
        "goals_without_data",
    } <= set(data)  # fmt: skip
    assert [(q["quarter"], q["clients"]) for q in data["by_quarter"]] == [
        ("2026 Q3", 6), ("2026 Q4", 1),
    ]  # fmt: skip
    assert sum(q["clients"] for q in data["by_quarter"]) == data["clients"]
    # C-0315's PHQ-9 of 2026-09-07 (item 9 at 1) has no follow-up yet.
    assert data["critical_open"] == 1
    assert data["shares"]["recovery"] == {"count": 3, "of": 4, "share": 0.75, "small": True}


def test_a_recorded_follow_up_takes_the_client_out_of_the_count(run: Run) -> None:
    # C-0315's first item-9 answer (2026-08-24) was followed up on 2026-08-25.
    assert summary_json(run, "2026-08-24")["critical_open"] == 1
    assert summary_json(run, "2026-09-01")["critical_open"] == 0


def identifying() -> set[str]:
    """Every demo client's ID, name, therapist and goal title."""
    found: set[str] = set()
    for sheet in (REPO / "goalsheets").glob("*/goalsheet.yaml"):
        data = yaml.safe_load(sheet.read_text(encoding="utf-8"))
        found.add(data["client"]["id"])
        found |= {data["client"][k] for k in ("name", "therapist") if data["client"].get(k)}
        found |= {g["title"] for g in data.get("goals") or []}
    return found


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("summary")
    for name in ("summary.pdf", "summary.html"):
        result = invoke("summary", "--as-of", AS_OF, "--project", REPO, "-o", folder / name,
                        "--format", name.split(".")[1], catch=True)  # fmt: skip
        assert result.exit_code == 0, result.output
    return folder / "summary.pdf", (folder / "summary.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_pdf_has_the_headings_definitions_and_shares(documents: tuple[Path, str]) -> None:
    pdf, _html = documents
    content = reading(pdf)
    for heading in (
        "Caseload summary",
        "Needs follow-up",
        "1 client has a critical answer awaiting follow-up.",
        "Outcomes at a glance (NHS Talking Therapies)",
        "By quarter of the first session",
        "Reviews, follow-up and goals",
        "Definitions used",
    ):
        assert heading in content, heading
    for threshold in ("PHQ-9 at 10 or more", "GAD-7 at 8 or more", "6 points on the PHQ-9",
                      "4 points on the GAD-7", "PHQ-9 item 9 at 1 or more"):  # fmt: skip
        assert threshold in content, threshold
    # Four clients with an outcome: counts, never a percentage of so few.
    assert "Recovery 3 of 4 clients who were a case at their first questionnaire" in content
    assert "75%" not in content and "100%" not in content
    assert "14% (1 of 7)" in content  # seven clients: a percentage, with its denominator
    assert "Q3 2026" in content and "Q4 2026" in content


@pytest.mark.slow
def test_outcome_table_is_not_split_across_pages(documents: tuple[Path, str]) -> None:
    pdf, _html = documents
    pages = int(re.search(r"Pages:\s+(\d+)", pdfinfo(pdf)).group(1))  # type: ignore[union-attr]
    on = [n for n in range(1, pages + 1) if "Not enough data" in text(pdf, n)]
    assert on and "All clients" in text(pdf, on[0])


@pytest.mark.slow
def test_the_demo_summary_is_two_pages_to_show(documents: tuple[Path, str]) -> None:
    pdf, _html = documents
    assert re.search(r"^Pages:\s+2$", pdfinfo(pdf), re.M)


def reading(pdf: Path) -> str:
    """The PDF's text in reading order (column by column), every run of spaces as one."""
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())


def pdfinfo(pdf: Path) -> str:
    return subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout


@pytest.mark.slow
def test_pdf_html_and_svg_name_no_one(documents: tuple[Path, str]) -> None:
    pdf, html = documents
    names = identifying()
    assert {"C-0142", "Y-0207", "Alex", "Sam Lee"} <= names
    svgs = re.findall(r"<svg\b.*?</svg>", html, flags=re.DOTALL)
    assert len(svgs) == 3
    for content in (text(pdf), html, *svgs):
        assert CLIENT_ID.findall(content) == []
        assert sorted(n for n in names if n in content) == []


@pytest.mark.slow
def test_every_chart_in_the_html_has_a_title_and_description(documents: tuple[Path, str]) -> None:
    _pdf, html = documents
    for svg in re.findall(r"<svg\b.*?</svg>", html, flags=re.DOTALL):
        root = ET.fromstring(svg)
        title, desc = list(root)[:2]
        assert title.tag == f"{SVG}title" and (title.text or "").strip()
        assert desc.tag == f"{SVG}desc" and (desc.text or "").strip()


def test_chart_counts_are_grouped_as_the_reader_groups_them() -> None:
    for locale, grouped in (("en_GB", "12,345"), ("es_ES", "12.345")):
        with using(locale):
            chart = count_chart("g", "G", ["Q1"], [("started", [12345])])
        assert grouped in chart.svg and grouped in chart.description, locale
        assert chart.rows == (("Q1", grouped),)


def test_an_empty_caseload_still_makes_a_summary_with_no_shares(run: Run, tmp_path: Path) -> None:
    (tmp_path / "goalsheet.yaml").write_text("practice: {name: New Practice}\n")
    out = tmp_path / "summary.html"
    result = run("summary", "--format", "html", "--project", tmp_path, "-o", out)
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "0 clients" in html and "No critical answer is awaiting follow-up." in html
    assert html.count("no clients to count") >= 4 and "%" not in re.sub(
        r"<style>.*?</style>", "", html, flags=re.DOTALL
    )
    assert "By quarter of the first session" not in html  # no quarters to show
