"""Every lint rule: it fires on the problem, stays quiet otherwise, and can be switched off."""

from __future__ import annotations

import pytest

from goalsheet.check.enabled import rules
from goalsheet.findings import Finding, Severity
from goalsheet.pipeline.check import check_project
from goalsheet.project import load_project
from helpers.project import CLIENT, TODAY, Project


def findings(project: Project, today=TODAY) -> list[Finding]:  # type: ignore[no-untyped-def]
    return check_project(load_project(project.root), today).findings


def codes(project: Project) -> list[str]:
    return sorted(f.code for f in findings(project))


def goal_sheet(goals: str, extra: str = "") -> str:
    return (
        "client:\n  id: C-0001\n  started: 2026-11-01\n  raters: [client, therapist]\n"
        f"goals:\n{goals}{extra}"
    )


GOOD_GOAL = """\
  - id: g{n}
    title: Cook a meal for friends
    why: I love cooking
    measure: {{what: meals, unit: per month, direction: increase, baseline: 0, target: 2}}
    target_date: 2027-01-01
"""


def test_clean_project_has_no_findings(project: Project) -> None:
    assert findings(project) == []


def test_every_rule_has_a_unique_code_name_and_summary() -> None:
    registered = rules()
    assert len({r.code for r in registered}) == len(registered)
    assert len({r.name for r in registered}) == len(registered)
    assert all(r.summary and r.code.startswith("GS") for r in registered)


@pytest.mark.parametrize(
    ("goal", "code"),
    [
        ("  - {id: g, title: Cook for friends, why: fun, target_date: 2027-01-01}\n", "GS101"),
        (
            "  - {id: g, title: Cook for friends, why: fun, target_date: 2027-01-01,"
            " measure: {what: meals}}\n",
            "GS102",
        ),
        (
            "  - {id: g, title: Cook for friends, why: fun,"
            " measure: {what: meals, baseline: 0, target: 2}}\n",
            "GS103",
        ),
        (
            "  - {id: g, title: Stop worrying about work, why: fun, target_date: 2027-01-01,"
            " measure: {what: x, baseline: 0, target: 2}}\n",
            "GS104",
        ),
        (
            "  - {id: g, title: Feel better, why: fun, target_date: 2027-01-01,"
            " measure: {what: x, baseline: 0, target: 2}}\n",
            "GS105",
        ),
        (
            "  - {id: g, title: Cook for friends, target_date: 2027-01-01,"
            " measure: {what: x, baseline: 0, target: 2}}\n",
            "GS110",
        ),
        (
            "  - {id: g, title: Always be calm with the kids, why: fun, target_date: 2027-01-01,"
            " measure: {what: x, baseline: 0, target: 2}}\n",
            "GS111",
        ),
    ],
)
def test_goal_rules_fire(project: Project, goal: str, code: str) -> None:
    project.client(goal_sheet(goal))
    project.entries("reviews: [{date: 2026-11-10}]\n", name="e1.yaml")
    assert codes(project) == [code]


def test_avoidance_hint_offers_a_rephrasing(project: Project) -> None:
    project.client(
        goal_sheet(GOOD_GOAL.format(n=1).replace("Cook a meal for friends", "Never feel low again"))
    )
    project.entries("reviews: [{date: 2026-11-10}]\n", name="e1.yaml")
    (found,) = findings(project)
    assert found.code == "GS104"
    assert "learn to cope when my mood dips" in found.hint
    assert (found.line, found.severity) == (7, Severity.WARNING)


def test_vague_goal_with_a_specific_part_passes(project: Project) -> None:
    goal = GOOD_GOAL.format(n=1).replace("Cook a meal for friends", "Be happier")
    project.client(goal_sheet(goal + "    specific: Do one thing I enjoy each evening\n"))
    project.entries("reviews: [{date: 2026-11-10}]\n", name="e1.yaml")
    assert codes(project) == []


