"""Critical answers: raised from every administration, never hidden, cleared only by a
follow-up, and `check` says so (GS113, GS208) in a way that cannot be switched off."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from click.testing import Result
from pydantic import ValidationError

from goalsheet.compute.risk import critical_answers
from goalsheet.model.entries import EntryFile
from goalsheet.model.measures import BUILTIN_MEASURES, MeasureDefinition
from helpers.project import Project

D = dt.date
TODAY = D(2026, 11, 20)
CALM = [1, 1, 1, 1, 1, 0, 0, 0, 0]


def files(*measures: tuple[dt.date, list[int | None]], **extra: Any) -> list[EntryFile]:
    given = [{"date": day, "measure": "PHQ-9", "answers": answers} for day, answers in measures]
    return [EntryFile.model_validate({"measures": given, **extra})]


def raised(entries: list[EntryFile], **kw: Any) -> list[dict[str, Any]]:
    measures = kw.pop("measures", BUILTIN_MEASURES)
    return [c.json() for c in critical_answers(entries, measures, kw.pop("today", TODAY))]


@pytest.mark.parametrize(
    ("answer", "kind", "text"),
    [
        (1, "answered", "1 (Several days)"),
        (2, "answered", "2 (More than half the days)"),
        (3, "answered", "3 (Nearly every day)"),
        (None, "unanswered", "not answered"),
        (7, "unclear", "unclear (7 is not one of the answers)"),
    ],
)
def test_item9_is_raised_with_its_answer_in_words(answer: int | None, kind: str, text: str) -> None:
    (found,) = raised(files((D(2026, 11, 2), [0, 0, 0, 0, 0, 0, 0, 0, answer])))
    assert (found["kind"], found["answer_text"], found["open"]) == (kind, text, True)
    assert (found["measure"], found["item"], found["date"]) == ("PHQ-9", 9, "2026-11-02")


def test_item9_at_zero_raises_nothing() -> None:
    assert raised(files((D(2026, 11, 2), [3, 3, 3, 3, 3, 3, 3, 3, 0]))) == []


def test_an_answer_out_of_range_elsewhere_does_not_hide_item9() -> None:
    # Item 1 is 5 (PHQ-9 answers run 0-3): the score leaves the administration out, but the
    # risk answer on item 9 is still raised.
    (found,) = raised(files((D(2026, 11, 2), [5, 0, 0, 0, 0, 0, 0, 0, 2])))
    assert (found["kind"], found["answer"]) == ("answered", 2)


def test_answers_that_cannot_be_matched_to_items_are_unclear_not_silent() -> None:
    (found,) = raised(files((D(2026, 11, 2), [0, 0, 0, 0, 0, 0, 0, 0])))  # 8 of 9
    assert (found["kind"], found["message"]) == ("unclear", "item 9 could not be read: ask today")


def test_a_blank_item9_says_ask_even_though_the_total_is_null() -> None:
    (found,) = raised(files((D(2026, 11, 2), [1, 1, 1, 1, 1, 1, 1, 1, None])))
    assert found["message"] == "item 9 not answered: ask today"


def test_a_later_calm_questionnaire_does_not_clear_an_earlier_answer() -> None:
    entries = files((D(2026, 10, 5), [0, 0, 0, 0, 0, 0, 0, 0, 1]), (D(2026, 11, 2), CALM))
    (found,) = raised(entries)
    assert (found["date"], found["open"]) == ("2026-10-05", True)


def test_a_follow_up_clears_it_but_keeps_the_history() -> None:
    follow_up = {
        "date": D(2026, 10, 6),
        "answer_date": D(2026, 10, 5),
        "measure": "PHQ-9",
        "by": "Sam Lee",
        "note": "phoned; safety plan reviewed",
    }
    entries = files((D(2026, 10, 5), [0, 0, 0, 0, 0, 0, 0, 0, 1]), follow_ups=[follow_up])
    (found,) = raised(entries)
    assert found["open"] is False
    assert found["follow_up"] == {
        "date": "2026-10-06",
        "by": "Sam Lee",
        "note": "phoned; safety plan reviewed",
    }
    # A follow-up dated after `today` does not count yet.
    (early,) = raised(entries, today=D(2026, 10, 5))
    assert early["open"] is True


def test_a_follow_up_of_another_date_or_measure_does_not_clear_it() -> None:
    answers = (D(2026, 10, 5), [0, 0, 0, 0, 0, 0, 0, 0, 1])
    for other in (
        {"answer_date": D(2026, 10, 4)},
        {"answer_date": D(2026, 10, 5), "measure": "GAD-7"},
        {"answer_date": D(2026, 10, 5), "item": 3},
    ):
        follow_up = {"date": D(2026, 10, 6), "by": "Sam", "note": "called", **other}
        (found,) = raised(files(answers, follow_ups=[follow_up]))
        assert found["open"] is True, other


def test_a_follow_up_before_the_answer_is_refused() -> None:
    with pytest.raises(ValidationError, match="cannot come before"):
        files(
            follow_ups=[
                {"date": D(2026, 10, 4), "answer_date": D(2026, 10, 5), "by": "S", "note": "n"}
            ]
        )


def test_a_custom_measure_marks_its_own_critical_item() -> None:
    custom = MeasureDefinition.model_validate(
        {
            "id": "WAKE-3",
            "title": "Night waking",
            "items": 3,
            "item_max": 4,
            "flags": [
                {"item": 2, "at_least": 3, "flag": "no-sleep", "message": "not sleeping: call"}
            ],
        }
    )
    entries = [
        EntryFile.model_validate(
            {
                "measures": [
                    {"date": D(2026, 11, 1), "measure": "WAKE-3", "answers": [4, 2, 4]},
                    {"date": D(2026, 11, 8), "measure": "WAKE-3", "answers": [0, 3, 0]},
                ]
            }
        )
    ]
    (found,) = raised(entries, measures={"WAKE-3": custom})
    assert (found["date"], found["answer_text"], found["message"]) == (
        "2026-11-08",
        "3",
        "not sleeping: call",
    )


@pytest.mark.parametrize(
    ("flag", "problem"),
    [
        ({"item": 12}, "critical item 12 does not exist (items are 1 to 9)"),
        ({"at_least": 0}, "at_least 0 is outside the answers that can raise it (1 to 3)"),
        ({"at_least": 4}, "at_least 4 is outside the answers that can raise it (1 to 3)"),
    ],
)
def test_a_critical_item_that_cannot_be_raised_is_refused(
    flag: dict[str, int], problem: str
) -> None:
    data = BUILTIN_MEASURES["PHQ-9"].model_dump()
    data["flags"] = [{**data["flags"][0], **flag}]
    with pytest.raises(ValidationError, match=problem.replace("(", r"\(").replace(")", r"\)")):
        MeasureDefinition.model_validate(data)


# --- check: GS113 and GS208, end to end ------------------------------------------------------

RISKY = """\
measures:
  - {date: 2026-11-02, measure: PHQ-9, answers: [0, 0, 0, 0, 0, 0, 0, 0, 2]}
