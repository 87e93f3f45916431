"""Words that are data in the YAML (a rater, a goal's status, a tracker's kind) but are shown
to people: the data keeps its English key, the page shows the word in the reader's language.
"""

from __future__ import annotations

from goalsheet.language.messages import N_, gettext

TERMS = (
    # raters
    N_("client"), N_("therapist"), N_("parent"), N_("carer"), N_("teacher"),
    # goal statuses
    N_("active"), N_("achieved"), N_("paused"), N_("dropped"), N_("revised"),
    # tracker kinds
    N_("rating"), N_("count"), N_("duration"), N_("yesno"), N_("time"), N_("text"), N_("abc"),
    # a diary's weekly summaries
    N_("average"), N_("total"), N_("days"),
    # the default word for goals
    N_("goals"),
    # directions and periods
    N_("increase"), N_("decrease"), N_("maintain"), N_("week"), N_("month"),
)  # fmt: skip


def term(word: object) -> str:
    """The word in the active language; a word goalsheet does not know is shown as it is."""
    text = "" if word is None else str(word)
    return gettext(text) if text else text