def test_too_many_active_goals(project: Project) -> None:
    goals = "".join(GOOD_GOAL.format(n=n) for n in range(4))
    project.client(goal_sheet(goals))
    project.entries("reviews: [{date: 2026-11-10}]\n", name="e1.yaml")
    (found,) = findings(project)
    assert found.code == "GS106" and "4 active goals" in found.message
    paused = goals.replace(
        "    target_date: 2027-01-01\n", "    target_date: 2027-01-01\n    status: paused\n", 1
    )
    project.client(goal_sheet(paused))
    assert codes(project) == []


def test_max_active_goals_comes_from_config(project: Project) -> None:
    project.write("goalsheet.yaml", "lint: {max_active_goals: 5}\n")
    project.client(goal_sheet("".join(GOOD_GOAL.format(n=n) for n in range(4))))
    project.entries("reviews: [{date: 2026-11-10}]\n", name="e1.yaml")
    assert codes(project) == []


def test_review_overdue_uses_injected_today_and_cadence(project: Project) -> None:
    # CLIENT started 2026-09-01; last review 2026-11-10; default cadence 6 weeks -> due 12-22.
    assert codes(project) == []
    late = check_project(load_project(project.root), TODAY.replace(month=12, day=30)).findings
    assert [f.code for f in late] == ["GS107"]
    assert "overdue by 8 days" in late[0].message
    project.write("goalsheet.yaml", "review_every: 4 weeks\n")
    assert codes(project) == []  # due 2026-12-08, today 2026-11-20
    project.client(CLIENT.replace("goals:", "review_every: 5 days\ngoals:"))
    assert codes(project) == ["GS107"]  # the client's own cadence wins


def test_goal_review_cadence_override(project: Project) -> None:
    two_weekly = CLIENT.replace(
        "    target_date: 2026-12-31\n", "    target_date: 2026-12-31\n    review_every: 2 weeks\n"
    )
    project.client(two_weekly)
    project.write("goalsheet.yaml", "lint: {disable: [no-baseline-period]}\n")
    general = "reviews:\n  - {date: 2026-11-01, goals: [walks]}\n  - {date: 2026-11-10}\n"
    project.entries(general, name="e1.yaml")
    assert codes(project) == []  # a review naming no goals covers every goal: due 11-24
    other_goal = two_weekly.replace("trackers:", "  - {id: other, title: Other, why: w}\ntrackers:")
    project.client(other_goal)
    narrow = (
        "reviews:\n  - {date: 2026-11-01, goals: [walks]}\n  - {date: 2026-11-10, goals: [other]}\n"
    )
    project.entries(narrow, name="e1.yaml")
    found = [f for f in findings(project) if f.code == "GS107"]
    assert len(found) == 1 and "goal 'walks'" in found[0].message  # due 11-15


def test_no_baseline_period(project: Project) -> None:
    diary = "".join(f"  2026-11-0{d}: {{walked: yes}}\n" for d in range(1, 6))
    project.entries(
        f"diary:\n{diary}reviews:\n  - {{date: 2026-11-06, goals: [walks]}}\n", name="e1.yaml"
    )
    (found,) = findings(project)
    assert found.code == "GS108"
    assert "after 5 days of diary" in found.message
    project.write("goalsheet.yaml", "lint: {baseline_days: 5}\n")
    assert codes(project) == []


def test_status_history_mismatch(project: Project) -> None:
    project.client(
        CLIENT.replace(
            "    status: active\n",
            "    status: active\n    history:\n      - {date: 2026-10-01, status: paused}\n",
        )
    )
    assert codes(project) == ["GS109"]


def test_no_goals_and_the_preference_not_to_set_them(project: Project) -> None:
    bare = "client:\n  id: C-0001\n  started: 2026-11-01\ntrackers:\n  - {id: mood, label: Mood, kind: rating}\n"
    project.client(bare)
    project.entries("diary:\n  2026-11-02: {mood: 5}\n", name="e1.yaml")
    assert codes(project) == ["GS112"]
    project.client(bare.replace("  started", "  prefers_no_goals: true\n  started"))
    assert codes(project) == []


