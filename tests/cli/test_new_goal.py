"""`goalsheet new goal`: the guided questions, what they write, and what they never touch.

Prompt flows run in-process with CliRunner and `input=`; Ctrl-C runs the real command in a
pseudo-terminal. Every test works on its own copy of the demo project.
"""

from __future__ import annotations

import datetime as dt
import io
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from goalsheet.guided import emit
from goalsheet.guided.insert import add_item
from helpers.guided import (
    FLAGS,
    PLAIN,
    TODAY,
    answers,
    check_findings,
    cli,
    goal_of,
    load,
    only_inserted,
    sheet_path,
    temporaries,
)
from helpers.terminal import in_terminal

# --- the whole flow ----------------------------------------------------------------------


def test_full_flow_reasks_a_target_on_the_wrong_side_and_a_past_date(demo: Path) -> None:
    old = sheet_path(demo, "C-0142").read_text(encoding="utf-8")
    title, specific, what, unit, way, baseline, _t, achievable, why, _d = PLAIN
    given = answers(
        title, specific, what, unit, way, baseline,
        "0",  # target equal to the baseline for a goal that should go up: asked again
        "lots",  # not a number: asked again
        "3",
        achievable, why,
        "2020-01-01",  # in the past: asked again
        "next spring",  # not a date: asked again
        "in 10 weeks",
        "Say hello at the coffee machine", "Join the Friday lunch", "",  # steps
        "y",  # the proposed tracker
        "y",  # write it
    )  # fmt: skip
    result = cli(demo, "new", "goal", "--client", "C-0142", input=given)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "the target must be higher than the baseline (0)" in out
    assert "'lots' is not a number" in out
    assert "2020-01-01 is not in the future" in out
    assert "'next spring' is not a date" in out
    # Each question comes with a one-line hint, and the summary before writing.
    assert "Baseline: where is it now?" in out and "A typical number" in out
    assert "This is the goal as it will be written:" in out
    assert "Added the goal 'speak-one-new' to goalsheets/C-0142/goalsheet.yaml." in out
    assert "goalsheet diary --client C-0142" in out
    assert "goalsheet worksheet smart-goal --client C-0142" in out

    goal = goal_of(demo, "C-0142", "speak-one-new")
    assert goal == {
        "id": "speak-one-new",
        "title": title,
        "why": why,
        "specific": specific,
        "status": "active",
        "history": [{"date": TODAY, "status": "active"}],
        "measure": {"what": what, "unit": unit, "direction": "increase", "baseline": 0,
                    "target": 3, "tracker": "conversations-started"},
        "achievable": achievable,
        "target_date": TODAY + dt.timedelta(weeks=10),
        "steps": [{"text": "Say hello at the coffee machine"}, {"text": "Join the Friday lunch"}],
    }  # fmt: skip
    tracker = load(demo, "C-0142")["trackers"][-1]
    assert tracker == {"id": "conversations-started", "label": "Conversations started",
                       "kind": "count", "goal": "speak-one-new"}  # fmt: skip
    # Nothing already in the file moved or changed; the new goal follows the last one.
    new = sheet_path(demo, "C-0142").read_text(encoding="utf-8")
    added = only_inserted(old, new)
    assert added[0] == "  - id: speak-one-new"
    assert added[-1].startswith("  - {id: conversations-started")
    assert check_findings(demo, "C-0142") == []


def test_avoidance_title_rephrasing_accepted(demo: Path) -> None:
    given = answers("Stop avoiding phone calls", "1", *PLAIN[1:], "", "y", "y")
    result = cli(demo, "new", "goal", "--client", "C-0456", input=given)
    assert result.exit_code == 0, result.output
    assert "worded as getting rid of something" in result.output
    assert 'Use "Face phone calls a step at a time"' in result.output
    goal = goal_of(demo, "C-0456", "face-phone-calls")
    assert goal["title"] == "Face phone calls a step at a time"
    findings = check_findings(demo, "C-0456")
    assert [f for f in findings if "face-phone-calls" in f["message"]] == []
    # The demo's own first draft still gets its GS104: check sees avoidance, just not here.
    assert any(f["code"] == "GS104" and "'calls'" in f["message"] for f in findings)


