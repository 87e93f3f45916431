"""What a report can use, what it notes, and the figures it shows: exact values on small data.

Every expected value below is worked out by hand from the rules in the source (see the
comment next to each), so a test fails when a rule changes, not only when the code crashes.
"""

from __future__ import annotations

import copy
import datetime as dt
import random
from typing import Any

import pytest

from goalsheet.compute.attention import attention
from goalsheet.compute.figures import Agreement, GoalProgress, ReviewDates
from goalsheet.compute.progress import progress
from goalsheet.compute.trends import Level, levels, trend
from goalsheet.compute.usable import Note, administrations, diary_values, ratings
from goalsheet.model.client import ClientSheet
from goalsheet.model.entries import EntryFile
from goalsheet.model.measures import BUILTIN_MEASURES, MeasureDefinition
from goalsheet.report.report_json import attention_json, report_json
from helpers.progress import critical_answer, measure_change

TODAY = dt.date(2026, 11, 20)  # a Friday
CADENCE = "6 weeks"
D = dt.date


def sheet_data() -> dict[str, Any]:
    """A small client sheet: two active goals, three trackers, raters client and therapist."""
    return {
        "client": {"id": "C-0900", "started": D(2026, 9, 1), "raters": ["client", "therapist"]},
        "goals": [
            {
                "id": "walks",
                "title": "Walk three times a week",
                "measure": {
                    "what": "walks",
                    "unit": "per week",
                    "baseline": 0,
                    "target": 3,
                    "tracker": "walked",
                },
            },
            {"id": "sleep", "title": "Sleep through the night"},
        ],
        "trackers": [
            {"id": "mood", "label": "Mood", "kind": "rating", "min": 1, "max": 10},
            {"id": "panic", "label": "Panic attacks", "kind": "count"},
            {"id": "walked", "label": "Went for a walk", "kind": "yesno", "goal": "walks"},
        ],
    }


SHEET = ClientSheet.model_validate(sheet_data())
MOOD, PANIC, WALKED = SHEET.trackers


def entry(**fields: Any) -> EntryFile:
    return EntryFile.model_validate(fields)


def phq9(date: dt.date, answers: list[int | None]) -> dict[str, Any]:
    return {"date": date, "measure": "PHQ-9", "answers": answers}


def report(entries: list[EntryFile], sheet: ClientSheet = SHEET, **kw: Any) -> dict[str, Any]:
    measures = kw.pop("measures", BUILTIN_MEASURES)
    return report_json(progress(sheet, entries, measures, CADENCE, kw.pop("today", TODAY), **kw))


# --- questionnaires: what can be scored ------------------------------------------------------


def test_phq9_with_eight_answers_is_left_out_with_a_note() -> None:
    files = [entry(measures=[phq9(D(2026, 11, 2), [1, 1, 1, 1, 1, 1, 1, 1])])]
    usable, notes = administrations(files, BUILTIN_MEASURES, TODAY)
    assert usable == []
    # 8 answers given, PHQ-9 has 9 items.
    assert notes == [Note("PHQ-9 on 2026-11-02", "8 answers for 9 questions; left out")]


def test_phq9_answer_out_of_range_is_left_out_naming_the_items() -> None:
    files = [
        entry(
            measures=[
                phq9(D(2026, 11, 2), [0, 0, 4, 0, 0, 0, 0, 0, 0]),  # item 3 is 4 > 3
                phq9(D(2026, 11, 9), [1, 1, 4, 1, 1, 1, -1, 1, 0]),  # items 3 (4) and 7 (-1)
            ]
        )
    ]
    usable, notes = administrations(files, BUILTIN_MEASURES, TODAY)
    assert usable == []
    assert notes == [
        Note("PHQ-9 on 2026-11-02", "answer to item 3 is outside 0 to 3; left out"),
        Note("PHQ-9 on 2026-11-09", "answer to item 3, 7 is outside 0 to 3; left out"),
    ]


