"""The site's pages as Pagefind is given them: each without its sidebar.

Pagefind indexes only the element marked data-pagefind-body, but it parses every byte of
every page first, and the sidebar (a link to every handout, on every page) is about half of
each page's bytes on a site with folders. Handed copies without it (in a folder in memory,
site/build.py), Pagefind writes the same fragments and languages
(tests/site/test_search_pages.py) in about a third less of its time. A sidebar is left in
where removing it could change the index: when it could be inside the indexed element, or
carries Pagefind's own attributes.
"""

from __future__ import annotations

_SIDEBAR = b'<nav class="sidebar"'
_END = b"</nav>"  # the sidebar holds no other nav
_BODY = b"data-pagefind-body"


def search_copy(page: bytes) -> bytes:
    """The page without its sidebar when the indexed element opens after it; else whole
    (a page without data-pagefind-body is indexed whole on a site that marks none)."""
    start = page.find(_SIDEBAR)
    end = page.find(_END, start) + len(_END) if start >= 0 else -1
    if start < 0 or end < len(_END) or b"data-pagefind" in page[start:end]:
        return page
    if page.find(_BODY) < end:  # none, or it opened before the sidebar: it may hold it
        return page
    return page[:start] + page[end:]