def test_preference_not_to_set_goals_silences_goal_rules_only(project: Project) -> None:
    sheet = goal_sheet("  - {id: g, title: Stop worrying}\n").replace(
        "  started", "  prefers_no_goals: true\n  started"
    )
    project.client(sheet)
    project.entries(
        "ratings:\n  - {date: 2026-11-02, goal: nope, rater: client, gbo: 3}\n", name="e1.yaml"
    )
    assert codes(project) == ["GS202"]


@pytest.mark.parametrize(
    ("diary", "words"),
    [
        ("{mood: 11}", "outside the scale 1 to 10"),
        ("{mood: 0}", "outside the scale 1 to 10"),
        ("{mood: great}", "outside the scale"),
        ("{walked: 3}", "not yes or no"),
    ],
)
def test_value_out_of_scale(project: Project, diary: str, words: str) -> None:
    project.entries(f"diary:\n  2026-11-02: {diary}\n")
    (found,) = findings(project)
    assert found.code == "GS201" and words in found.message
    assert (found.line, found.severity) == (2, Severity.ERROR)


@pytest.mark.parametrize(
    ("kind", "good", "bad"),
    [
        ("count", "2", "-1"),
        ("count", "0", "1.5"),
        ("duration", "20", "2000"),
        ("time", "07:30", "25:00"),
        ("time", "'21:45'", "late"),
        ("text", "went well", "[a, b]"),
        ("abc", "{antecedent: a, behaviour: b, consequence: c}", "just text"),
    ],
)
def test_tracker_kinds(project: Project, kind: str, good: str, bad: str) -> None:
    project.client(CLIENT + f"  - {{id: t, label: T, kind: {kind}}}\n")
    project.entries(f"diary:\n  2026-11-02: {{t: {good}}}\n")
    assert codes(project) == []
    project.entries(f"diary:\n  2026-11-02:\n    t: {bad}\n")
    assert set(codes(project)) in ({"GS201"}, {"GS012"})


def test_measure_answer_outside_item_range(project: Project) -> None:
    project.entries(
        "measures:\n  - {date: 2026-11-02, measure: GAD-7, answers: [0, 1, 4, 1, 0, 0, 1]}\n"
    )
    (found,) = findings(project)
    assert found.code == "GS201" and "item 3 is 4" in found.message
    assert found.column > 40  # points at the answer itself


@pytest.mark.parametrize(
    ("entry", "words", "hint"),
    [
        ("diary:\n  2026-11-02: {mod: 4}\n", "unknown tracker 'mod'", "did you mean 'mood'?"),
        (
            "ratings:\n  - {date: 2026-11-02, goal: walk, rater: client, gbo: 3}\n",
            "unknown goal 'walk'",
            "did you mean 'walks'?",
        ),
        (
            "ratings:\n  - {date: 2026-11-02, goal: walks, rater: parent, gbo: 3}\n",
            "unknown rater 'parent'",
            "raters:",
        ),
        (
            "measures:\n  - {date: 2026-11-02, measure: PHQ9, answers: [0]}\n",
            "unknown measure 'PHQ9'",
            "did you mean 'PHQ-9'?",
        ),
        ("reviews:\n  - {date: 2026-11-11, goals: [walkz]}\n", "unknown goal 'walkz'", "walks"),
    ],
)
def test_unknown_references(project: Project, entry: str, words: str, hint: str) -> None:
    project.entries(entry, name="e2.yaml")
    (found,) = findings(project)
    assert found.code == "GS202"
    assert words in found.message and hint in found.hint
    assert found.path.endswith("e2.yaml") and found.line == 2


