"""Scoring, outcomes and goal ratings: exact figures, worked by hand from DOMAIN.md's rules."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from goalsheet.compute.goal_ratings import gas_t_score, gbo_changes
from goalsheet.compute.outcomes import measure_change, outcome
from goalsheet.compute.scoring import band, is_case, jacobson_truax_threshold, score
from goalsheet.model.measures import GAD7, PHQ9, MeasureDefinition

D = dt.date(2026, 9, 1)


@pytest.mark.parametrize(
    ("total", "expected"),
    [(0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"), (14, "moderate"),
     (15, "moderately severe"), (19, "moderately severe"), (20, "severe"), (27, "severe")],
)  # fmt: skip
def test_phq9_bands_at_every_boundary(total: int, expected: str) -> None:
    assert band(PHQ9, total) == expected


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        (0, "minimal"),
        (4, "minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "severe"),
        (21, "severe"),
    ],
)
def test_gad7_bands(total: int, expected: str) -> None:
    assert band(GAD7, total) == expected


def test_phq9_total_and_item9_flag_whatever_the_total() -> None:
    low = score(PHQ9, D, [0, 0, 0, 0, 0, 0, 0, 0, 1])
    assert (low.total, low.band, low.flags) == (1, "minimal", ("item9",))
    none = score(PHQ9, D, [3, 3, 3, 3, 3, 3, 3, 3, 0])
    assert (none.total, none.band, none.flags) == (24, "severe", ())


def test_item9_flag_even_when_too_many_items_are_missing() -> None:
    result = score(PHQ9, D, [None, None, None, 1, 1, 1, 1, 1, 2])
    assert result.total is None and result.band is None
    assert result.flags == ("item9",)


def test_missing_items_are_not_zeros() -> None:
    # PHQ-9 allows no missing items by default: no total rather than a low one.
    assert score(PHQ9, D, [3, 3, 3, 3, 3, 3, 3, 3, None]).total is None
    lenient = PHQ9.model_copy(update={"max_missing": 1})
    result = score(lenient, D, [3, 3, 3, 3, 3, 3, 3, 3, None])
    assert (result.total, result.prorated, result.answered) == (27, True, 8)  # 24 * 9 / 8
    # 13 over 8 answered items -> 14.625 -> 15 (rounded half up)
    assert score(lenient, D, [2, 2, 2, 2, 2, 1, 1, 1, None]).total == 15


def test_reverse_scored_items() -> None:
    scale = MeasureDefinition(id="X", title="X", items=3, item_min=0, item_max=4, reverse=[2])
    assert score(scale, D, [4, 0, 1]).total == 4 + 4 + 1


def test_wrong_number_of_answers_is_refused() -> None:
    with pytest.raises(ValueError, match="9 items"):
        score(PHQ9, D, [1] * 8)


def test_caseness_cutoffs() -> None:
    assert (is_case(PHQ9, 9), is_case(PHQ9, 10)) == (False, True)
    assert (is_case(GAD7, 7), is_case(GAD7, 8)) == (False, True)
    assert is_case(PHQ9, None) is None


def scores(definition: MeasureDefinition, *totals: int) -> list:  # type: ignore[type-arg]
    """Administrations two weeks apart whose totals are `totals` (answers spread evenly)."""
    result = []
    for n, total in enumerate(totals):
        answers = [
            min(definition.item_max, max(0, total - definition.item_max * i))
            for i in range(definition.items)
        ]
        assert sum(answers) == total
        result.append(score(definition, D + dt.timedelta(weeks=2 * n), answers))
    return result


def test_reliable_change_uses_the_measures_threshold_inclusively() -> None:
    six = measure_change(PHQ9, scores(PHQ9, 16, 12, 10))
    assert six is not None and six.change == -6 and six.reliable_improvement
    five = measure_change(PHQ9, scores(PHQ9, 16, 11))
    assert five is not None and not five.reliable_improvement and not five.reliable_deterioration
    worse = measure_change(GAD7, scores(GAD7, 6, 10))
    assert worse is not None and worse.reliable_deterioration
    assert measure_change(PHQ9, scores(PHQ9, 16)) is None


def paired(phq: tuple[int, ...], gad: tuple[int, ...]):  # type: ignore[no-untyped-def]
    changes = [
        (PHQ9, measure_change(PHQ9, scores(PHQ9, *phq))),
        (GAD7, measure_change(GAD7, scores(GAD7, *gad))),
    ]
    return outcome([(d, c) for d, c in changes if c is not None])


def test_reliable_recovery() -> None:
    result = paired((16, 7), (13, 6))
    assert (result.caseness_first, result.caseness_latest) == (True, False)
    assert result.reliable_improvement and result.recovery and result.reliable_recovery
    assert not result.reliable_deterioration
    assert result.category == "reliable recovery"


def test_recovery_without_reliable_change() -> None:
    result = paired((11, 9), (8, 7))
    assert result.recovery and not result.reliable_improvement and not result.reliable_recovery
    assert result.category == "recovery"


def test_improvement_on_one_and_deterioration_on_the_other_is_not_improvement() -> None:
    result = paired((18, 10), (5, 12))
    assert result.reliable_deterioration and not result.reliable_improvement
    assert result.category == "reliable deterioration"


def test_not_a_case_at_first_cannot_recover() -> None:
    result = paired((8, 2), (6, 1))
    assert result.caseness_first is False and result.recovery is False
    assert result.reliable_improvement is True  # PHQ-9 fell by 6


def test_still_a_case_on_one_measure_is_not_recovery() -> None:
    result = paired((16, 5), (12, 9))
    assert result.caseness_latest and not result.recovery


def test_no_data_gives_nulls() -> None:
    result = outcome([])
    assert result.reliable_improvement is None and result.recovery is None
    assert result.category == "not enough data"


def test_jacobson_truax() -> None:
    assert jacobson_truax_threshold(5.0, 0.84) == pytest.approx(1.96 * math.sqrt(2) * 5 * 0.4)


def test_gbo_change_per_goal_and_rater() -> None:
    d = dt.date
    changes = gbo_changes(
        [
            (d(2026, 10, 15), "school", "parent", 2),
            (d(2026, 9, 17), "school", "parent", 2),
            (d(2026, 11, 12), "school", "parent", 3),
            (d(2026, 9, 17), "school", "client", 3),
            (d(2026, 11, 12), "school", "client", 7),
        ]
    )
    assert [(c.goal, c.rater, c.first, c.latest, c.change) for c in changes] == [
        ("school", "client", 3, 7, 4),
        ("school", "parent", 2, 3, 1),
    ]


def test_gas_t_score() -> None:
    assert gas_t_score([]) is None
    assert gas_t_score([(0, 1)]) == pytest.approx(50)
    assert gas_t_score([(1, 1)]) == pytest.approx(60)
    # two goals, weights 2 and 1, attainments +1 and 0: 50 + 10*2 / sqrt(0.7*5 + 0.3*9)
    assert gas_t_score([(1, 2), (0, 1)]) == pytest.approx(50 + 20 / math.sqrt(3.5 + 2.7))
    # all at -2 with equal weights over three goals: 50 + 10*(-6)/sqrt(0.7*3 + 0.3*9)
    assert gas_t_score([(-2, 1)] * 3) == pytest.approx(50 - 60 / math.sqrt(4.8))


def test_demo_client_shows_reliable_improvement_and_recovery() -> None:
    from goalsheet.project import load_project
    from helpers.project import REPO

    project = load_project(REPO)
    folder = project.client("C-0315")
    assert folder is not None
    changes = []
    for definition in (PHQ9, GAD7):
        administrations = [
            score(definition, entry.date, entry.answers)
            for doc in folder.entries
            for entry in doc.entries.measures
            if entry.measure == definition.id
        ]
        change = measure_change(definition, administrations)
        assert change is not None
        changes.append((definition, change))
    assert [c.change for _, c in changes] == [-9, -8]
    assert outcome(changes).category == "reliable recovery"
