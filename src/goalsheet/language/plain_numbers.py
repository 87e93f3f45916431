"""Numbers as a client or family reads them: rounded, in words, with plurals that agree.

NHS patient information is written for a reading age of 9 to 11: "about 3 times a week",
never "6.2"; "1 day", "2 days", never "day(s)"; "beyond your target", never "130.6% of the
way". Every phrase is a whole message (with ngettext for its plural forms), so a translator
can word it as the language does; the numbers in it are whole and grouped for the locale.
"""

from __future__ import annotations

import math

from goalsheet.language.formats import count
from goalsheet.language.messages import _, ngettext


def whole(value: float) -> int:
    """`value` rounded to a whole number, halves upward (2.5 -> 3), as people round."""
    return math.floor(value + 0.5)


def days(n: int) -> str:
    """ "1 day", "2 days"."""
    return ngettext("%(count)s day", "%(count)s days", n) % {"count": count(n)}


def times_a_week(per_week: float) -> str:
    """How often something happens: "about once a week", "about 3 times a week"."""
    n = whole(per_week)
    if per_week <= 0:
        return _("not at all")
    if n == 0:
        return _("less than once a week")
    if n == 1:
        # NOTE: one time a week (the plural forms of "about %(count)s times a week" cover
        # every other number).
        return _("about once a week")
    return ngettext("about %(count)s time a week", "about %(count)s times a week", n) % {
        "count": count(n)
    }


def days_a_week(per_week: float) -> str:
    """How many days a week a box was ticked: "about 4 days a week", "every day"."""
    n = whole(per_week)
    if per_week <= 0:
        return _("no days")
    if per_week >= 6.95:
        return _("every day")
    if n == 0:
        return _("less than one day a week")
    if n >= 7:
        return _("nearly every day")
    return ngettext("about %(count)s day a week", "about %(count)s days a week", n) % {
        "count": count(n)
    }


def minutes_a_week(minutes: float) -> str:
    """Time spent in a week: "about 45 minutes a week" (to 5 minutes), "about 3 hours a
    week" (whole hours from two hours up)."""
    if minutes <= 0:
        return _("no time")
    if minutes < 117.5:
        rounded = max(5, 5 * whole(minutes / 5))
        return ngettext(
            "about %(count)s minute a week", "about %(count)s minutes a week", rounded
        ) % {"count": count(rounded)}
    hours = whole(minutes / 60)
    return ngettext("about %(count)s hour a week", "about %(count)s hours a week", hours) % {
        "count": count(hours)
    }


def out_of(value: float, top: float, about: bool = True) -> str:
    """A rating on its scale: "about 6 out of 10"; "6 out of 10" when `about` is False and
    the rating is already whole (a rating the client gave, not an average)."""
    values = {"value": count(whole(value)), "top": count(whole(top))}
    if not about and float(value).is_integer():
        # NOTE: a rating a person gave, e.g. "6 out of 10".
        return _("%(value)s out of %(top)s") % values
    # NOTE: an average of ratings, rounded, e.g. "about 6 out of 10".
    return _("about %(value)s out of %(top)s") % values


def points(n: float) -> str:
    """A difference between two ratings: "1 point", "4 points" (rounded)."""
    rounded = whole(abs(n))
    return ngettext("%(count)s point", "%(count)s points", rounded) % {"count": count(rounded)}


# How far from the start to the target, as a share of the way, and the words for it.
HALFWAY_FROM = 35.0
MOST_OF_THE_WAY_FROM = 65.0
BEYOND_FROM = 110.0  # 100 to 110: the target reached; more than that: beyond it


def toward_target(percent: float | None) -> str | None:
    """Progress from the start toward a target in words: "You are about halfway to your
    target.", "You have gone beyond your target."; None when it cannot be said."""
    if percent is None:
        return None
    if percent >= BEYOND_FROM:
        return _("You have gone beyond your target.")
    if percent >= 100:
        return _("You have reached your target.")
    if percent >= MOST_OF_THE_WAY_FROM:
        return _("You are most of the way to your target.")
    if percent >= HALFWAY_FROM:
        return _("You are about halfway to your target.")
    if percent > 0:
        return _("You have made a start toward your target.")
    return _("It has not moved toward your target yet; that is worth talking about together.")
