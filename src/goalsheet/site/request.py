"""What the site is made from (SiteRequest), and where its parts are published."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from goalsheet.model.config import Config
from goalsheet.paper.catalogue import Worksheet
from goalsheet.site.content import Content

WORKSHEETS_DIR = "worksheets"
HANDOUTS_DIR = "handouts"
ASSETS_DIR = "assets"
GUIDE_DIR = "guide"
LIBRARY = "worksheets.html"
SEARCH = "search.html"
SEARCH_INDEX = "assets/search-index.js"


@dataclass(frozen=True)
class SiteRequest:
    root: Path | None  # the project, for its template overrides
    config: Config
    content: Content
    catalogue: dict[str, Worksheet]
    pdf: bool  # handouts have a PDF beside them
    logo: str | None  # the logo's URL in the site, if it has one
    today: dt.date  # the sitemap's lastmod
    # Without PDFs (--no-pdf, serve), the worksheet PDFs an earlier build left in site/:
    # only those are linked, so a preview has no dead links.
    pdfs_present: frozenset[str] = frozenset()
    guide: Content | None = None  # the practitioner's guide (guide: true), under guide/
