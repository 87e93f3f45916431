"""How the site's pages hang together: sections, audiences, tags, previous and next.

Pure: pages in, plain data out. Every URL is relative to the site's root; a template adds
the way up from where it is (`root`), so the site works from file:// and from any sub-path.
"""

from __future__ import annotations

from dataclasses import dataclass

from goalsheet.language.messages import N_, _
from goalsheet.model.page import AUDIENCES
from goalsheet.site.content import Page
from goalsheet.site.tree import url_part

OTHER_SECTION = N_("More")
AUDIENCE_TITLES = {
    "clients": N_("For clients"),
    "parents": N_("For parents and carers"),
    "clinicians": N_("For clinicians"),
    "everyone": N_("For everyone"),
}
AUDIENCE_INTROS = {
    "clients": N_("Pages written with clients in mind."),
    "parents": N_("Pages written with parents and carers in mind."),
    "clinicians": N_("Pages written with clinicians in mind."),
    "everyone": N_("Pages written with everyone in mind."),
}


@dataclass(frozen=True)
class Link:
    title: str
    url: str
    summary: str = ""


@dataclass(frozen=True)
class Section:
    title: str
    pages: tuple[Link, ...]


@dataclass(frozen=True)
class Navigation:
    sections: tuple[Section, ...]
    audiences: tuple[tuple[str, str, tuple[Link, ...]], ...]  # (key, title, pages)
    tags: dict[str, tuple[Link, ...]]  # tag -> pages
    previous: dict[str, Link | None]  # page id -> the page before it
    next: dict[str, Link | None]


def tag_url(tag: str, prefix: str = "") -> str:
    """A tag's page; `prefix` is the language's folder ("es/"), "" for the site's own."""
    return f"{prefix}tags/{url_part(tag, empty='tag')}.html"


def audience_url(audience: str, prefix: str = "") -> str:
    """An audience's listing; `prefix` as for tag_url."""
    return f"{prefix}for-{audience}.html"


def navigation(pages: list[Page] | tuple[Page, ...]) -> Navigation:
    """`pages` in reading order, all in one language (one navigation per language: a
    page's sidebar, previous and next never lead into another language)."""
    links = {page.id: Link(page.title, page.output, page.summary) for page in pages}
    sections: dict[str, list[Link]] = {}
    for page in pages:
        sections.setdefault(page.section or _(OTHER_SECTION), []).append(links[page.id])
    audiences = tuple(
        (
            key,
            _(AUDIENCE_TITLES[key]),
            tuple(
                links[p.id]
                for p in pages
                if key in p.meta.audience or "everyone" in p.meta.audience
            ),
        )
        for key in AUDIENCES
        if key != "everyone" and any(key in p.meta.audience for p in pages)
    )
    tags: dict[str, list[Link]] = {}
    for page in pages:
        for tag in page.meta.tags:
            tags.setdefault(tag.lower(), []).append(links[page.id])
    ids = [page.id for page in pages]
    return Navigation(
        tuple(Section(title, tuple(items)) for title, items in sections.items()),
        audiences,
        {tag: tuple(items) for tag, items in sorted(tags.items())},
        {s: links[ids[i - 1]] if i > 0 else None for i, s in enumerate(ids)},
        {s: links[ids[i + 1]] if i + 1 < len(ids) else None for i, s in enumerate(ids)},
    )