def test_avoidance_title_put_in_own_words(demo: Path) -> None:
    given = answers(
        "Never argue with my partner",
        "1",  # put it another way (there is no ready rephrasing for this one)
        "Less shouting at home",  # still avoidance: offered again
        "1",
        "Talk things through calmly with my partner",
        *PLAIN[1:], "", "n", "y",
    )  # fmt: skip
    result = cli(demo, "new", "goal", "--client", "C-0142", input=given)
    assert result.exit_code == 0, result.output
    assert result.output.count("worded as getting rid of something") == 2
    assert goal_of(demo, "C-0142", "talk-things-through")["title"] == (
        "Talk things through calmly with my partner"
    )


def test_vague_title_kept_on_purpose(demo: Path) -> None:
    given = answers("Be happier", "2", *PLAIN[1:], "", "n", "y")
    result = cli(demo, "new", "goal", "--client", "C-0142", input=given)
    assert result.exit_code == 0, result.output
    assert '"Be happier" is hard to see or count' in result.output
    assert "What would you be doing differently?" in result.output
    # Kept, so the specific part is asked for with that in mind.
    assert "this part is what makes it trackable" in result.output
    goal = goal_of(demo, "C-0142", "happier")
    assert goal["title"] == "Be happier"
    assert goal["specific"] == PLAIN[1]
    assert "tracker" not in goal["measure"]
    # A vague title with a specific part is fine by check.
    assert [f for f in check_findings(demo, "C-0142") if "happier" in f["message"]] == []


def test_vague_title_made_specific_in_the_clients_words(demo: Path) -> None:
    given = answers("Feel better", "1", "Go for a walk most mornings", *PLAIN[1:], "", "n", "y")
    result = cli(demo, "new", "goal", "--client", "C-0142", input=given)
    assert result.exit_code == 0, result.output
    assert goal_of(demo, "C-0142", "go-walk-most")["title"] == "Go for a walk most mornings"


# --- trackers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("what", "unit", "way", "baseline", "target", "tracker"),
    [
        ("relaxation practice", "minutes a day", "up", "0", "15",
         {"id": "relaxation-practice", "label": "Relaxation practice", "kind": "duration"}),
        ("worry before school", "0-10", "down", "8", "3",
         {"id": "worry-before", "label": "Worry before school", "kind": "rating", "min": 0,
          "max": 10, "anchors": ["not at all", "very much"]}),
        ("days I walked the dog", "per week", "up", "2", "6",
         {"id": "days-walked", "label": "Days I walked the dog", "kind": "yesno"}),
        ("panic attacks", "per week", "down", "7", "1",
         {"id": "panic-attacks", "label": "Panic attacks", "kind": "count"}),
    ],
)  # fmt: skip
def test_tracker_proposal_accepted_fits_the_measure_and_is_linked(
    demo: Path,
    what: str,
    unit: str,
    way: str,
    baseline: str,
    target: str,
    tracker: dict[str, Any],
) -> None:
    title = "Enjoy my mornings more"
    given = answers(title, "", what, unit, way, baseline, target, "", "It matters", "in 6 weeks",
                    "", "", "")  # fmt: skip
    result = cli(demo, "new", "goal", "--client", "C-0142", input=given)
    assert result.exit_code == 0, result.output
    goal = goal_of(demo, "C-0142", "enjoy-mornings")
    assert goal["measure"]["tracker"] == tracker["id"]
    assert load(demo, "C-0142")["trackers"][-1] == {**tracker, "goal": "enjoy-mornings"}
    assert f"Added the diary tracker '{tracker['id']}'" in result.output
    assert check_findings(demo, "C-0142") == []


def test_tracker_proposal_declined(demo: Path) -> None:
    before = load(demo, "C-0142")["trackers"]
    result = cli(demo, "new", "goal", "--client", "C-0142", input=answers(*PLAIN, "", "n", "y"))
    assert result.exit_code == 0, result.output
    assert load(demo, "C-0142")["trackers"] == before
    assert "tracker" not in goal_of(demo, "C-0142", "speak-one-new")["measure"]
    assert "Diary:" in result.output and "no new tracker" in result.output


def test_unknown_baseline_suggests_a_baseline_diary_first(demo: Path) -> None:
    given = answers(*PLAIN[:5], "unknown", "2", *PLAIN[7:], "", "y", "y")
    result = cli(demo, "new", "goal", "--client", "C-0142", input=given)
    assert result.exit_code == 0, result.output
    assert "a baseline diary comes first" in result.output
    assert "goalsheet diary --client C-0142 --baseline" in result.output
    assert "baseline" not in goal_of(demo, "C-0142", "speak-one-new")["measure"]


