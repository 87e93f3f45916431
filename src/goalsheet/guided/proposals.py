"""What the guided prompts suggest: the next client ID, a goal's ID, a kinder wording, and a
diary tracker that fits a goal's measure. Pure functions; the prompts decide what to ask."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from goalsheet.compute import wording
from goalsheet.language.messages import _

# --- IDs ---------------------------------------------------------------------------------

_NUMBERED = re.compile(r"^(.*?)(\d+)$")
EXAMPLE_PREFIX = "EXAMPLE-"  # init.EXAMPLE_ID, the made-up client of a new practice


def next_client_id(existing: Iterable[str]) -> str:
    """The next free ID in the practice's own pattern: after C-0142 and C-0456, C-0457.

    The pattern is the prefix most clients share (ties: the one with the highest number);
    the number keeps its zero padding. The made-up client `goalsheet init` adds
    (EXAMPLE-01) is no pattern: a practice with no other clients starts at C-0001."""
    existing = list(existing)
    taken = {name.lower() for name in existing}
    numbers: dict[tuple[str, int], list[int]] = {}
    for name in existing:
        if name.upper().startswith(EXAMPLE_PREFIX):
            continue
        match = _NUMBERED.match(name)
        if match:
            prefix, digits = match.groups()
            numbers.setdefault((prefix, len(digits)), []).append(int(digits))
    if not numbers:
        prefix, width, start = "C-", 4, 1
    else:
        counts = Counter({key: len(found) for key, found in numbers.items()})
        prefix, width = max(counts, key=lambda key: (counts[key], max(numbers[key])))
        start = max(numbers[(prefix, width)]) + 1
    candidate = start
    while f"{prefix}{candidate:0{width}d}".lower() in taken:
        candidate += 1
    return f"{prefix}{candidate:0{width}d}"


_SMALL_WORDS = {
    "a", "an", "the", "to", "my", "i", "be", "and", "of", "in", "on", "at", "for", "with",
    "more", "get", "feel", "am", "me", "it", "so", "can", "want", "will", "each", "every",
    "from", "by", "into", "than", "this", "that", "our", "your",
}  # fmt: skip


def slug(text: str, fallback: str = "goal", words: int = 3) -> str:
    """A short ID from words: "Speak up in team meetings" -> "speak-up-team"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    parts = re.findall(r"[a-z0-9]+", ascii_text.lower())
    kept = [part for part in parts if part not in _SMALL_WORDS] or parts
    made = "-".join(kept[:words])[:40].strip("-")
    return made or fallback


def unique(base: str, taken: Iterable[str]) -> str:
    """`base`, or `base-2`, `base-3`... whichever is not taken."""
    used = set(taken)
    if base not in used:
        return base
    number = 2
    while f"{base}-{number}" in used:
        number += 1
    return f"{base}-{number}"


# --- wording -----------------------------------------------------------------------------


@dataclass(frozen=True)
class WordingOffer:
    """Something noticed about a goal's title, said kindly, with a way forward."""

    kind: str  # "avoidance" | "vague" | "absolute"
    explanation: str  # one sentence
    suggestion: str | None  # an approach rephrasing to accept, when there is a good one
    question: str  # asked when the therapist types their own words


def wording_offer(title: str) -> WordingOffer | None:
    """The first thing worth saying about how `title` is worded, or None if it reads well."""
    note = wording.avoidance(title)
    if note is not None:
        return WordingOffer(
            "avoidance",
            _(
                'This is worded as getting rid of something ("{phrase}"). Goals about doing '
                "or having more of something tend to go better."
            ).format(phrase=note.phrase),
            _rephrasing(note),
            _("What would you be doing instead, if this were no longer a problem?"),
        )
    note = wording.vague(title)
    if note is not None:
        return WordingOffer(
            "vague",
            _(
                '"{phrase}" is hard to see or count; saying what would be different makes '
                "it something you can track."
            ).format(phrase=note.phrase),
            None,
            _("What would you be doing differently?"),
        )
    note = wording.absolute(title)
    if note is not None:
        return WordingOffer(
            "absolute",
            _(
                '"{phrase}" makes it all or nothing, so one slip can feel like failing; '
                '"more often" or "most days" is kinder.'
            ).format(phrase=note.phrase),
            None,
            _("How would you put it without the all-or-nothing part?"),
        )
    return None