def test_unanswered_item_with_no_missing_allowed_has_no_total() -> None:
    files = [entry(measures=[phq9(D(2026, 11, 2), [3, 3, 3, 3, 3, 3, 3, 3, None])])]
    usable, notes = administrations(files, BUILTIN_MEASURES, TODAY)
    # Kept (it was given) but noted: 1 missing > max_missing 0 for PHQ-9.
    assert [u.date for u in usable] == [D(2026, 11, 2)]
    assert notes == [
        Note("PHQ-9 on 2026-11-02", "1 unanswered question, too many to score; no total")
    ]
    scored = report(files)["measures"]
    # Not 24 (the sum of the 8 answers): no total, and so no band.
    assert len(scored) == 1
    assert (scored[0]["total"], scored[0]["band"], scored[0]["answered"]) == (None, None, 8)


SLEEP5 = MeasureDefinition(
    id="SLEEP-5", title="Sleep scale", items=5, item_min=0, item_max=4, max_missing=1
)


def test_custom_measure_with_one_unanswered_item_is_prorated_half_up() -> None:
    measures = {**BUILTIN_MEASURES, "SLEEP-5": SLEEP5}
    files = [
        entry(
            measures=[
                {"date": D(2026, 11, 2), "measure": "SLEEP-5", "answers": [1, 1, 0, 0, None]},
                {"date": D(2026, 11, 9), "measure": "SLEEP-5", "answers": [4, 4, 3, None, 4]},
            ]
        )
    ]
    usable, notes = administrations(files, measures, TODAY)
    assert len(usable) == 2
    assert notes == [
        Note("SLEEP-5 on 2026-11-02", "1 unanswered; the total is prorated"),
        Note("SLEEP-5 on 2026-11-09", "1 unanswered; the total is prorated"),
    ]
    scored = report(files, measures=measures)["measures"]
    # 11-02: answered 1+1+0+0 = 2 over 4 items, mean 0.5 x 5 items = 2.5 -> 3 (half up, not 2)
    # 11-09: answered 4+4+3+4 = 15 over 4 items, mean 3.75 x 5 items = 18.75 -> 19
    assert [(s["date"], s["total"], s["answered"], s["prorated"]) for s in scored] == [
        ("2026-11-02", 3, 4, True),
        ("2026-11-09", 19, 4, True),
    ]


def test_undefined_measure_is_noted_and_future_administrations_are_dropped_silently() -> None:
    files = [
        entry(
            measures=[
                {"date": D(2026, 11, 2), "measure": "BDI-II", "answers": [1, 2, 3]},
                phq9(TODAY, [0, 0, 0, 0, 0, 0, 0, 0, 0]),  # today: kept
                # after today: dropped without a note, even though wrong or unknown
                phq9(D(2026, 11, 21), [1, 1]),
                {"date": D(2026, 12, 1), "measure": "BDI-II", "answers": [1]},
            ]
        )
    ]
    usable, notes = administrations(files, BUILTIN_MEASURES, TODAY)
    assert [(u.measure, u.date) for u in usable] == [("PHQ-9", TODAY)]
    assert notes == [
        Note(
            "BDI-II on 2026-11-02",
            "'BDI-II' is not defined, or its definition in goalsheet.yaml has errors (see `goalsheet check`); left out",
        )
    ]


# --- order of entries ------------------------------------------------------------------------


