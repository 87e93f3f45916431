"""The clinician report's first page, item table and appendix, end to end through the CLI.

A one-client project gets a PHQ-9 with item 9 answered, GBO ratings by two raters and a
review; the PDFs are read back with poppler's pdftotext (page 1 on its own), the HTML with
the standard library's parser where markup matters (markers, bold).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from goalsheet.project import load_project
from goalsheet.report.clinician_summary import GBO_RELIABLE
from goalsheet.report.plan import plan as plan_reports
from helpers.pdftools import info
from helpers.pdftools import text as pdf_text
from helpers.project import Project

AS_OF = "2026-11-20"

SHEET = """\
client:
  id: C-0001
  started: 2026-09-01
  therapist: Sam Lee
  raters: [client, therapist]
goals:
  - id: walks
    title: Walk in the park three times a week
    status: active
trackers:
  - {id: mood, label: Mood, kind: rating, min: 1, max: 10}
"""

ANSWERS = """\
measures:
  - {date: 2026-09-07, measure: PHQ-9, answers: [2, 2, 2, 2, 1, 1, 1, 1, 0]}
  - {date: 2026-11-02, measure: PHQ-9, answers: [1, 1, 1, 1, 1, 0, 0, 0, 2]}
  - {date: 2026-09-07, measure: GAD-7, answers: [2, 2, 1, 1, 1, 1, 1]}
  - {date: 2026-11-02, measure: GAD-7, answers: [1, 1, 1, 1, 0, 0, 0]}
ratings:
  - {date: 2026-09-07, goal: walks, rater: client, gbo: 2}
  - {date: 2026-11-02, goal: walks, rater: client, gbo: 6}
  - {date: 2026-09-07, goal: walks, rater: therapist, gbo: 3}
  - {date: 2026-11-02, goal: walks, rater: therapist, gbo: 5}
reviews:
  - {date: 2026-11-02, progress: steady, in_the_way: Night shifts two weeks running}
"""

FOLLOW_UP = """\
follow_ups:
  - {date: 2026-11-03, answer_date: 2026-11-02, measure: PHQ-9, by: Sam Lee,
     note: Phoned; passing thoughts and no plan; safety plan reviewed}
"""


@pytest.fixture
def client(project: Project) -> Project:
    project.client(SHEET)
    project.entries(ANSWERS, name="e1.yaml")
    return project


def _report(run: Callable[..., Result], project: Project, *options: str) -> Path:
    suffix = "html" if "html" in options else "pdf"
    out = project.root / f"report{'-'.join(options)}.{suffix}"
    result = run("report", "C-0001", "--as-of", AS_OF, "--project", project.root, "-o", out,
                 *options)  # fmt: skip
    assert result.exit_code == 0, result.output
    return out


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _page_one_html(run: Callable[..., Result], project: Project) -> str:
    """The HTML report's first part (before the item tables), tags out, spaces flattened."""
    html = _report(run, project, "--format", "html").read_text(encoding="utf-8")
    first = html[: html.index("Questionnaires: scores and item answers")]
    return _flat(re.sub(r"<[^>]+>", " ", first)).replace(" .", ".")


@pytest.mark.slow
def test_an_open_critical_answer_comes_first_on_page_one_with_what_to_do(
    run: Callable[..., Result], client: Project
) -> None:
    page1 = _flat(pdf_text(_report(run, client), page=1))
    assert page1.index("Risk: critical answers") < page1.index("Questionnaires")
    assert "Act today" in page1
    assert "PHQ-9 item 9: 2 (More than half the days), on 2 November 2026:" in page1
    assert "thoughts of being better off dead or of self-harm: follow up today." in page1
    assert "follow_ups (date, by, note)" in page1  # how to record it
    assert "Followed up" not in page1


@pytest.mark.slow
def test_a_followed_up_answer_stays_with_who_when_and_the_note(
    run: Callable[..., Result], client: Project
) -> None:
    client.entries(FOLLOW_UP, name="e2.yaml")
    page1 = _flat(pdf_text(_report(run, client), page=1))
    assert "Act today" not in page1
    assert "Followed up" in page1
    assert "PHQ-9 item 9: 2 (More than half the days), on 2 November 2026." in page1
    assert "Followed up on 3 November 2026 by Sam Lee: Phoned; passing thoughts" in page1


@pytest.mark.slow
def test_a_blank_critical_item_says_ask(run: Callable[..., Result], client: Project) -> None:
    client.entries(
        "measures:\n  - {date: 2026-11-09, measure: PHQ-9, answers: [1, 1, 1, 1, 1, 0, 0, 0, null]}\n",
        name="e3.yaml",
    )
    page1 = _flat(pdf_text(_report(run, client), page=1))
    assert "Act today" in page1
    assert "PHQ-9 on 9 November 2026: item 9 not answered: ask today" in page1