def test_unknown_references_inside_the_sheet(project: Project) -> None:
    project.client(
        CLIENT.replace("tracker: walked", "tracker: walking").replace(
            "goal: walks}", "goal: talks}"
        )
    )
    assert sorted(f.message for f in findings(project)) == [
        "unknown goal 'talks'",
        "unknown tracker 'walking'",
    ]


def test_future_dates(project: Project) -> None:
    project.entries(
        "diary:\n  2026-11-25: {mood: 5}\nratings:\n  - {date: 2027-01-01, goal: walks, rater: client, gbo: 2}\n"
    )
    found = findings(project)
    assert [f.code for f in found] == ["GS203", "GS203"]
    assert [f.line for f in found] == [2, 4]


def test_duplicate_entries_across_files(project: Project) -> None:
    project.entries(
        "diary:\n  2026-11-01: {mood: 6}\nreviews:\n  - {date: 2026-11-10}\n", name="e2.yaml"
    )
    found = findings(project)
    assert [f.code for f in found] == ["GS204", "GS204"]
    assert (
        "mood on 2026-11-01 is recorded twice (first at goalsheets/C-0001/entries/e1.yaml:2)"
        in found[0].message
    )


def test_duplicate_ratings_and_ids(project: Project) -> None:
    project.entries(
        "ratings:\n  - {date: 2026-11-02, goal: walks, rater: client, gbo: 3}\n"
        "  - {date: 2026-11-02, goal: walks, rater: client, gbo: 4}\n"
        "  - {date: 2026-11-02, goal: walks, rater: therapist, gbo: 4}\n",
        name="e2.yaml",
    )
    assert codes(project) == ["GS204"]
    project.client(CLIENT + "  - {id: mood, label: Mood again, kind: count}\n")
    assert codes(project) == ["GS204", "GS204"]


def test_phq9_with_eight_answers(project: Project) -> None:
    project.entries(
        "measures:\n  - {date: 2026-11-02, measure: PHQ-9, answers: [1, 1, 1, 1, 1, 1, 1, 1]}\n"
    )
    found, risk = sorted(findings(project), key=lambda f: f.code != "GS205")
    assert found.code == "GS205"
    assert "PHQ-9 has 9 items but 8 answers" in found.message
    assert found.line == 2
    # Which answer is item 9 cannot be told: a reason to ask, not a silent gap.
    assert risk.code == "GS113" and "item 9 could not be read: ask today" in risk.message


def test_missing_answers(project: Project) -> None:
    project.entries(
        "measures:\n  - {date: 2026-11-02, measure: GAD-7, answers: [1, null, 1, 1, 1, 1, 1]}\n"
    )
    (found,) = findings(project)
    assert found.code == "GS206"
    assert "GAD-7 on 2026-11-02 has 1 unanswered item; at most 0 can be left" in found.message
    project.write(
        "goalsheet.yaml",
        "measures:\n  - {id: MINE, title: Mine, items: 3, item_max: 4, max_missing: 1}\n",
    )
    project.entries("measures:\n  - {date: 2026-11-02, measure: MINE, answers: [1, null, 4]}\n")
    assert codes(project) == []


def test_rules_can_be_switched_off_by_code_or_name(project: Project) -> None:
    project.client(goal_sheet("  - {id: g, title: Feel better}\n"))
    project.entries("reviews: [{date: 2026-11-10}]\n", name="e1.yaml")
    assert codes(project) == ["GS101", "GS103", "GS105", "GS110"]
    project.write("goalsheet.yaml", "lint:\n  disable: [GS101, vague-wording, gs110]\n")
    assert codes(project) == ["GS103"]


def test_unknown_rule_in_config_is_an_error(project: Project) -> None:
    project.write("goalsheet.yaml", "lint:\n  disable: [vague-wordin]\n")
    (found,) = findings(project)
    assert found.code == "GS013" and found.path == "goalsheet.yaml" and found.line == 2
    assert "did you mean 'vague-wording'?" in found.hint
