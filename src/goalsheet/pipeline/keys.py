"""What each build job depends on, as one hash, so a rebuild skips a job whose inputs did
not change. A job's key covers:

- goalsheet's version and the job itself (form, paper, client, dates, audience);
- the config, but for the keys no job reads (`site_url`, `output`);
- every template the job's template uses: those it extends, includes or imports, followed
  to the end, each from the folder it is found in (the practice's override or built-in);
  a template that names another by a variable makes the job depend on every template;
- the assets PDFs embed (fonts and images under templates' assets/), and the translation
  catalogues (locales/*.po: a corrected translation remakes the documents);
- a worksheet's thumbnail: its PDF's key and how thumbnails are drawn (size, greys);
- its data: for a client's sheets, their goalsheet.yaml; for their reports, that and every
  entries file; for the caseload summary and the attention list, every client's; for a
  handout, its page and the content/ images; and the worksheet library's entry for the form.

The HTML site's pages have keys too (`shared_key`, `page_key`): every page shares one key
for everything a page can show besides its own text: goalsheet's version, the config, the
worksheet library, every template and asset file (built-in and the practice's), every
page's title, summary and front matter (the navigation shows them), and which PDFs are
linked. A page's own key adds its rendered text. Conservative on purpose: a change anywhere
but a page's body renders every page again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

from jinja2 import Environment, TemplateNotFound, meta

from goalsheet import __version__
from goalsheet.paper.catalogue import Worksheet
from goalsheet.pipeline.jobs import (
    AttentionJob,
    HandoutJob,
    Job,
    ReportJob,
    SummaryJob,
    ThumbnailJob,
)
from goalsheet.project import CLIENTS_DIR, CONFIG_FILE, ENTRIES_DIR, Project
from goalsheet.read.contained import contained, fingerprint
from goalsheet.read.private_paths import PrivatePlaces
from goalsheet.render.environment import environment, template_dirs
from goalsheet.resources import builtin_dir
from goalsheet.site.content import CONTENT_DIR, IMAGE_SUFFIXES, Page
from goalsheet.site.render import SiteRequest
from goalsheet.site.thumbnails import LOOK as THUMBNAIL_LOOK

REPORT_TEMPLATES = {"clinician": "report/clinician.html.j2", "client": "report/client.html.j2"}
SUMMARY_TEMPLATE = "report/summary.html.j2"
ATTENTION_TEMPLATE = "report/attention.html.j2"
HANDOUT_TEMPLATE = "site/handout-print.html.j2"
ASSETS_DIR = "assets"


class Templates:
    """Each template's source and the names it uses, read once per build."""

    def __init__(self, env: Environment) -> None:
        self.env = env
        self._uses: dict[str, set[str] | None] = {}
        self._sources: dict[str, str] = {}

    def closure(self, name: str) -> list[str] | None:
        """`name` and every template it uses, or None when one is named by a variable."""
        seen: set[str] = set()
        todo = [name]
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            uses = self._used_by(current)
            if uses is None:
                return None
            todo.extend(uses)
        return sorted(seen)

    def digest(self, names: Iterable[str]) -> str:
        out = hashlib.sha256()
        for name in names:
            out.update(name.encode() + b"\0" + self._source(name).encode() + b"\0")
        return out.hexdigest()

    def _source(self, name: str) -> str:
        if name not in self._sources:
            try:
                self._sources[name] = self.env.loader.get_source(self.env, name)[0]  # type: ignore[union-attr]
            except TemplateNotFound:
                self._sources[name] = "\0missing"
        return self._sources[name]

    def _used_by(self, name: str) -> set[str] | None:
        if name not in self._uses:
            source = self._source(name)
            if name.endswith((".css", ".js")) or source == "\0missing":
                self._uses[name] = set()
            else:
                try:
                    found = list(meta.find_referenced_templates(self.env.parse(source)))
                except Exception:  # a syntax error: the job will fail and say so
                    found = []
                self._uses[name] = None if None in found else {str(f) for f in found}
        return self._uses[name]


