"""`goalsheet list clients` marks a client with a critical answer (PHQ-9 item 9) that has
no follow-up, says how to record one, and drops the mark once it is recorded. Fictional data.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from click.testing import Result

from helpers.project import REPO, Project

Run = Callable[..., Result]

AS_OF = ("--as-of", "2026-11-20")
ITEM_9 = "measures:\n  - {date: 2026-11-12, measure: PHQ-9, answers: [1, 1, 1, 1, 0, 0, 0, 0, 2]}\n"
FOLLOW_UP = """\
follow_ups:
  - {date: 2026-11-13, answer_date: 2026-11-12, by: Sam Lee, note: phoned the same day}
"""


def listed(run: Run, project: Project) -> tuple[str, list[dict[str, object]]]:
    text = run("list", "clients", "--project", project.root, *AS_OF)
    data = run("list", "clients", "--project", project.root, *AS_OF, "--format", "json")
    assert text.exit_code == data.exit_code == 0, text.output
    return text.output, json.loads(data.output)


def test_the_mark_then_not_after_a_follow_up(project: Project, run: Run) -> None:
    project.entries(ITEM_9)

    text, rows = listed(run, project)

    first, answer = text.splitlines()[:2]
    assert first.startswith("RISK C-0001")
    assert "! PHQ-9 item 9: 2 (More than half the days), on 2026-11-12." in answer
    assert "follow up today" in answer
    assert text.splitlines()[-1].startswith("RISK: a critical answer has no follow-up recorded")
    assert "follow_ups: [{date: YYYY-MM-DD, answer_date: YYYY-MM-DD" in text
    assert rows[0]["open_critical"] == 1
    assert rows[0]["critical"][0]["answer"] == 2  # type: ignore[index]

    project.entries(FOLLOW_UP, name="e3.yaml")
    text, rows = listed(run, project)

    assert "RISK" not in text and "!" not in text
    assert text.splitlines()[0].lstrip().startswith("C-0001")
    assert rows[0]["open_critical"] == 0 and rows[0]["critical"] == []


def test_a_blank_item_9_is_marked_too(project: Project, run: Run) -> None:
    project.entries(ITEM_9.replace("0, 2]", "0, null]"))
    text, rows = listed(run, project)
    assert text.startswith("RISK C-0001") and "not answered" in text
    assert rows[0]["critical"][0]["kind"] == "unanswered"  # type: ignore[index]


def test_the_demo_marks_only_the_client_with_an_open_answer(run: Run) -> None:
    result = run("list", "clients", "--project", REPO, *AS_OF, "--format", "json")
    marked = {row["id"] for row in json.loads(result.output) if row["open_critical"]}
    assert marked == {"C-0315"}  # its 2026-08-24 answer is followed up, its 2026-09-07 one not
    text = run("list", "clients", "--project", REPO, *AS_OF).output
    assert [line[:11] for line in text.splitlines() if line.startswith("RISK ")] == ["RISK C-0315"]