# --- IDs ---------------------------------------------------------------------------------


def test_goal_and_tracker_ids_are_unique_in_the_file(demo: Path) -> None:
    # "Groups" makes the ID "groups", and "outings" the tracker ID "outings": both taken.
    given = answers("Groups", "", "outings", "per week", "up", "0", "2", "", "Fun", "in 6 weeks",
                    "", "y", "y")  # fmt: skip
    for _round in range(2):
        result = cli(demo, "new", "goal", "--client", "C-0142", input=given)
        assert result.exit_code == 0, result.output
    sheet = load(demo, "C-0142")
    assert [g["id"] for g in sheet["goals"]] == ["groups", "voice", "groups-2", "groups-3"]
    assert [t["id"] for t in sheet["trackers"]][-2:] == ["outings-2", "outings-3"]
    assert sheet["goals"][-1]["measure"]["tracker"] == "outings-3"
    assert sheet["trackers"][-1]["goal"] == "groups-3"
    assert [f for f in check_findings(demo, "C-0142") if f["severity"] == "error"] == []


# --- non-interactive ---------------------------------------------------------------------


def test_all_flags_with_yes_writes_without_a_single_prompt(demo: Path) -> None:
    result = cli(demo, "new", "goal", "--client", "C-0142", *FLAGS, "--yes", input="")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Added the goal 'answer-phone-work'")  # nothing asked
    goal = goal_of(demo, "C-0142", "answer-phone-work")
    assert goal["measure"] == {"what": "calls answered", "unit": "per week",
                               "direction": "increase", "baseline": 1, "target": 5,
                               "tracker": "calls-answered"}  # fmt: skip
    assert [s["text"] for s in goal["steps"]] == ["One call from a colleague",
                                                  "One call from outside"]  # fmt: skip
    assert goal["target_date"] == TODAY + dt.timedelta(weeks=8)
    assert check_findings(demo, "C-0142") == []


def test_all_flags_without_yes_only_asks_to_confirm(demo: Path) -> None:
    result = cli(demo, "new", "goal", "--client", "C-0142", *FLAGS, input="y\n")
    assert result.exit_code == 0, result.output
    assert "Write this goal to goalsheets/C-0142/goalsheet.yaml?" in result.output
    assert "Baseline: where is it now?" not in result.output


def test_yes_infers_the_direction_from_baseline_and_target(demo: Path) -> None:
    flags = [f for f in FLAGS if f not in ("--direction", "up")]
    result = cli(demo, "new", "goal", "--client", "C-0388", *flags, "--target", "0",
                 "--baseline", "4", "--yes")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert goal_of(demo, "C-0388", "answer-phone-work")["measure"]["direction"] == "decrease"


@pytest.mark.parametrize("missing", ["--title", "--what", "--why", "--target", "--target-date"])
def test_a_missing_required_flag_with_yes_is_a_usage_error(demo: Path, missing: str) -> None:
    before = sheet_path(demo, "C-0142").read_bytes()
    index = FLAGS.index(missing)
    flags = FLAGS[:index] + FLAGS[index + 2 :]
    result = cli(demo, "new", "goal", "--client", "C-0142", *flags, "--yes", input="")
    assert result.exit_code == 2, result.output
    assert f"{missing} is needed with --yes" in result.output
    assert sheet_path(demo, "C-0142").read_bytes() == before
    assert temporaries(demo) == []


def test_a_wrong_flag_value_is_a_usage_error_naming_the_flag(demo: Path) -> None:
    before = sheet_path(demo, "C-0142").read_bytes()
    flags = [*FLAGS[: FLAGS.index("--target")], "--target", "0",
             *FLAGS[FLAGS.index("--target") + 2 :]]  # fmt: skip
    result = cli(demo, "new", "goal", "--client", "C-0142", *flags, "--yes")
    assert result.exit_code == 2
    assert "--target" in result.output and "higher than the baseline (1)" in result.output
    result = cli(demo, "new", "goal", "--client", "C-0142", *FLAGS, "--target-date",
                 "2001-02-03", "--yes")  # fmt: skip
    assert result.exit_code == 2 and "not in the future" in result.output
    assert sheet_path(demo, "C-0142").read_bytes() == before


