"""Every HTML page of the site carries a Content-Security-Policy that forbids inline script.
The built-in layout writes its own (templates/site/base.html.j2, with the hashes of its two
<style> blocks). A page made from a practice's own layout that states no policy, or one
that lets inline or outside script run, is given FALLBACK as well as it is written: a
browser enforces every policy a page states, so an override can change how the site looks
but never let script from content run."""

from __future__ import annotations

import html
import re

# What a practice's layout may do: its own scripts and styles (inline styles too, as a
# layout written by hand often has them), Pagefind's WebAssembly, nothing from elsewhere.
FALLBACK = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self'; font-src 'self'; connect-src 'self'; "
    "object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'self'"
)
_POLICY = re.compile(
    r"<meta\b[^>]*?http-equiv\s*=\s*[\"']?content-security-policy[\"']?[^>]*?"
    r"\bcontent\s*=\s*(?:\"([^\"]*)\"|'([^']*)')",
    re.I,
)
_HEAD = re.compile(r"<head\b[^>]*>", re.I)
_HTML = re.compile(r"<html\b[^>]*>", re.I)
# The only script sources a page's own policy may name for it to stand alone: anything
# else ('unsafe-inline', a host, data:, *) could let script from text or elsewhere run.
_TIGHT = re.compile(
    r"^(?:'self'|'none'|'wasm-unsafe-eval'|'(?:sha256|sha384|sha512)-[A-Za-z0-9+/=_-]+')$"
)


def with_policy(page: str) -> str:
    """`page` as it is when a policy before its body already forbids inline script; else
    with FALLBACK added to its head (a page with no head gets one)."""
    body = re.search(r"<body\b", page, re.I)
    head = page[: body.start()] if body is not None else page
    if any(_strict(html.unescape(m.group(1) or m.group(2))) for m in _POLICY.finditer(head)):
        return page
    meta = f'<meta http-equiv="Content-Security-Policy" content="{FALLBACK}">'
    found = _HEAD.search(page)
    if found is not None:
        return page[: found.end()] + meta + page[found.end() :]
    found = _HTML.search(page)
    at = found.end() if found is not None else 0
    if found is None and page.lstrip().lower().startswith("<!doctype"):
        at = page.index(">") + 1
    return page[:at] + f"<head>{meta}</head>" + page[at:]


def _strict(policy: str) -> bool:
    """Whether `policy` lets no inline or outside script run (keywords are matched as
    written in lower case, as goalsheet writes them)."""
    rules: dict[str, list[str]] = {}
    for rule in policy.split(";"):
        words = rule.split()
        if words:
            rules.setdefault(words[0].lower(), words[1:])
    sources = rules.get("script-src", rules.get("default-src"))
    if sources is None:
        return False
    return all(_TIGHT.match(source) for source in sources)