class JobKeys:
    """Keys for the jobs of one build of one project."""

    def __init__(self, project: Project, catalogue: dict[str, Worksheet]) -> None:
        self.project = project
        self.root = project.root
        self.catalogue = catalogue
        self.templates = Templates(environment(self.root))
        # What leads into client data is never read for a key either (it is not published).
        self.private = PrivatePlaces(self.root, project.config.output.private)
        config = project.config.model_dump(mode="json", exclude={"site_url", "output"})
        self.base = _hash(
            __version__, json.dumps(config, sort_keys=True), self._assets(), catalogues_digest()
        )
        self._every_template: str | None = None
        self._client_files: dict[tuple[str, bool], str] = {}
        self._content_files: str | None = None

    def key(self, job: Job) -> str:
        if isinstance(job, ThumbnailJob):  # drawn from its PDF: made again when that is
            return _hash(repr(job), THUMBNAIL_LOOK, self.key(job.sheet))
        template, data = self._inputs(job)
        closure = self.templates.closure(template)
        templates = self.templates.digest(closure) if closure is not None else self._all()
        return _hash(self.base, repr(job), templates, data)

    def _inputs(self, job: Job) -> tuple[str, str]:
        if isinstance(job, HandoutJob):
            page = self.root / (job.source or f"{CONTENT_DIR}/{job.page}.md")
            return HANDOUT_TEMPLATE, _hash(self._content(), self._library(), str(page))
        if isinstance(job, SummaryJob | AttentionJob):  # the whole caseload's data
            clients = [c.folder for c in self.project.clients]
            template = SUMMARY_TEMPLATE if isinstance(job, SummaryJob) else ATTENTION_TEMPLATE
            return template, _hash(*(self._client(c, True) for c in clients))
        if isinstance(job, ReportJob):
            return REPORT_TEMPLATES[job.audience], self._client(job.client, True)
        assert not isinstance(job, ThumbnailJob), "a thumbnail's key is its PDF's (key)"
        sheet = self.catalogue[job.worksheet]
        data = self._client(job.client, False) if job.client else ""
        return sheet.template, _hash(sheet.model_dump_json(), data, self._measures())

    def _client(self, client: str, with_entries: bool) -> str:
        if (client, with_entries) not in self._client_files:
            folder = self.root / CLIENTS_DIR / client
            files = [folder / CONFIG_FILE]
            if with_entries and (folder / ENTRIES_DIR).is_dir():
                files += sorted((folder / ENTRIES_DIR).iterdir())
            self._client_files[client, with_entries] = _files(files)
        return self._client_files[client, with_entries]

    def _content(self) -> str:
        """Every page and image of content/, read once for all the handouts: a page's
        address, links and images may come from other files."""
        if self._content_files is None:
            folder = self.root / CONTENT_DIR
            pages = sorted(p for p in folder.rglob("*.md") if self._public(p))
            images = (p for p in folder.rglob("*")
                      if p.suffix.lower() in IMAGE_SUFFIXES and self._public(p))  # fmt: skip
            self._content_files = _hash(_files(pages), _files(images))
        return self._content_files

    def _library(self) -> str:
        return _hash(*(s.model_dump_json() for s in self.catalogue.values()))

    def _measures(self) -> str:
        return _hash(*(m.model_dump_json() for m in self.project.measures.values()))

    def _all(self) -> str:
        if self._every_template is None:
            names = sorted(set(self.templates.env.list_templates()))
            self._every_template = self.templates.digest(names)
        return self._every_template

    def _assets(self) -> str:
        files = []
        for folder in template_dirs(self.root):
            files += sorted(p for p in (folder / ASSETS_DIR).rglob("*")
                            if p.is_file() and contained(p, [folder]))  # fmt: skip
        logo = self.project.config.practice.logo
        if logo and self._public(self.root / logo):
            files.append(self.root / logo)
        return _files(files)

    def _public(self, path: Path) -> bool:
        return self.private.reaches(path) is None


def catalogues_digest() -> str:
    """Every translation catalogue goalsheet ships, as one hash."""
    try:
        folder = builtin_dir("locales")
    except FileNotFoundError:
        return ""
    return _files(sorted(folder.rglob("*.po")))


def _files(paths: Iterable[Path]) -> str:
    out = hashlib.sha256()
    for path in paths:
        out.update(str(path).encode() + b"\0")
        out.update(fingerprint(path))
    return out.hexdigest()


def _hash(*parts: str) -> str:
    out = hashlib.sha256()
    for part in parts:
        out.update(part.encode() + b"\0")
    return out.hexdigest()


def shared_key(request: SiteRequest) -> str:
    """What every page of the HTML site depends on, besides its own text."""
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
        digest.update(json.dumps([page.id, page.title, page.meta.model_dump(mode="json")]).encode())
    for page in request.content.homes:  # content/index.md: the home pages' introductions
        digest.update(json.dumps([page.id, page.title, page.rendered.html]).encode())
    for page in request.guide.pages if request.guide is not None else []:
        digest.update(json.dumps(["guide", page.id, page.title, page.summary]).encode())
    digest.update(json.dumps([request.pdf, sorted(request.pdfs_present), request.logo]).encode())
    return digest.hexdigest()


def page_key(shared: str, page: Page) -> str:
    """A site page's key: the shared key and the page's own rendered text."""
    digest = hashlib.sha256(shared.encode())
    digest.update(page.rendered.html.encode())
    digest.update(repr(page.rendered.toc).encode())
    return digest.hexdigest()