def _raw_files() -> list[dict[str, Any]]:
    """A few weeks of mixed data in date order, one dict per entries file."""
    return [
        {
            "measures": [
                phq9(D(2026, 10, 5), [2, 2, 2, 2, 1, 1, 1, 1, 0]),
                {"date": D(2026, 10, 6), "measure": "GAD-7", "answers": [2, 2, 1, 1, 1, 1, 1]},
            ],
            "ratings": [
                {"date": D(2026, 10, 5), "goal": "walks", "rater": "client", "gbo": 2},
                {"date": D(2026, 10, 6), "goal": "walks", "rater": "therapist", "gbo": 3},
                {"date": D(2026, 10, 7), "goal": "sleep", "gas": -1, "weight": 2},
            ],
        },
        {
            "diary": {
                D(2026, 10, 5): {"mood": 4, "panic": 3, "walked": False},
                D(2026, 10, 6): {"mood": 5, "panic": 2, "walked": True},
                D(2026, 10, 8): {"mood": 14, "panic": 1},
                D(2026, 10, 20): {"mood": 6, "panic": -2, "walked": True},
            }
        },
        {
            "reviews": [{"date": D(2026, 10, 19), "progress": "steady", "goals": ["walks"]}],
            "ratings": [
                {"date": D(2026, 10, 19), "goal": "walks", "rater": "mum", "gbo": 5},
                {"date": D(2026, 10, 20), "goal": "jobs", "rater": "client", "gbo": 5},
            ],
        },
        {
            "diary": {
                D(2026, 11, 2): {"mood": 7, "panic": 0, "walked": True},
                D(2026, 11, 3): {"mood": 8, "walked": True},
                D(2026, 11, 12): {"mood": 7, "panic": 1, "walked": False},
            },
            "measures": [
                phq9(D(2026, 11, 2), [1, 1, 1, 1, 1, 0, 0, 0, 0]),
                {"date": D(2026, 11, 3), "measure": "GAD-7", "answers": [1, 1, 1, 0, 0, 0, 0]},
            ],
            "ratings": [
                {"date": D(2026, 11, 2), "goal": "walks", "rater": "client", "gbo": 6},
                {"date": D(2026, 11, 9), "goal": "walks", "rater": "therapist", "gbo": 5},
                {"date": D(2026, 11, 10), "goal": "sleep", "gas": 1, "weight": 2},
            ],
            "reviews": [{"date": D(2026, 11, 16), "progress": "better"}],
        },
        {  # after today: left out whatever its place
            "diary": {D(2026, 11, 23): {"mood": 1, "panic": 9}},
            "measures": [phq9(D(2026, 11, 23), [3, 3, 3, 3, 3, 3, 3, 3, 3])],
            "ratings": [{"date": D(2026, 11, 23), "goal": "walks", "rater": "client", "gbo": 0}],
        },
    ]