def test_an_avoidance_title_given_as_a_flag_is_kept_and_pointed_out(demo: Path) -> None:
    flags = [*FLAGS[2:], "--title", "Stop hiding from calls"]
    result = cli(demo, "new", "goal", "--client", "C-0142", *flags, "--yes")
    assert result.exit_code == 0, result.output
    assert "worded as getting rid of something" in result.stderr
    assert goal_of(demo, "C-0142", "stop-hiding-calls")["title"] == "Stop hiding from calls"


# --- what is in the file already ---------------------------------------------------------

COMMENTED = """\
# A hand-written sheet: every byte of this must survive.
client:
  id: C-0142
  started: 2026-09-01   # first session
  raters: [client, therapist]

goals:
  # the first goal, agreed at assessment
  -   id: groups
      title: "Feel at ease in group settings"
      why: >-
        I want to enjoy evenings
        with my friends again
      status: active    # still going

  # an old idea, kept for the record:
  # - id: work
# Trackers after this line.
trackers:
  - {id: outings, label: Social outings, kind: count, goal: groups}   # one per outing
# the end
"""


def test_comments_and_existing_text_preserved_byte_for_byte(demo: Path) -> None:
    path = sheet_path(demo, "C-0142")
    path.write_text(COMMENTED, encoding="utf-8")
    result = cli(demo, "new", "goal", "--client", "C-0142", *FLAGS, "--yes")
    assert result.exit_code == 0, result.output
    new = path.read_text(encoding="utf-8")
    added = only_inserted(COMMENTED, new)
    # The goal sits right after the last goal, in the file's own indentation; the tracker
    # after the last tracker; the comments after each list stay where they were.
    goal_at = new.index("  -   id: answer-phone-work")
    assert new.index("# still going") < goal_at < new.index("# an old idea")
    assert new.index("# one per outing") < new.index("{id: calls-answered") < new.index("# the end")
    assert added[0] == "  -   id: answer-phone-work"
    assert added[1] == "      title: Answer the phone at work"
    assert len(new.encode()) - len(COMMENTED.encode()) == sum(len(a.encode()) + 1 for a in added)
    assert [g["id"] for g in load(demo, "C-0142")["goals"]] == ["groups", "answer-phone-work"]


def test_an_empty_flow_list_is_replaced_and_nothing_else(demo: Path) -> None:
    path = sheet_path(demo, "C-0142")
    text = "client: {id: C-0142, started: 2026-09-01}\ngoals: []   # none yet\ntrackers: []\n"
    path.write_text(text, encoding="utf-8")
    result = cli(demo, "new", "goal", "--client", "C-0142", *FLAGS, "--yes")
    assert result.exit_code == 0, result.output
    new = path.read_text(encoding="utf-8")
    assert new.startswith("client: {id: C-0142, started: 2026-09-01}\ngoals:    # none yet\n"
                          "  - id: answer-phone-work\n")  # fmt: skip
    assert "trackers:\n  - {id: calls-answered" in new
    sheet = load(demo, "C-0142")
    assert len(sheet["goals"]) == 1 and len(sheet["trackers"]) == 1


def test_a_client_without_goals_gets_them_before_the_trackers(demo: Path) -> None:
    old = sheet_path(demo, "C-0421").read_text(encoding="utf-8")
    result = cli(demo, "new", "goal", "--client", "C-0421", input=answers(*PLAIN, "", "y", "y"))
    assert result.exit_code == 0, result.output
    assert "prefers not to set explicit goals" in result.output
    new = sheet_path(demo, "C-0421").read_text(encoding="utf-8")
    added = only_inserted(old, new)
    assert added[0] == "goals:"
    assert new.index("goals:") < new.index("trackers:")
    assert load(demo, "C-0421")["goals"][0]["id"] == "speak-one-new"


def test_crlf_files_keep_their_line_endings() -> None:
    text = "client:\r\n  id: a\r\ngoals:\r\n  - id: g\r\n    title: G\r\n"
    goal = {"id": "x", "title": "X", "status": "active"}
    new = add_item(text, "goals", lambda d, c: emit.goal_lines(goal, d, c), emit.flow(goal))
    assert new.startswith(text)
    assert new[len(text) :] == "  - id: x\r\n    title: X\r\n    status: active\r\n"


def test_the_file_keeps_its_mode(demo: Path) -> None:
    path = sheet_path(demo, "C-0142")
    path.chmod(0o640)
    result = cli(demo, "new", "goal", "--client", "C-0142", *FLAGS, "--yes")
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