@pytest.mark.slow
def test_page_one_reads_each_measure_goal_and_review(
    run: Callable[..., Result], client: Project
) -> None:
    page1 = _page_one_html(run, client)
    # PHQ-9 12 -> 7 (-5, under the threshold of 6); GAD-7 9 -> 4 (-5, reliable at 4).
    assert re.search(
        r"GAD-7 4 \(minimal\) 2 November 2026 -5 from 9 on 7 September 2026 reliable at 4 "
        r"or more ▼ reliable improvement below the cut-off \(8\)",
        page1,
    )
    assert re.search(
        r"PHQ-9 7 \(mild\) 2 November 2026 -5 from 12 on 7 September 2026 reliable at 6 or "
        r"more no reliable change below the cut-off \(10\)",
        page1,
    )
    # PHQ-9 a case at first (12), neither above its cut-off at the latest: reliable recovery.
    assert "Outcome, first to latest (NHS Talking Therapies): reliable recovery" in page1
    # GBO: the client's +4 is reliable, the therapist's +2 is not.
    assert "client 2 6 +4 ✓ reliable" in page1
    assert re.search(r"therapist 3 5 \+2 (?!✓)", page1)
    assert f"a change of {GBO_RELIABLE} points or more counts as reliable" in page1
    assert "next due 14 December 2026 (every 6 weeks)" in page1
    assert "What got in the way: Night shifts two weeks running" in page1
    pdf1 = _flat(pdf_text(_report(run, client), page=1))  # and all of it on the PDF's page 1
    for words in ("no reliable change", "+4 ✓ reliable", "Night shifts two weeks running",
                  "next due 14 December 2026", "Outcome, first to latest"):  # fmt: skip
        assert words in pdf1


@pytest.mark.slow
def test_item_answers_first_and_latest_with_the_critical_item_marked_and_bold(
    run: Callable[..., Result], client: Project
) -> None:
    html = (_report(run, client, "--format", "html")).read_text(encoding="utf-8")
    rows = re.findall(r"<tr( class=\"critical\")?>\s*<th scope=\"row\" class=\"num\">(.*?)</tr>",
                      html, re.S)  # fmt: skip
    assert len(rows) == 9 + 7  # every item of both questionnaires
    critical = [cells for marked, cells in rows if marked]
    assert len(critical) == 1
    assert "⚠" in critical[0] and "<strong>(critical item)</strong>" in critical[0]
    assert "Thoughts that you would be better off dead" in critical[0]  # never shortened
    assert re.search(r'<td class="num">0</td>\s*<td class="num">2</td>', critical[0])
    assert "Trouble relaxing" in html and "Feeling nervous, anxious or…" in html
    assert "Trouble concentrating on…" in html  # the others are cut short
    pdf = _flat(pdf_text(_report(run, client)))
    assert "⚠ 9" in pdf and "critical item" in pdf


@pytest.mark.slow
def test_without_detail_the_report_is_short_and_says_how_to_get_the_appendix(
    run: Callable[..., Result], client: Project
) -> None:
    short = _report(run, client)
    assert int(info(short)["Pages"]) <= 3
    text = _flat(pdf_text(short))
    assert "goalsheet report C-0001 --detail" in text
    assert "Appendix: detail" not in text
    assert "Review history" not in text


@pytest.mark.slow
def test_detail_adds_the_appendix_on_a_page_of_its_own(
    run: Callable[..., Result], client: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(client.root)
    result = run("report", "C-0001", "--as-of", AS_OF, "--detail")
    assert result.exit_code == 0, result.output
    detail = client.root / "report-C-0001-clinician-detail.pdf"  # its own default name
    pages = int(info(detail)["Pages"])
    first = next(n for n in range(1, pages + 1) if "Appendix: detail" in pdf_text(detail, page=n))
    assert first > 1
    body = [line.strip() for line in pdf_text(detail, page=first).splitlines() if line.strip()]
    assert body[1] == "Appendix: detail"  # right under the running header
    rest = _flat(" ".join(pdf_text(detail, page=n) for n in range(first, pages + 1)))
    assert "Goal: Walk in the park three times a week" in rest
    assert "Review history" in rest and "Night shifts two weeks running" in rest
    assert "--detail" not in _flat(pdf_text(detail))


def test_build_plans_the_clinician_pdf_with_its_appendix_beside_the_short_one(
    client: Project,
) -> None:
    jobs = plan_reports(load_project(client.root), dt.date(2026, 11, 20))
    outputs = {job.output: job for job in jobs}
    short = outputs["private/C-0001/report-C-0001-clinician.pdf"]
    detail = outputs["private/C-0001/report-C-0001-clinician-detail.pdf"]
    assert not short.detail and detail.detail
    assert detail.label == "clinician report with appendix for C-0001"
    assert "private/C-0001/report-C-0001-client-detail.pdf" not in outputs


def test_the_report_json_gains_the_item_answers_and_keeps_its_keys(
    run: Callable[..., Result], client: Project
) -> None:
    result = run("report", "C-0001", "--as-of", AS_OF, "--project", client.root,
                 "--format", "json")  # fmt: skip
    figures = json.loads(result.output)
    phq = [m for m in figures["measures"] if m["measure"] == "PHQ-9"]
    assert [m["answers"] for m in phq] == [[2, 2, 2, 2, 1, 1, 1, 1, 0], [1, 1, 1, 1, 1, 0, 0, 0, 2]]
    assert set(phq[0]) == {
        "measure", "date", "total", "band", "flags", "answered", "prorated", "answers"
    }  # fmt: skip
