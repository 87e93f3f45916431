"""A handout page's front matter (content/*.md)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from goalsheet.model.base import Record, Slug, Text

Audience = Literal["clients", "parents", "clinicians", "everyone"]
AUDIENCES: tuple[Audience, ...] = ("clients", "parents", "clinicians", "everyone")
# A page's id: its path in the site without ".html", parts as `slug_of` makes them.
PAGE_ID = r"^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*$"
SUMMARY_MAX = 300
Tag = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[\w][\w .'-]*$")]


def _everyone() -> list[Audience]:
    return ["everyone"]


class PageMeta(Record):
    """Front matter. Every key is optional: a page without it takes its title from its
    first heading."""

    title: Text | None = None
    summary: str | None = Field(default=None, max_length=SUMMARY_MAX)
    audience: list[Audience] = Field(default_factory=_everyone)
    tags: list[Tag] = Field(default_factory=list)
    order: int = Field(default=1000, description="reading order; lower comes first")
    section: Text | None = Field(default=None, description="the navigation group")
    worksheets: list[Slug] = Field(
        default_factory=list, description="worksheet IDs that go with the page"
    )
    sensitive: bool = Field(
        default=False, description="content that could upset: the crisis-line box goes first"
    )
    slug: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)] | None = None
    lang: Annotated[str, Field(pattern=r"^[a-z]{2,3}([_-][A-Z]{2})?$")] | None = Field(
        default=None, description="the page's language when it is not the site's, e.g. es"
    )
    translation_of: Annotated[str, Field(pattern=PAGE_ID, max_length=240)] | None = Field(
        default=None,
        description="the id of the page this one translates (its path in content/ without "
        ".md, e.g. anxiety/panic); each then links to the other",
    )
