"""The internal attention list (`goalsheet attention`, and private/attention.* from `build`):
who needs contact and why, most urgent first, client IDs only. A critical answer leaves it
once followed up; deterioration, an overdue review and weeks without data keep a client on
it. Real PDFs are read with poppler. Every client and answer is fictional.
"""

from __future__ import annotations

import datetime as dt
import json
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from goalsheet.compute.caseload_attention import ClientState, caseload_attention, last_entry
from goalsheet.compute.figures import AttentionItem, Progress, ReviewDates
from goalsheet.model.entries import EntryFile
from helpers.progress import made_progress, measure_change
from helpers.project import CLIENT, REPO, Project

Run = Callable[..., Result]

AS_OF = "2026-11-20"
NAMED = CLIENT.replace("  id: C-0001\n", "  id: C-0001\n  name: Robin Quill\n")
# PHQ-9 from 2 to 14: a reliable deterioration (PHQ-9's threshold is 6); item 9 at 1.
WORSE = """\
measures:
  - {date: 2026-09-05, measure: PHQ-9, answers: [1, 1, 0, 0, 0, 0, 0, 0, 0]}
  - {date: 2026-11-12, measure: PHQ-9, answers: [2, 2, 2, 2, 2, 1, 1, 1, 1]}
"""
FOLLOW_UP = """\
follow_ups:
  - {date: 2026-11-13, answer_date: 2026-11-12, measure: PHQ-9, item: 9, by: Sam Lee,
     note: phoned; safe; next session brought forward}
"""


