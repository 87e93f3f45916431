"""How a goal is worded: avoidance, vague and absolute phrasing, with approach rephrasings.

Goals worded as getting rid of something do less well than goals worded as doing or having
more of something; vague wishes cannot be tracked; absolute goals ("always", "perfect") set
a client up to fail. Pure functions over text, shared by `check` and the guided prompts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class WordingNote:
    """One thing noticed about a goal's wording, and a kinder way to put it."""

    kind: str  # "avoidance" | "vague" | "absolute"
    phrase: str  # the words that triggered it, as written
    suggestion: str


# Specific rephrasings first: (pattern, approach version). "{0}" is the captured object.
_REPHRASINGS: list[tuple[str, str]] = [
    (r"\bnever feel (low|sad|down|depressed)( again)?\b", "learn to cope when my mood dips"),
    (r"\bstop (worrying|overthinking)\b", "handle worries when they come, and let them pass"),
    (r"\bstop avoiding ([\w' ]+)", "face {0} a step at a time"),
    (
        r"\b(no more|stop having|get rid of( my)?) panic( attacks)?\b",
        "feel able to ride out panic when it starts",
    ),
    (
        r"\bget rid of (my )?(anxiety|worry|worries)\b",
        "manage anxiety so it no longer holds me back",
    ),
    (r"\bless (anxious|nervous|worried)\b", "feel calmer and more at ease"),
    (
        r"\b(stop|no more) (arguing|arguments|fighting|shouting)\b",
        "talk things through calmly, even when we disagree",
    ),
    (r"\bavoid (arguments|conflict|fights)\b", "talk things through calmly, even when we disagree"),
    (r"\b(don't|do not|not) (want to )?be (so )?harsh (on|with) myself\b", "be kinder to myself"),
    (r"\bstop (being )?(so )?(lazy|unmotivated)\b", "do one thing I care about each day"),
    (r"\bstop (isolating|hiding away)\b", "spend time with people I like each week"),
]

_AVOIDANCE = re.compile(
    r"\b(stop|stopping|don't|do not|dont|no more|never|less|avoid|avoiding|"
    r"get rid of|quit|not be|not feel|without)\b",
    re.IGNORECASE,
)

_VAGUE = re.compile(
    r"\b(feel better|be happier|be happy|feel happier|be more confident|feel more confident|"
    r"get better|sort (myself|my life|things) out|be normal|feel normal|be okay|be ok|"
    r"feel good|improve my life|be a better person|be less stressed|have a better life|"
    r"move on)\b",
    re.IGNORECASE,
)

_ABSOLUTE = re.compile(
    r"\b(always|perfect|perfectly|completely|totally|forever|every single|100 ?%)\b",
    re.IGNORECASE,
)


def avoidance(text: str) -> WordingNote | None:
    """The first avoidance phrase in `text` with an approach rephrasing, or None."""
    for pattern, template in _REPHRASINGS:
        match = re.search(pattern, text, re.IGNORECASE)
        if match:
            captured = match.group(1).strip() if match.groups() and "{0}" in template else ""
            return WordingNote("avoidance", match.group(0), template.format(captured))
    match = _AVOIDANCE.search(text)
    if match is None:
        return None
    return WordingNote(
        "avoidance",
        match.group(0),
        "say what you want to do or have more of instead: what would you be doing "
        "if this were no longer a problem?",
    )


def vague(text: str) -> WordingNote | None:
    """A vague wish in `text` ("feel better") with a question that makes it specific."""
    match = _VAGUE.search(text)
    if match is None:
        return None
    return WordingNote(
        "vague",
        match.group(0),
        f"ask what would be different if you could '{match.group(0).lower()}': what would "
        "you do, how often, and how would someone else notice? Write that as the goal's "
        "'specific' part and measure.",
    )


def absolute(text: str) -> WordingNote | None:
    """All-or-nothing words ("always", "perfect") that make a goal hard to reach."""
    match = _ABSOLUTE.search(text)
    if match is None:
        return None
    return WordingNote(
        "absolute",
        match.group(0),
        "all-or-nothing goals turn every slip into a failure; aim for 'more often' or "
        "'most days' instead",
    )
