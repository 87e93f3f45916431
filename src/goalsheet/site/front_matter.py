"""A page's front matter as goalsheet reads it, when the page was written for another tool.

Pages copied from an MkDocs (or Jekyll, Hugo...) site carry keys goalsheet does not know:
`hide`, `template`, `icon`, `status`, `authors`, `date`... Such a page is still published,
from the keys goalsheet knows, and each unknown key is a warning (GS317) on its line, so
`--strict` can stop on it and a typo in a known key ("sumary:") does not pass unseen.
MkDocs' `description:` says what `summary:` says, so it is read as the summary when the page
has none. A wrong value of a known key stays an error: the page is left out until fixed.
"""

from __future__ import annotations

import difflib

from goalsheet.findings import Finding, Severity
from goalsheet.language.messages import _
from goalsheet.model.page import SUMMARY_MAX, PageMeta
from goalsheet.project.validate import validate
from goalsheet.read.markdown_source import PageSource
from goalsheet.read.source_map import YamlDocument

UNKNOWN_KEY = "GS317"
KNOWN_KEYS = frozenset(PageMeta.model_fields)
DESCRIPTION = "description"  # MkDocs' and Material's name for the page's summary
SUMMARY = "summary"


def page_meta(source: PageSource) -> tuple[PageMeta, list[Finding]]:
    """The page's front matter, and a warning for each key goalsheet does not use.
    Raises GoalsheetError (file, line, what, how) for a wrong value of a known key."""
    front = source.front
    if front is None:
        return PageMeta(), []
    if not isinstance(front.data, dict):
        return validate(PageMeta, front), []  # GS012: not a mapping of keys
    known = {key: value for key, value in front.data.items() if key in KNOWN_KEYS}
    unknown = [key for key in front.data if key not in KNOWN_KEYS]
    description = front.data.get(DESCRIPTION)
    if SUMMARY not in known and _fits_summary(description):
        known[SUMMARY] = description
        unknown.remove(DESCRIPTION)
    warnings = [_unknown(front, key) for key in unknown]
    return validate(PageMeta, YamlDocument(known, front.source)), warnings


def _fits_summary(value: object) -> bool:
    """A description that can stand as the summary as it is (text, not too long)."""
    return isinstance(value, str) and len(value) <= SUMMARY_MAX


def _unknown(front: YamlDocument, key: object) -> Finding:
    close = difflib.get_close_matches(str(key), sorted(KNOWN_KEYS), n=1, cutoff=0.75)
    if close:
        # NOTE: {known} is the front matter key goalsheet reads that looks like the one
        # written, e.g. "title" for "titel".
        hint = _("did you mean '{known}'? The page is published without it until corrected")
        hint = hint.format(known=close[0])
    else:
        # NOTE: {keys} lists the front matter keys goalsheet reads, e.g. "audience, order".
        hint = _(
            "the page is published without it; remove it if it was meant for another tool, "
            "or correct its name (goalsheet reads {keys})"
        ).format(keys=", ".join(sorted(KNOWN_KEYS)))
    return front.source.finding(
        (key, "[key]"),
        UNKNOWN_KEY,
        # NOTE: {key} is a front matter key of the page, as written, e.g. "hide" or "template".
        _("front matter key '{key}' is not one goalsheet uses; it is ignored").format(key=key),
        hint,
        Severity.WARNING,
    )