class _EditsWhenRead(io.BytesIO):
    """Standard input that edits a file the moment the first answer is read (while the
    questions are being asked)."""

    def __init__(self, data: bytes, edit: Callable[[], None]) -> None:
        super().__init__(data)
        self.edit: Callable[[], None] | None = edit

    def _once(self) -> None:
        if self.edit is not None:
            self.edit, edit = None, self.edit
            edit()

    def read(self, size: int | None = -1) -> bytes:
        if size != 0:  # the test runner peeks with read(0) before the command starts
            self._once()
        return super().read(size)

    def read1(self, size: int = -1) -> bytes:
        self._once()
        return super().read1(size)


def test_a_file_changed_while_the_questions_ran_is_refused(demo: Path) -> None:
    path = sheet_path(demo, "C-0142")
    edited = path.read_text(encoding="utf-8") + "# added by a colleague meanwhile\n"

    stdin = _EditsWhenRead(answers(*PLAIN, "", "y", "y").encode(),
                           lambda: path.write_text(edited, encoding="utf-8"))  # fmt: skip
    result = cli(demo, "new", "goal", "--client", "C-0142", input=stdin)
    assert result.exit_code == 1, result.output
    assert "changed while you were answering" in result.output
    assert "nothing was written" in result.output
    assert path.read_text(encoding="utf-8") == edited
    assert temporaries(demo) == []


def test_a_client_whose_sheet_does_not_load_is_refused_with_the_findings(demo: Path) -> None:
    path = sheet_path(demo, "C-0142")
    broken = path.read_text(encoding="utf-8").replace("    title: Speak up", "    tittle: Speak up")
    path.write_text(broken, encoding="utf-8")
    result = cli(demo, "new", "goal", "--client", "C-0142", input=answers(*PLAIN))
    assert result.exit_code == 1
    assert "unknown key 'tittle'" in result.stderr
    assert "goalsheets/C-0142/goalsheet.yaml does not load" in result.stderr
    assert "Goal:" not in result.output  # refused before any question
    assert path.read_text(encoding="utf-8") == broken


def test_an_unknown_client_is_a_usage_error(demo: Path) -> None:
    result = cli(demo, "new", "goal", "--client", "C-9999", input=answers(*PLAIN))
    assert result.exit_code == 2
    assert "there is no client 'C-9999'" in result.output and "C-0142" in result.output


def test_declining_to_write_writes_nothing(demo: Path) -> None:
    before = sheet_path(demo, "C-0142").read_bytes()
    result = cli(demo, "new", "goal", "--client", "C-0142", input=answers(*PLAIN, "", "y", "n"))
    assert result.exit_code == 1
    assert "Nothing was written." in result.output
    assert sheet_path(demo, "C-0142").read_bytes() == before


def test_end_of_input_midway_cancels(demo: Path) -> None:
    before = sheet_path(demo, "C-0142").read_bytes()
    result = cli(demo, "new", "goal", "--client", "C-0142", input=answers(*PLAIN[:4]))
    assert result.exit_code == 1
    assert "Cancelled; nothing was written." in result.stderr
    assert sheet_path(demo, "C-0142").read_bytes() == before


def test_ctrl_c_midway_in_a_terminal_writes_nothing(demo: Path) -> None:
    path = sheet_path(demo, "C-0142")
    before = path.read_bytes()
    code, shown = in_terminal(
        ["new", "goal", "--client", "C-0142"],
        demo,
        [
            ("Goal: ", f"{PLAIN[0]}\r"),
            ("Specific: ", f"{PLAIN[1]}\r"),
            ("Measure: ", f"{PLAIN[2]}\r"),
            ("Unit: ", f"{PLAIN[3]}\r"),
            ("Direction [up]: ", "\r"),
            ("Baseline: ", "\x03"),
        ],
    )
    assert code == 130, shown
    assert "Cancelled; nothing was written." in shown
    assert "Traceback" not in shown
    assert path.read_bytes() == before
    assert temporaries(demo) == []


def test_help_has_examples(demo: Path) -> None:
    result = cli(demo, "new", "goal", "--help")
    assert result.exit_code == 0
    assert "Examples:\n    goalsheet new goal --client C-0142\n" in result.output
    for flag in ("--title", "--baseline", "--target-date", "--step", "--no-tracker", "--yes"):
        assert flag in result.output


