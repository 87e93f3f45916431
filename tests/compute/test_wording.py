"""Goal wording: avoidance, vague and absolute phrasing, with kinder rephrasings."""

from __future__ import annotations

import pytest

from goalsheet.compute.wording import absolute, avoidance, vague


@pytest.mark.parametrize(
    ("title", "phrase", "suggestion"),
    [
        ("Never feel low again", "Never feel low again", "learn to cope when my mood dips"),
        (
            "Stop avoiding phone calls",
            "Stop avoiding phone calls",
            "face phone calls a step at a time",
        ),
        ("No more panic attacks", "No more panic attacks", "ride out panic"),
        (
            "I don't want to be harsh with myself",
            "don't want to be harsh with myself",
            "be kinder to myself",
        ),
        ("Get rid of my anxiety", "Get rid of my anxiety", "manage anxiety"),
        ("Drink less in the week", "less", "instead"),
        ("Avoid arguments with my partner", "Avoid arguments", "talk things through calmly"),
        ("Quit smoking", "Quit", "instead"),
    ],
)
def test_avoidance_is_found_and_rephrased(title: str, phrase: str, suggestion: str) -> None:
    note = avoidance(title)
    assert note is not None
    assert note.kind == "avoidance" and note.phrase == phrase
    assert suggestion in note.suggestion


@pytest.mark.parametrize(
    "title",
    [
        "Feel at ease in group settings",
        "Walk the dog every morning",
        "Speak up in team meetings",
        "Learn to cope when my mood dips",
        "Go to the supermarket on my own",
        "Be kinder to myself",
        # words that merely contain a trigger word are not triggers
        "Keep cooking nevertheless",
        "Feel unstoppable at the climbing wall",
        "Enjoy a blessed quiet evening",
    ],
)
def test_approach_goals_pass(title: str) -> None:
    assert avoidance(title) is None


@pytest.mark.parametrize(
    "title", ["Feel better", "Be happier", "be more confident at work", "Sort myself out"]
)
def test_vague(title: str) -> None:
    note = vague(title)
    assert note is not None and "what would you do" in note.suggestion


def test_specific_is_not_vague() -> None:
    assert vague("Go to two social gatherings a month") is None


@pytest.mark.parametrize(
    "title", ["Always stay calm", "Have a perfect week", "Be completely relaxed"]
)
def test_absolute(title: str) -> None:
    assert absolute(title) is not None


def test_most_days_is_not_absolute() -> None:
    assert absolute("Stay calm on most days") is None
