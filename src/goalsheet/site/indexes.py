"""The site's files for machines: the sitemap, robots.txt and the search index script."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from html import escape

from goalsheet.language.catalogues import language_of
from goalsheet.model.config import Config
from goalsheet.site.content import Page

NOT_FOUND = "404.html"
INDEX_TEXT_CHARS = 30_000  # of each page's text, for searching a site opened from the disk


def search_index(pages: list[Page], locale: str | None = None) -> str:
    """Every page's plain text as a script, for full-text search where Pagefind cannot run
    (a site opened straight from the disk): site.js loads it only there. Each page says its
    language ("es"; the site's `locale` for a page that does not say), so a language's
    search page finds that language's pages, as Pagefind does."""
    entries = [
        {
            "url": page.output,
            "lang": language_of(page.lang or locale) if page.lang or locale else "",
            "title": page.title,
            "summary": page.summary,
            "text": " ".join(html.unescape(_TAGS.sub(" ", page.rendered.html)).split())[
                :INDEX_TEXT_CHARS
            ],
        }
        for page in pages
    ]
    return "window.goalsheetPages = " + json.dumps(entries, ensure_ascii=False) + ";\n"


_TAGS = re.compile(r"<[^>]+>")


def sitemap(config: Config, paths: list[str], today: dt.date) -> str:
    """Absolute URLs when goalsheet.yaml has `site_url`, else relative to the site."""
    base = config.site_url.rstrip("/") + "/" if config.site_url else ""
    urls = "".join(
        f"  <url><loc>{escape(base + path)}</loc><lastmod>{today.isoformat()}</lastmod></url>\n"
        for path in paths
        if path.endswith(".html") and path.rpartition("/")[2] != NOT_FOUND  # es/404.html too
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{urls}</urlset>\n"
    )


def robots(config: Config) -> str:
    lines = ["User-agent: *", "Allow: /"]
    if config.site_url:
        lines.append(f"Sitemap: {config.site_url.rstrip('/')}/sitemap.xml")
    return "\n".join(lines) + "\n"
