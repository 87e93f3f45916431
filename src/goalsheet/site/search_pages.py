"""The site's pages as Pagefind is given them: each without its sidebar.

Pagefind indexes only the element marked data-pagefind-body, but it parses every byte of
every page first, and the sidebar (a link to every handout, on every page) is about half of
each page's bytes on a site with folders. Handed copies without it, Pagefind writes the same
bundle byte for byte (tests/site/test_search_pages.py) in about a third less of its time.
A sidebar is left in where removing it could change the index: when it could be inside the
indexed element, or carries Pagefind's own attributes.
"""

from __future__ import annotations

import re

_SIDEBAR = re.compile(rb'<nav class="sidebar"[^>]*>.*?</nav>', re.DOTALL)
_BODY = b"data-pagefind-body"


def search_copy(page: bytes) -> bytes:
    """The page without its sidebar when the indexed element opens after it; else whole
    (a page without data-pagefind-body is indexed whole on a site that marks none)."""
    match = _SIDEBAR.search(page)
    if match is None or b"data-pagefind" in match.group():
        return page
    body = page.find(_BODY)
    if body < match.end():  # none, or it opened before the sidebar: it may hold it
        return page
    return page[: match.start()] + page[match.end() :]