def _rephrasing(note: wording.WordingNote) -> str | None:
    """wording's approach rephrasing as a title, when it is one (not advice) and reads well.

    Rephrasings are goals reworded in the title's own language, not messages to translate."""
    reworded = getattr(note, "rephrasing", None)
    if reworded is None:  # an older wording module: its advice starts "say what you want..."
        reworded = not note.suggestion.startswith("say ")
    if not reworded:
        return None
    title = note.suggestion[:1].upper() + note.suggestion[1:]
    if wording.avoidance(title) or wording.vague(title) or wording.absolute(title):
        return None
    return title


# --- trackers ----------------------------------------------------------------------------

_DURATION = re.compile(r"\b(minutes?|mins?|hours?|hrs?)\b", re.IGNORECASE)
_SCALE = re.compile(r"(-?\d+)\s*(?:-|\u2013|to)\s*(-?\d+)")  # 0-10, 0\u201310, 1 to 5
_OUT_OF = re.compile(r"\bout of (\d+)\b|/\s*(\d+)\b", re.IGNORECASE)
_RATING = re.compile(r"\b(rating|rated|scale|score|points?)\b", re.IGNORECASE)
_COUNTED = re.compile(
    r"\b(times|number of|how many|attacks|episodes|sessions|visits)\b", re.IGNORECASE
)
_FEELING = re.compile(
    r"\b(mood|feel|feeling|feelings|anxiety|anxious|worry|worried|stress|stressed|"
    r"confidence|confident|calm|calmness|fear|sadness|anger|pain|energy|motivation|"
    r"distress|tension)\b",
    re.IGNORECASE,
)
_DAYS_WHAT = re.compile(r"\b(days|nights|did|didn't|whether)\b", re.IGNORECASE)
_DAYS_UNIT = re.compile(r"\b(days|nights|yes/no|yes or no)\b", re.IGNORECASE)
_RATE_UNIT = re.compile(r"^\s*(per|a|an|each|every|times)\b", re.IGNORECASE)


@dataclass(frozen=True)
class TrackerProposal:
    """A diary tracker for a goal's measure, as it would be written, and why it fits."""

    fields: dict[str, Any]  # id, label, kind, and the kind's own keys, then goal
    description: str


def propose_tracker(
    what: str, unit: str | None, goal_id: str, taken: Iterable[str]
) -> TrackerProposal:
    """The diary tracker that fits a measure: minutes -> duration, a 0-10 feeling ->
    rating, days done or not -> yesno, anything else counted -> count."""
    label = what[:1].upper() + what[1:]
    tracker_id = unique(slug(what, fallback="tracker", words=2), taken)
    head: dict[str, Any] = {"id": tracker_id, "label": label}
    unit_text = unit or ""
    both = f"{what} {unit_text}"
    if _DURATION.search(both):
        fields = {**head, "kind": "duration"}
        description = _("minutes each day (a duration)")
    elif scale := _rating_scale(what, unit_text):
        low, high = scale
        fields = {**head, **_rating(low, high)}
        description = _("a rating from {low} to {high} each day").format(low=low, high=high)
    elif not _COUNTED.search(both) and (_DAYS_WHAT.search(what) or _DAYS_UNIT.search(unit_text)):
        fields = {**head, "kind": "yesno"}
        description = _("a yes or no each day")
    elif not _COUNTED.search(both) and _FEELING.search(what):
        fields = {**head, **_rating(0, 10)}
        description = _("a rating from {low} to {high} each day").format(low=0, high=10)
    else:
        fields = {**head, "kind": "count"}
        if unit and not _RATE_UNIT.match(unit):
            fields["unit"] = unit
        description = _("a count each day")
    fields["goal"] = goal_id
    return TrackerProposal(fields, description)


def _rating(low: int, high: int) -> dict[str, Any]:
    return {"kind": "rating", "min": low, "max": high, "anchors": [_("not at all"), _("very much")]}


def _rating_scale(what: str, unit: str) -> tuple[int, int] | None:
    for text in (unit, what):
        match = _SCALE.search(text)
        if match:
            low, high = int(match.group(1)), int(match.group(2))
            if 0 <= low < high <= low + 100:
                return low, high
    for text in (unit, what):
        match = _OUT_OF.search(text)
        if match:
            high = int(match.group(1) or match.group(2))
            if 0 < high <= 100:
                return 0, high
    if _RATING.search(f"{what} {unit}"):
        return 0, 10
    return None