def attention(run: Run, root: Path, *args: str) -> dict[str, Any]:
    result = run("attention", "--project", root, "--format", "json", *args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert isinstance(data, dict)
    return data


def reasons(data: dict[str, Any]) -> list[tuple[str, str]]:
    return [(c["client"], c["reason"]) for c in data["contacts"]]


def test_critical_first_then_gone_after_a_follow_up_while_deterioration_stays(
    project: Project, run: Run
) -> None:
    project.entries(WORSE)

    before = attention(run, project.root, "--as-of", AS_OF)
    text = run("attention", "--project", project.root, "--as-of", AS_OF).output

    assert reasons(before) == [("C-0001", "critical"), ("C-0001", "deterioration")]
    critical = before["contacts"][0]
    assert critical["urgent"] is True and critical["date"] == "2026-11-12"
    assert "PHQ-9 item 9 on 2026-11-12: 1 (Several days)" in critical["message"]
    assert "rose from 2 to 14" in before["contacts"][1]["message"]
    lines = text.splitlines()
    assert lines[0].startswith("Internal: not for sharing")
    assert lines[1].startswith("! C-0001") and "critical answer" in lines[1]
    assert lines[2].startswith("! C-0001") and "reliable deterioration" in lines[2]

    project.entries(FOLLOW_UP, name="e3.yaml")
    after = attention(run, project.root, "--as-of", AS_OF)

    assert reasons(after) == [("C-0001", "deterioration")]
    report = run("report", "C-0001", "--format", "json", "--project", project.root,
                 "--as-of", AS_OF)  # fmt: skip
    assert json.loads(report.output)["critical"][0]["follow_up"]["by"] == "Sam Lee"


def test_weeks_without_data_and_an_overdue_review(project: Project, run: Run) -> None:
    # conftest's client: a diary day on 1 Nov, a review on 10 Nov, reviews every 6 weeks
    assert attention(run, project.root, "--as-of", AS_OF)["contacts"] == []
    later = attention(run, project.root, "--as-of", "2026-12-01", "--weeks", "4")
    assert later["contacts"] == []  # 3 weeks since the review
    quiet = attention(run, project.root, "--as-of", "2026-12-01", "--weeks", "3")
    assert reasons(quiet) == [("C-0001", "no_recent_data")]
    assert quiet["contacts"][0]["message"] == (
        "no data for 3 weeks: the last entry is of 2026-11-10"
    )
    overdue = attention(run, project.root, "--as-of", "2027-01-15")
    assert reasons(overdue) == [("C-0001", "review_overdue"), ("C-0001", "no_recent_data")]
    assert overdue["weeks"] == 3  # lint.no_data_weeks, by default


def test_the_weeks_default_comes_from_the_config(project: Project, run: Run) -> None:
    project.write("goalsheet.yaml", "practice: {name: Test Practice}\nlint: {no_data_weeks: 8}\n")
    data = attention(run, project.root, "--as-of", "2026-12-20")
    assert data["weeks"] == 8 and data["contacts"] == []
    assert reasons(attention(run, project.root, "--as-of", "2027-01-06")) == [
        ("C-0001", "review_overdue"),
        ("C-0001", "no_recent_data"),
    ]


def test_the_order_is_most_urgent_first_across_clients() -> None:
    today = dt.date(2026, 11, 20)

    def figures(client: str, critical: bool, worse: bool, overdue: bool) -> Progress:
        items: list[AttentionItem] = []
        if critical:
            items.append(AttentionItem("critical", True, "item 9", date=dt.date(2026, 10, 1)))
        if worse:
            items.append(AttentionItem("deterioration", True, "worse", measure="GAD-7"))
        if overdue:
            items.append(AttentionItem("review_overdue", False, "overdue"))
        items.append(AttentionItem("disagreement", False, "“a goal title”", goal="g"))
        changes = (measure_change("GAD-7", (dt.date(2026, 9, 1), 5), (dt.date(2026, 11, 1), 12)),)
        review = ReviewDates(None, dt.date(2026, 10, 30), overdue, "6 weeks")
        return made_progress(attention=tuple(items), changes=changes, review=review)

    states = [
        ClientState("C-0003", figures("C-0003", False, False, True), dt.date(2026, 9, 1), None),
        ClientState("C-0002", figures("C-0002", False, True, False), dt.date(2026, 9, 1), today),
        ClientState("C-0001", figures("C-0001", True, False, False), dt.date(2026, 9, 1), today),
    ]
    rows = caseload_attention(states, today, weeks=3)
    assert [(r.client, r.reason) for r in rows] == [
        ("C-0001", "critical"),
        ("C-0002", "deterioration"),
        ("C-0003", "review_overdue"),
        ("C-0003", "no_recent_data"),
    ]
    assert "a goal title" not in json.dumps([r.json() for r in rows])  # titles can name people
    assert rows[3].message == "nothing recorded since the start on 2026-09-01 (11 weeks ago)"


def test_last_entry_ignores_what_is_after_the_date() -> None:
    entries = EntryFile.model_validate(
        {"diary": {"2026-11-01": {"mood": 5}, "2026-12-01": {"mood": 6}},
         "reviews": [{"date": "2026-11-10"}]}
    )  # fmt: skip
    assert last_entry([entries], dt.date(2026, 11, 20)) == dt.date(2026, 11, 10)
    assert last_entry([], dt.date(2026, 11, 20)) is None


def test_the_demo_list_names_ids_only(run: Run, tmp_path: Path) -> None:
    data = attention(run, REPO, "--as-of", AS_OF)
    assert reasons(data)[0] == ("C-0315", "critical")  # its 2026-09-07 answer is still open
    assert ("C-0456", "review_overdue") in reasons(data)
    assert ("C-0456", "no_recent_data") in reasons(data)
    assert data["internal"] is True
    out = tmp_path / "attention.html"
    written = run("attention", "--project", REPO, "--as-of", AS_OF, "--format", "html", "-o", out)
    assert written.exit_code == 0, written.output
    html = out.read_text(encoding="utf-8")
    assert "Internal: not for sharing" in html and "C-0315" in html
    for name in ("Alex", "Lucía"):  # the demo's made-up names
        assert name not in html
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


@pytest.mark.slow
def test_build_writes_the_list_to_private_only(project: Project, run: Run) -> None:
    project.client(NAMED)
    project.entries(WORSE)
    result = run("build", "--project", project.root, "--as-of", AS_OF, "--jobs", "2")
    assert result.exit_code == 0, result.output

    private = project.root / "private"
    for medium in ("pdf", "html"):
        path = private / f"attention.{medium}"
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    info = subprocess.run(["pdfinfo", private / "attention.pdf"], capture_output=True,
                          text=True, check=True, timeout=60).stdout  # fmt: skip
    assert "Title:           Attention list" in info and "Robin" not in info
    text = subprocess.run(["pdftotext", "-layout", private / "attention.pdf", "-"],
                          capture_output=True, text=True, check=True, timeout=60).stdout  # fmt: skip
    assert "Internal: not for sharing" in text
    assert "C-0001" in text and "Urgent" in text and "critical answer" in text
    assert "Robin" not in text and "Quill" not in text
    html = (private / "attention.html").read_text(encoding="utf-8")
    assert "Robin" not in html and "Walk in the park" not in html
    site = project.root / "site"
    assert not [p for p in site.rglob("*attention*")]
    assert "C-0001" not in "".join(
        p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*.html")
    )
