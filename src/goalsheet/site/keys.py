"""What each site file depends on, as a hash, so a rebuild renders only what changed.

Every page shares one key for everything a page can show besides its own text: goalsheet's
version, the config, the worksheet library, every template and asset file (built-in and the
practice's), every page's title, summary and front matter (the navigation shows them), and
which PDFs are linked. A page's own key adds its rendered text. Conservative on purpose: a
change anywhere but a page's body renders every page again.
"""

from __future__ import annotations

import hashlib
import json

from goalsheet import __version__
from goalsheet.pipeline.dependencies import catalogues_digest
from goalsheet.read.contained import contained, fingerprint
from goalsheet.render.environment import template_dirs
from goalsheet.site.content import Page
from goalsheet.site.render import SiteRequest


def shared_key(request: SiteRequest) -> str:
    digest = hashlib.sha256(__version__.encode())
    digest.update(catalogues_digest().encode())
    digest.update(request.config.model_dump_json().encode())
    for sheet in request.catalogue.values():
        digest.update(sheet.model_dump_json().encode())
    for folder in template_dirs(request.root):
        # A file that links out of its folder is never used (render/environment.py), so
        # never read for the key either: it may lead into client data.
        for file in sorted(p for p in folder.rglob("*") if p.is_file() and contained(p, [folder])):
            digest.update(file.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(fingerprint(file))
    for page in request.content.pages:
        digest.update(
            json.dumps([page.slug, page.title, page.meta.model_dump(mode="json")]).encode()
        )
    for page in request.guide.pages if request.guide is not None else []:
        digest.update(json.dumps(["guide", page.slug, page.title, page.summary]).encode())
    digest.update(json.dumps([request.pdf, sorted(request.pdfs_present), request.logo]).encode())
    return digest.hexdigest()


def page_key(shared: str, page: Page) -> str:
    digest = hashlib.sha256(shared.encode())
    digest.update(page.rendered.html.encode())
    digest.update(repr(page.rendered.toc).encode())
    return digest.hexdigest()