"""


def findings(result: Result) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(result.output)["findings"]
    return data


def test_check_warns_about_an_open_critical_answer_until_it_is_followed_up(
    project: Project, run: Callable[..., Result]
) -> None:
    project.entries(RISKY, name="phq.yaml")
    result = run("check", "--project", project.root, "--as-of", "2026-11-20")
    assert result.exit_code == 0, result.output  # a warning: the project is still valid
    line = next(line for line in result.output.splitlines() if "GS113" in line)
    assert line.startswith("goalsheets/C-0001/entries/phq.yaml:2:")
    assert "PHQ-9 item 9: 2 (More than half the days), on 2026-11-02" in line
    assert "answer_date: 2026-11-02" in result.output  # the hint shows the YAML to add
    project.entries(
        """\
        follow_ups:
          - {date: 2026-11-03, answer_date: 2026-11-02, measure: PHQ-9, by: Sam Lee,
             note: Phoned; no plans; safety plan reviewed}
        """,
        name="follow-up.yaml",
    )
    result = run("check", "--project", project.root, "--as-of", "2026-11-20")
    assert "GS113" not in result.output
    data = json.loads(
        run(
            "report", "C-0001", "--project", project.root, "--format", "json", "--as-of",
            "2026-11-20",
        ).output
    )  # fmt: skip
    (kept,) = data["critical"]
    assert kept["answer"] == 2 and kept["follow_up"]["by"] == "Sam Lee"


def test_a_follow_up_of_no_answer_is_an_error_with_file_and_line(
    project: Project, run: Callable[..., Result]
) -> None:
    project.entries(RISKY, name="phq.yaml")
    project.entries(
        """\
        follow_ups:
          - {date: 2026-11-03, answer_date: 2026-11-01, by: Sam Lee, note: Phoned}
        """,
        name="follow-up.yaml",
    )
    result = run("check", "--project", project.root, "--as-of", "2026-11-20")
    assert result.exit_code == 1
    assert (
        "goalsheets/C-0001/entries/follow-up.yaml:2:" in result.output
        and "GS208 follow-up of 2026-11-01: there is no critical answer on that date"
        in result.output
    )
    assert "critical answers are on: 2026-11-02" in result.output


def test_the_risk_rule_cannot_be_switched_off(project: Project, run: Callable[..., Result]) -> None:
    project.write("goalsheet.yaml", "practice: {name: Test Practice}\nlint: {disable: [GS113]}\n")
    project.entries(RISKY, name="phq.yaml")
    result = run("check", "--project", project.root, "--as-of", "2026-11-20")
    assert "GS113 [warning] PHQ-9 item 9" in result.output
    assert "cannot be switched off" in result.output


def test_the_findings_cap_never_cuts_a_critical_answer(
    project: Project, run: Callable[..., Result]
) -> None:
    # 80 diary values out of scale (GS201) before the PHQ-9 in the same file.
    days = "".join(f"  2026-08-{day:02d}: {{mood: 40}}\n" for day in range(1, 31))
    days += "".join(f"  2026-09-{day:02d}: {{mood: 40}}\n" for day in range(1, 31))
    days += "".join(f"  2026-10-{day:02d}: {{mood: 40}}\n" for day in range(1, 21))
    project.entries("diary:\n" + days + RISKY, name="big.yaml")
    result = run("check", "--project", project.root, "--as-of", "2026-11-20")
    assert "GS020" in result.output  # the cap applied
    assert "GS113" in result.output


def test_a_bad_critical_item_in_goalsheet_yaml_names_the_file_and_line(
    project: Project, run: Callable[..., Result]
) -> None:
    project.write(
        "goalsheet.yaml",
        """\
        practice: {name: Test Practice}
        measures:
          - id: WAKE-3
            title: Night waking
            items: 3
            item_max: 4
            flags:
              - {item: 4, at_least: 9, flag: wake, message: call}
        """,
    )
    result = run("check", "--project", project.root, "--as-of", "2026-11-20")
    assert result.exit_code != 0
    line = next(line for line in result.output.splitlines() if "critical item 4" in line)
    assert line.startswith("goalsheet.yaml:8:")
    assert "does not exist (items are 1 to 3)" in line and "at_least 9" in line


def test_check_prints_a_critical_answer_before_every_other_finding(
    project: Project, run: Callable[..., Result]
) -> None:
    # Findings sort by file: a.yaml's value off the scale would come before z.yaml's answer.
    project.entries("diary:\n  2026-11-01: {mood: 40}\n", name="a.yaml")
    project.entries(RISKY, name="z.yaml")
    result = run("check", "--project", project.root, "--as-of", "2026-11-20")
    first = result.output.splitlines()[0]
    assert "GS113" in first and first.startswith("goalsheets/C-0001/entries/z.yaml:2:")
    assert "GS201" in result.output
    data = findings(run("check", "--project", project.root, "--format", "json", "--as-of",
                        "2026-11-20"))  # fmt: skip
    assert [f["code"] for f in data][:1] == ["GS201"]  # the JSON keeps its file order