def test_a_one_line_list_of_goals_gets_the_new_goal_appended(demo: Path) -> None:
    path = sheet_path(demo, "C-0142")
    text = ("client: {id: C-0142, started: 2026-09-01}\n"
            "goals: [{id: walks, title: Walk more}]  # short list\n"
            "trackers: [{id: mood, label: Mood, kind: rating}]\n")  # fmt: skip
    path.write_text(text, encoding="utf-8")
    result = cli(demo, "new", "goal", "--client", "C-0142", *FLAGS, "--yes")
    assert result.exit_code == 0, result.output
    new = path.read_text(encoding="utf-8")
    assert new.startswith("client: {id: C-0142, started: 2026-09-01}\n"
                          "goals: [{id: walks, title: Walk more}, {id: answer-phone-work,")  # fmt: skip
    assert new.endswith("]  # short list\ntrackers: [{id: mood, label: Mood, kind: rating}, "
                        "{id: calls-answered, label: Calls answered, kind: count, "
                        "goal: answer-phone-work}]\n")  # fmt: skip
    sheet = load(demo, "C-0142")
    assert [g["id"] for g in sheet["goals"]] == ["walks", "answer-phone-work"]


def test_text_yaml_would_misread_stays_text(demo: Path) -> None:
    tricky = {
        "--title": "Yes",
        "--specific": "a: b # not a comment, [not a list]",
        "--why": "2026-01-01",
        "--achievable": "'quoted' and \"double\" and ñandú \x1b[A",
        "--what": "null",
        "--unit": "0755",
    }
    flags = [*FLAGS]
    for flag, value in tricky.items():
        flags[flags.index(flag) + 1] = value
    flags += ["--step", "- starts with a dash", "--baseline", "2,5", "--target", "0.0001",
              "--direction", "down"]  # fmt: skip
    result = cli(demo, "new", "goal", "--client", "C-0142", *flags, "--yes")
    assert result.exit_code == 0, result.output
    goal = goal_of(demo, "C-0142", "yes")
    assert goal["title"] == "Yes"
    assert goal["specific"] == "a: b # not a comment, [not a list]"
    assert goal["why"] == "2026-01-01"
    assert goal["achievable"] == "'quoted' and \"double\" and ñandú [A"  # no escape character
    assert goal["measure"]["what"] == "null" and goal["measure"]["unit"] == "0755"
    assert goal["measure"]["baseline"] == 2.5 and goal["measure"]["target"] == 0.0001
    assert goal["steps"][-1] == {"text": "- starts with a dash"}


def test_answers_read_the_way_people_write_them() -> None:
    from goalsheet.guided import parsing

    day = dt.date(2026, 1, 31)
    assert parsing.date("in 1 month", day) == dt.date(2026, 2, 28)
    assert parsing.date("In 8 Weeks", day) == dt.date(2026, 3, 28)
    assert parsing.date("10 days", day) == dt.date(2026, 2, 10)
    assert parsing.date("2026-3-1", day) == dt.date(2026, 3, 1)
    for wrong in ("2026-02-30", "soon", "in eight weeks", ""):
        with pytest.raises(parsing.Invalid):
            parsing.date(wrong, day)
    assert parsing.number("2,5") == 2.5 and parsing.number(" 3 ") == 3
    for wrong in ("nan", "inf", "1e400", "two"):
        with pytest.raises(parsing.Invalid):
            parsing.number(wrong)
    assert parsing.baseline("Unknown") is None and parsing.baseline("?") is None
    assert parsing.direction("Down") == "decrease" and parsing.direction("same") == "maintain"
    assert parsing.locale("es-es") == "es_ES" and parsing.locale("EN") == "en"
    parsing.check_target(5, None, "increase")  # no baseline yet: any target
    with pytest.raises(parsing.Invalid, match="lower than the baseline"):
        parsing.check_target(5, 3, "decrease")


@pytest.mark.parametrize(
    ("what", "unit", "kind"),
    [
        ("anxiety", None, "rating"),
        ("times I felt anxious", "per day", "count"),
        ("mood", "1 to 5", "rating"),
        ("yoga", "minutes", "duration"),
        ("alcohol-free days", "per week", "yesno"),
        ("did my exercises", None, "yesno"),
        ("pages read", "pages", "count"),
    ],
)
def test_tracker_kinds_fit_the_measure(what: str, unit: str | None, kind: str) -> None:
    from goalsheet.guided.proposals import propose_tracker

    proposal = propose_tracker(what, unit, "g", ["mood"])
    assert proposal.fields["kind"] == kind
    assert proposal.fields["goal"] == "g"
    assert proposal.fields["id"] != "mood"