def _shuffled(files: list[dict[str, Any]], seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    result = []
    for raw in copy.deepcopy(files):
        for key in ("measures", "ratings", "reviews"):
            if key in raw:
                rng.shuffle(raw[key])
        if "diary" in raw:
            days = list(raw["diary"].items())
            rng.shuffle(days)
            raw["diary"] = dict(days)
        result.append(raw)
    rng.shuffle(result)
    return result


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_entries_out_of_date_order_give_the_same_report(seed: int) -> None:
    in_order = report([entry(**raw) for raw in _raw_files()])
    shuffled = _shuffled(_raw_files(), seed)
    assert shuffled != _raw_files()
    assert report([entry(**raw) for raw in shuffled]) == in_order
    reversed_files = [entry(**raw) for raw in reversed(_raw_files())]
    assert report(reversed_files) == in_order
    # Not a vacuous comparison: the report has real figures.
    # PHQ-9 2+2+2+2+1+1+1+1+0 = 12 -> 1+1+1+1+1 = 5; GAD-7 9 -> 3.
    assert [(m["measure"], m["total"]) for m in in_order["measures"]] == [
        ("PHQ-9", 12),
        ("PHQ-9", 5),
        ("GAD-7", 9),
        ("GAD-7", 3),
    ]
    assert in_order["review"]["last"] == "2026-11-16"
    assert in_order["goals"][0]["gbo"]["client"]["latest"] == 6


def test_same_day_questionnaires_and_ratings_in_either_order_give_the_same_report() -> None:
    # Valid data (`check` finds no duplicate): PHQ-9 and GAD-7 on one day, as in the demo
    # sessions, and client and therapist rating a goal on one day.
    raw = {
        "measures": [
            phq9(D(2026, 10, 5), [2, 2, 2, 2, 1, 1, 1, 1, 0]),
            {"date": D(2026, 10, 5), "measure": "GAD-7", "answers": [2, 2, 1, 1, 1, 1, 1]},
            phq9(D(2026, 11, 2), [1, 1, 1, 1, 1, 0, 0, 0, 0]),
            {"date": D(2026, 11, 2), "measure": "GAD-7", "answers": [1, 1, 1, 0, 0, 0, 0]},
        ],
        "ratings": [
            {"date": D(2026, 10, 5), "goal": "walks", "rater": "client", "gbo": 2},
            {"date": D(2026, 10, 5), "goal": "walks", "rater": "therapist", "gbo": 3},
        ],
    }
    swapped = {key: list(reversed(items)) for key, items in raw.items()}
    assert report([entry(**swapped)]) == report([entry(**raw)])


def test_same_day_gas_ratings_by_two_raters_do_not_depend_on_their_order() -> None:
    # Client GAS +1 and therapist GAS -1 of one goal on one day (not a duplicate: two raters).
    # Today the later one in the file wins: T = 50 + 10*1/sqrt(0.7 + 0.3) = 60, or 40.
    rated = [
        {"date": D(2026, 11, 2), "goal": "walks", "rater": "client", "gas": 1},
        {"date": D(2026, 11, 2), "goal": "walks", "rater": "therapist", "gas": -1},
    ]
    one = report([entry(ratings=rated)])
    other = report([entry(ratings=list(reversed(rated)))])
    assert (one["gas_t_score"], one["goals"][0]["gas"]) == (
        other["gas_t_score"],
        other["goals"][0]["gas"],
    )


# --- goal ratings ----------------------------------------------------------------------------


def test_rating_by_unlisted_rater_is_kept_and_noted_once_with_a_count() -> None:
    files = [
        entry(
            ratings=[
                {"date": D(2026, 10, 1), "goal": "walks", "rater": "mum", "gbo": 3},
                {"date": D(2026, 10, 8), "goal": "walks", "rater": "client", "gbo": 4},
            ]
        ),
        entry(ratings=[{"date": D(2026, 11, 1), "goal": "sleep", "rater": "mum", "gbo": 6}]),
    ]
    usable, notes = ratings(SHEET, files, TODAY)
    assert [(r.date, r.rater) for r in usable] == [
        (D(2026, 10, 1), "mum"),
        (D(2026, 10, 8), "client"),
        (D(2026, 11, 1), "mum"),
    ]
    assert notes == [
        Note(
            "rater 'mum'",
            "2 ratings by 'mum', who is not among the client's raters (client, therapist); "
            "shown under that name",
        )
    ]


def test_rating_of_a_goal_not_on_the_sheet_is_left_out_with_a_note() -> None:
    files = [
        entry(
            ratings=[
                {"date": D(2026, 11, 3), "goal": "jobs", "rater": "client", "gbo": 7},
                {"date": D(2026, 11, 4), "goal": "walks", "rater": "client", "gbo": 7},
            ]
        )
    ]
    usable, notes = ratings(SHEET, files, TODAY)
    assert [r.goal for r in usable] == ["walks"]
    assert notes == [
        Note("rating on 2026-11-03", "rates goal 'jobs', which is not on the sheet; left out")
    ]


def test_single_gbo_rating_says_change_shows_from_the_second() -> None:
    files = [
        entry(ratings=[{"date": D(2026, 10, 1), "goal": "walks", "rater": "client", "gbo": 4}])
    ]
    data = report(files)
    walks = data["goals"][0]
    assert walks["gbo"] == {
        "client": {
            "first": 4,
            "latest": 4,
            "change": 0,
            "first_date": "2026-10-01",
            "latest_date": "2026-10-01",
            "ratings": 1,
        }
    }
    assert walks["agreement"] is None  # one rater
    assert data["notes"] == [
        {
            "about": "goal 'walks'",
            "message": "one rating so far from client: change shows from the second rating",
        }
    ]


def test_agreement_has_each_raters_latest_and_the_spread() -> None:
    files = [
        entry(
            ratings=[
                {"date": D(2026, 10, 1), "goal": "walks", "rater": "client", "gbo": 3},
                {"date": D(2026, 10, 1), "goal": "walks", "rater": "therapist", "gbo": 4},
                {"date": D(2026, 11, 1), "goal": "walks", "rater": "client", "gbo": 6},
                {"date": D(2026, 11, 10), "goal": "walks", "rater": "therapist", "gbo": 5},
                {"date": D(2026, 10, 2), "goal": "sleep", "rater": "client", "gbo": 2},
                {"date": D(2026, 11, 2), "goal": "sleep", "rater": "client", "gbo": 5},
            ]
        )
    ]
    walks, sleep = report(files)["goals"]
    # Latest: client 6 (11-01), therapist 5 (11-10); spread 6 - 5 = 1.
    assert walks["agreement"] == {"latest": {"client": 6, "therapist": 5}, "spread": 1}
    assert (walks["gbo"]["client"]["change"], walks["gbo"]["client"]["ratings"]) == (3, 2)
    assert (walks["gbo"]["therapist"]["change"], walks["gbo"]["therapist"]["ratings"]) == (1, 2)
    assert len(walks["ratings"]) == 4
    # Only the client rates sleep: nothing to compare.
    assert sleep["agreement"] is None
    assert sleep["gbo"]["client"]["change"] == 3  # 5 - 2


# --- no data at all --------------------------------------------------------------------------


def test_no_data_at_all() -> None:
    raw = sheet_data()
    raw["goals"].append({"id": "paused", "title": "Learn to swim", "status": "paused"})
    data = report([], sheet=ClientSheet.model_validate(raw))
    assert data["notes"][0] == {
        "about": "all data",
        "message": "nothing recorded yet: no diary, ratings or questionnaires",
    }
    assert data["outcome"] == {
        "caseness_first": None,
        "caseness_latest": None,
        "reliable_improvement": None,
        "reliable_deterioration": None,
        "recovery": None,
        "reliable_recovery": None,
        "category": "not enough data",
    }
    assert (data["measures"], data["changes"], data["trends"], data["gas_t_score"]) == (
        [],
        [],
        [],
        None,
    )
    no_data = [item for item in data["attention"] if item["kind"] == "no_data"]
    # The two active goals; the paused one is not expected to have data.
    assert no_data == [
        {
            "kind": "no_data",
            "urgent": False,
            "goals": ["walks", "sleep"],
            "message": "no ratings or diary data yet for 2 active goals: "
            "“Walk three times a week”; “Sleep through the night”",
        }
    ]


# --- diary values ----------------------------------------------------------------------------


def test_rating_outside_the_trackers_scale_is_left_out_with_a_note() -> None:
    files = [
        entry(diary={D(2026, 11, 2): {"mood": 7}, D(2026, 11, 3): {"mood": 14}}),
        entry(diary={D(2026, 11, 4): {"mood": 0}, D(2026, 11, 5): {"mood": 10}}),
        entry(diary={D(2026, 11, 6): {"mood": 1}, D(2026, 11, 7): {"mood": None}}),
    ]
    values, notes = diary_values(MOOD, files, TODAY)
    # Scale 1-10: 14 and 0 are outside; 1 and 10 are its ends; None is just missing.
    assert values == {D(2026, 11, 2): 7, D(2026, 11, 5): 10, D(2026, 11, 6): 1}
    assert notes == [
        Note(
            "diary: Mood",
            "2 values do not fit the tracker's scale (2026-11-03, 2026-11-04); left out",
        )
    ]


def test_negative_counts_are_left_out() -> None:
    files = [
        entry(
            diary={
                D(2026, 11, 2): {"panic": -1},
                D(2026, 11, 3): {"panic": 0},
                D(2026, 11, 4): {"panic": -3},
                D(2026, 11, 5): {"panic": 2},
                D(2026, 11, 6): {"panic": -1},
                D(2026, 11, 7): {"panic": -2},
                D(2026, 11, 25): {"panic": -4},  # after today: ignored, not noted
            }
        )
    ]
    values, notes = diary_values(PANIC, files, TODAY)
    assert values == {D(2026, 11, 3): 0, D(2026, 11, 5): 2}
    # Four negatives up to today: the first three days listed, then "and 1 more".
    assert notes == [
        Note(
            "diary: Panic attacks",
            "4 values do not fit the tracker's scale "
            "(2026-11-02, 2026-11-04, 2026-11-06 and 1 more); left out",
        )
    ]


# --- chart levels ----------------------------------------------------------------------------

MON = D(2026, 10, 5)  # a Monday


def test_levels_weekly_with_an_empty_week_as_a_gap() -> None:
    values = {
        MON: 2,  # week of 10-05: total 2 over 1 day
        MON + dt.timedelta(days=1): 1,  # -> total 3 over 2 days
        MON + dt.timedelta(days=16): 4,  # Wed 10-21, week of 10-19: total 4
    }
    period, points = levels(trend("panic", "count", values, TODAY))
    assert period == "week"
    assert points == [
        Level(D(2026, 10, 5), 3.0, 2),
        Level(D(2026, 10, 12), None, 0),  # nothing recorded: a gap, never 0
        Level(D(2026, 10, 19), 4.0, 1),
    ]


def test_levels_stay_weekly_up_to_26_weeks_then_go_monthly() -> None:
    # 25 weeks after the first Monday is the 26th week; 26 weeks after is the 27th.
    weekly = {MON: 1, MON + dt.timedelta(weeks=25): 1}
    period, points = levels(trend("panic", "count", weekly, D(2027, 12, 31)))
    assert (period, len(points)) == ("week", 26)
    monthly = {MON: 1, MON + dt.timedelta(weeks=26): 1}
    period, points = levels(trend("panic", "count", monthly, D(2027, 12, 31)))
    # 2026-10-05 + 26 weeks = 2027-04-05: October 2026 to April 2027 is 7 months.
    assert (period, len(points)) == ("month", 7)


def test_levels_by_month_for_a_count_over_sixty_weeks() -> None:
    first = D(2025, 1, 6)  # a Monday
    last = D(2026, 2, 23)  # a Monday, 59 weeks later: 60 weeks in all
    assert (last - first).days == 59 * 7
    values = {
        # January 2025: week of 01-06 total 2+1 = 3, week of 01-13 total 5 -> mean 4.0, 3 days
        D(2025, 1, 6): 2,
        D(2025, 1, 7): 1,
        D(2025, 1, 15): 5,
        # February 2025: nothing
        # March 2025: week of 03-03 total 0 (a real zero), week of 03-24 total 1 -> 0.5, 2 days
        D(2025, 3, 3): 0,
        D(2025, 3, 30): 1,
        # April 2025 - January 2026: nothing
        # February 2026: week of 02-09 total 3, week of 02-23 total 7 -> mean 5.0, 4 days
        D(2026, 2, 9): 1,
        D(2026, 2, 10): 1,
        D(2026, 2, 11): 1,
        D(2026, 2, 23): 7,
    }
    period, points = levels(trend("panic", "count", values, D(2026, 3, 1)))
    assert period == "month"
    empty = [Level(D(2025, month, 1), None, 0) for month in range(4, 13)]  # April - December 2025
    assert points == [
        Level(D(2025, 1, 1), 4.0, 3),
        Level(D(2025, 2, 1), None, 0),
        Level(D(2025, 3, 1), 0.5, 2),
        *empty,
        Level(D(2026, 1, 1), None, 0),
        Level(D(2026, 2, 1), 5.0, 4),
    ]


def test_levels_by_month_for_a_rating_weight_days_not_weeks() -> None:
    values = {
        # May 2025, week of 05-05: 2 and 4 (mean 3, 2 days); week of 05-12: 9 (1 day).
        # Day-weighted: (3*2 + 9*1) / 3 = 15 / 3 = 5.0 (a mean of week means would be 6.0).
        D(2025, 5, 5): 2,
        D(2025, 5, 6): 4,
        D(2025, 5, 14): 9,
        # December 2025, week of 12-01: 6 -> 6.0 over 1 day (30 weeks after 05-05)
        D(2025, 12, 3): 6,
    }
    period, points = levels(trend("mood", "rating", values, D(2026, 1, 1)))
    assert period == "month"
    assert points[0] == Level(D(2025, 5, 1), 5.0, 3)
    assert points[1:7] == [Level(D(2025, month, 1), None, 0) for month in range(6, 12)]
    assert points[7:] == [Level(D(2025, 12, 1), 6.0, 1)]


def test_progress_trend_chart_points() -> None:
    files = [entry(diary={MON: {"panic": 2}, MON + dt.timedelta(days=15): {"panic": 5}})]
    (panic,) = report(files)["trends"]
    assert panic["chart"] == {
        "period": "week",
        "points": [
            {"start": "2026-10-05", "level": 2, "days": 1},
            {"start": "2026-10-12", "level": None, "days": 0},
            {"start": "2026-10-19", "level": 5, "days": 1},
        ],
    }


# --- what needs attention --------------------------------------------------------------------


def test_item9_flag_is_urgent_and_first_even_with_a_minimal_total() -> None:
    files = [entry(measures=[phq9(D(2026, 11, 2), [0, 0, 0, 0, 0, 0, 0, 0, 1])])]
    data = report(files)
    # Total 0*8 + 1 = 1: band "minimal" (0-4), but item 9 >= 1 raises the flag.
    assert (data["measures"][0]["total"], data["measures"][0]["band"]) == (1, "minimal")
    assert data["attention"][0] == {
        "kind": "critical",
        "urgent": True,
        "item": 9,
        "measure": "PHQ-9",
        "date": "2026-11-02",
        "message": "PHQ-9 item 9 on 2026-11-02: 1 (Several days). "
        "thoughts of being better off dead or of self-harm: follow up today",
    }
    # The non-urgent items (no review since the start, goals without data) come after it.
    assert [item["kind"] for item in data["attention"]] == [
        "critical",
        "review_overdue",
        "no_data",
    ]


@pytest.mark.parametrize(
    ("latest", "total", "deteriorated"),
    [
        ([2, 2, 2, 2, 1, 1, 1, 1, 0], 12, True),  # 12 - 5 = 7 >= 6
        ([2, 2, 2, 1, 1, 1, 1, 1, 0], 11, True),  # 11 - 5 = 6 >= 6: exactly the threshold
        ([2, 2, 1, 1, 1, 1, 1, 1, 0], 10, False),  # 10 - 5 = 5 < 6
    ],
)
def test_reliable_deterioration_is_urgent(
    latest: list[int | None], total: int, deteriorated: bool
) -> None:
    files = [
        entry(
            measures=[
                phq9(D(2026, 10, 5), [1, 1, 1, 1, 1, 0, 0, 0, 0]),  # 5, mild
                phq9(D(2026, 11, 2), latest),
            ],
            reviews=[{"date": D(2026, 11, 16)}],
        )
    ]
    data = report(files)
    (change,) = data["changes"]
    assert (change["first"]["total"], change["latest"]["total"]) == (5, total)
    items = [item for item in data["attention"] if item["kind"] == "deterioration"]
    if deteriorated:
        assert data["outcome"]["category"] == "reliable deterioration"
        assert data["attention"][0] == {
            "kind": "deterioration",
            "urgent": True,
            "measure": "PHQ-9",
            "message": f"PHQ-9 rose from 5 to {total}, a reliable deterioration (threshold 6)",
        }
    else:
        assert data["outcome"]["category"] == "no reliable change"
        assert items == []


@pytest.mark.parametrize(
    ("review", "overdue"),
    [
        (D(2026, 10, 6), True),  # next due 10-06 + 6 weeks = 11-17, 3 days before today
        (D(2026, 10, 9), False),  # next due 11-20: today, not yet overdue
    ],
)
def test_overdue_review_is_a_non_urgent_item(review: dt.date, overdue: bool) -> None:
    files = [
        entry(
            reviews=[{"date": review}],
            ratings=[
                {"date": D(2026, 10, 1), "goal": "walks", "rater": "client", "gbo": 3},
                {"date": D(2026, 11, 1), "goal": "sleep", "rater": "client", "gbo": 3},
            ],
        )
    ]
    data = report(files)
    if overdue:
        assert data["attention"] == [
            {
                "kind": "review_overdue",
                "urgent": False,
                "message": "goal review overdue: it was due on 2026-11-17",
            }
        ]
    else:
        assert data["review"]["next_due"] == "2026-11-20"
        assert data["attention"] == []


@pytest.mark.parametrize(
    ("therapist", "disagree"),
    [(5, True), (6, False), (0, True)],  # client 8: apart by 3, 2 and 8
)
def test_raters_three_or_more_apart_disagree(therapist: int, disagree: bool) -> None:
    files = [
        entry(
            ratings=[
                {"date": D(2026, 10, 1), "goal": "walks", "rater": "client", "gbo": 2},
                {"date": D(2026, 11, 1), "goal": "walks", "rater": "client", "gbo": 8},
                {"date": D(2026, 11, 2), "goal": "walks", "rater": "therapist", "gbo": therapist},
                {"date": D(2026, 11, 2), "goal": "sleep", "rater": "client", "gbo": 4},
            ],
            reviews=[{"date": D(2026, 11, 16)}],
        )
    ]
    data = report(files)
    items = [item for item in data["attention"] if item["kind"] == "disagreement"]
    if disagree:
        assert items == [
            {
                "kind": "disagreement",
                "urgent": False,
                "goal": "walks",
                "message": f"raters see “Walk three times a week” differently "
                f"(client 8, therapist {therapist})",
            }
        ]
    else:
        assert items == []


def test_attention_from_a_hand_made_report_puts_urgent_items_first() -> None:
    # The figures `progress` computes, cut down to what attention reads.
    critical = [
        critical_answer(D(2026, 10, 5)),
        critical_answer(D(2026, 9, 7), followed_up=D(2026, 9, 8), answer=2,
                        words="More than half the days"),
    ]  # fmt: skip
    changes = [
        measure_change("PHQ-9", (D(2026, 9, 7), 5), (D(2026, 11, 2), 12),
                       threshold=6, reliable_deterioration=True)
    ]  # fmt: skip
    review = ReviewDates(None, D(2026, 11, 17), True, CADENCE)
    goals = [
        GoalProgress("walks", "Walk", "active", has_data=True,
                     agreement=Agreement({"client": 8, "therapist": 5}, 3)),
        GoalProgress("swim", "Swim", "paused", has_data=False),
    ]  # fmt: skip
    items = [attention_json(item) for item in attention(critical, changes, review, goals)]
    # The critical answer of 2026-10-05 is not followed up: urgent, even though a later
    # questionnaire was calm. The one of 2026-09-07 was followed up: not listed.
    assert [(item["kind"], item["urgent"]) for item in items] == [
        ("critical", True),
        ("deterioration", True),
        ("review_overdue", False),
        ("disagreement", False),
    ]
    assert items[0]["message"] == "PHQ-9 item 9 on 2026-10-05: 1 (Several days). follow up today"
    assert items[3]["message"] == "raters see “Walk” differently (client 8, therapist 5)"
