"""What loading a project gives: the project, each client's folder, each entries file as
read, the folder names, and the errors a command turns into usage errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from goalsheet.findings import Finding
from goalsheet.language.messages import _
from goalsheet.model.client import ClientSheet
from goalsheet.model.config import Config
from goalsheet.model.entries import EntryFile
from goalsheet.model.measures import MeasureDefinition
from goalsheet.project.client_ids import no_such_client
from goalsheet.project.root import CLIENTS_DIR as CLIENTS_DIR
from goalsheet.project.root import CONFIG_FILE as CONFIG_FILE
from goalsheet.project.root import is_client_sheet
from goalsheet.read.yaml_source import SourceMap

ENTRIES_DIR = "entries"
YAML_SUFFIXES = (".yaml", ".yml")
# Named here too (not imported) so loading a project does not import the site's renderers.
CONTENT_DIR = "content"
TEMPLATES_DIR = "templates"

Area = Literal["clients", "content", "templates", "outputs"]
"""What a command reads besides goalsheet.yaml: the client data, the handout pages (and the
logo), the templates, the output folders (site/ and private/, which a build walks)."""
ALL_AREAS: tuple[Area, ...] = ("clients", "content", "templates", "outputs")


@dataclass
class EntryDocument:
    """One entries file, validated, with where each value sits."""

    path: str
    entries: EntryFile
    source: SourceMap


@dataclass
class ClientFolder:
    """goalsheets/<ID>/: the client's sheet (None if it failed to load) and their entries."""

    folder: str
    sheet_path: str
    sheet: ClientSheet | None = None
    source: SourceMap | None = None
    entries: list[EntryDocument] = field(default_factory=list)
    files_tried: int = 0  # entries files read, valid or not
    sheet_path_read: int = 0  # 1 when its goalsheet.yaml was there to read
    unreadable: list[Finding] = field(default_factory=list)  # its folders or files not opened


@dataclass
class Project:
    root: Path
    config: Config
    config_source: SourceMap
    measures: dict[str, MeasureDefinition]
    clients: list[ClientFolder]
    findings: list[Finding]
    files: int  # YAML files read, whether or not they were valid
    unreadable: dict[Area | None, list[Finding]] = field(default_factory=dict)  # None: settings

    def cannot_read(self, areas: tuple[Area, ...] = ALL_AREAS) -> list[Finding]:
        """GS019 findings in goalsheet.yaml and in `areas`: what stops a command that reads
        them (its result would silently leave something out)."""
        return sorted(f for area in (None, *areas) for f in self.unreadable.get(area, []))

    def client(self, client_id: str) -> ClientFolder | None:
        return next((c for c in self.clients if c.folder == client_id), None)

    def sheet_of(self, client_id: str) -> ClientSheet:
        """The client's validated sheet, or UnknownClient / UnreadableClient saying why."""
        folder = self.client(client_id)
        if folder is None:
            raise UnknownClient(no_such_client(client_id, [c.folder for c in self.clients]))
        if folder.unreadable:
            raise UnreadableClient("\n".join(f.as_text() for f in folder.unreadable))
        if folder.sheet is None:
            raise UnreadableClient(
                _("{path} has errors; run `goalsheet check` and fix them first").format(
                    path=folder.sheet_path
                )
            )
        return folder.sheet


class UnknownClient(LookupError):
    """No folder of that ID under goalsheets/."""


class UnreadableClient(ValueError):
    """The client's goalsheet.yaml did not validate."""


class NotAProject(Exception):
    """The folder has no goalsheet.yaml: a usage error, not a finding."""


def require_root(directory: Path) -> Path:
    """The project root at `directory`, or NotAProject with a message saying what to do."""
    if not (directory / CONFIG_FILE).is_file():
        raise NotAProject(
            _(
                "{folder} is not a goalsheet project (there is no {file} in it, nor in any "
                "folder above it).\n"
                "Run the command in the project folder (or any folder inside it), pass "
                "--project DIR, or create one with `goalsheet init DIR`."
            ).format(folder=_shown(directory), file=CONFIG_FILE)
        )
    if is_client_sheet(directory):
        raise NotAProject(
            _(
                "{folder} holds a client's {file}, not a practice's settings.\n"
                "Run the command in the project folder (or any folder inside it), or pass "
                "--project DIR with the folder that holds {clients}/."
            ).format(folder=_shown(directory), file=CONFIG_FILE, clients=CLIENTS_DIR)
        )
    return directory


def _shown(directory: Path) -> str:
    """The folder as the person gave it; the working folder by its name rather than '.'."""
    if str(directory) != ".":
        return str(directory)
    try:
        return str(directory.absolute())
    except OSError:  # the working folder was removed
        return str(directory)
