"""Find and load a practice's project, once: its settings and every client with their entries.

Loading never stops at the first problem: each file that cannot be read or validated adds
findings and is left out, so `check` reports every problem in one run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError

from goalsheet.findings import Finding, GoalsheetError, display_path
from goalsheet.language.messages import _
from goalsheet.model.client import ClientSheet
from goalsheet.model.config import Config
from goalsheet.model.entries import EntryFile
from goalsheet.model.measures import BUILTIN_MEASURES, MeasureDefinition
from goalsheet.model.validate import validate
from goalsheet.read.yaml_source import SourceMap, YamlDocument, read_yaml

M = TypeVar("M", Config, ClientSheet, EntryFile)

CONFIG_FILE = "goalsheet.yaml"
CLIENTS_DIR = "goalsheets"
ENTRIES_DIR = "entries"
YAML_SUFFIXES = (".yaml", ".yml")


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


@dataclass
class Project:
    root: Path
    config: Config
    config_source: SourceMap
    measures: dict[str, MeasureDefinition]
    clients: list[ClientFolder]
    findings: list[Finding]
    files: int  # YAML files read, whether or not they were valid

    def client(self, client_id: str) -> ClientFolder | None:
        return next((c for c in self.clients if c.folder == client_id), None)

    def sheet_of(self, client_id: str) -> ClientSheet:
        """The client's validated sheet, or UnknownClient / UnreadableClient saying why."""
        folder = self.client(client_id)
        if folder is None:
            if not self.clients:
                raise UnknownClient(
                    _("there is no client '{id}' (clients: none yet)").format(id=client_id)
                )
            known = ", ".join(c.folder for c in self.clients)
            raise UnknownClient(
                _("there is no client '{id}' (clients: {known})").format(id=client_id, known=known)
            )
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
                "{folder} is not a goalsheet project (there is no {file} in it).\n"
                "Run the command from the project folder, pass --project DIR, "
                "or create one with `goalsheet init DIR`."
            ).format(folder=directory, file=CONFIG_FILE)
        )
    return directory


def load_project(root: Path) -> Project:
    """Read the whole project. Problems are collected in `Project.findings`, not raised."""
    findings: list[Finding] = []
    config_path = root / CONFIG_FILE
    config, config_source = _load_config(config_path, root, findings)
    measures = _measures(config, config_source, findings)
    clients = [
        _load_client(folder, root, findings)
        for folder in sorted(
            (root / CLIENTS_DIR).iterdir() if (root / CLIENTS_DIR).is_dir() else []
        )
        if folder.is_dir() and not folder.name.startswith((".", "_"))
    ]
    files = 1 + sum(
        (root / CLIENTS_DIR / c.folder / CONFIG_FILE).is_file() + c.files_tried for c in clients
    )
    return Project(root, config, config_source, measures, clients, findings, files)


def _load(
    path: Path, root: Path, model: type[M], findings: list[Finding]
) -> tuple[M | None, SourceMap]:
    record, document = _read(path, root, model, findings)
    return record, document.source


def _read(
    path: Path, root: Path, model: type[M], findings: list[Finding]
) -> tuple[M | None, YamlDocument]:
    display = display_path(path, root)
    document = YamlDocument(None, SourceMap(display))
    try:
        document = read_yaml(path, display)
        return validate(model, document), document
    except GoalsheetError as error:
        findings.extend(error.findings)
        return None, document


def _load_config(path: Path, root: Path, findings: list[Finding]) -> tuple[Config, SourceMap]:
    """The practice's config. A custom measure that is wrong is left out (its findings name
    the file and line) and the rest of the config still applies."""
    config, document = _read(path, root, Config, findings)
    if config is not None:
        return config, document.source
    data = document.data
    if not isinstance(data, dict) or not isinstance(data.get("measures"), list):
        return Config(), document.source
    kept = [m for m in data["measures"] if _valid_measure(m)]
    try:
        salvaged = validate(Config, YamlDocument({**data, "measures": kept}, document.source))
    except GoalsheetError:
        return Config(), document.source
    return salvaged, document.source


def _valid_measure(data: object) -> bool:
    try:
        MeasureDefinition.model_validate(data)
    except ValidationError:
        return False
    return True


def _measures(
    config: Config, source: SourceMap, findings: list[Finding]
) -> dict[str, MeasureDefinition]:
    measures = dict(BUILTIN_MEASURES)
    for index, measure in enumerate(config.measures):
        if measure.id in measures:
            if measure.id in BUILTIN_MEASURES:
                message = _("measure '{id}' is built in").format(id=measure.id)
                hint = _("give your scale a different ID")
            else:
                message = _("measure '{id}' is declared twice").format(id=measure.id)
                hint = _("keep one declaration")
            findings.append(source.finding(("measures", index, "id"), "GS013", message, hint))
            continue
        measures[measure.id] = measure
    return measures


def _load_client(folder: Path, root: Path, findings: list[Finding]) -> ClientFolder:
    sheet_file = folder / CONFIG_FILE
    record = ClientFolder(folder.name, display_path(sheet_file, root))
    if not sheet_file.is_file():
        findings.append(
            Finding(
                display_path(folder, root),
                1,
                1,
                "GS011",
                _("client folder '{folder}' has no {file}").format(
                    folder=folder.name, file=CONFIG_FILE
                ),
                _("add {path} (goalsheet new client), or move the folder out of {clients}/").format(
                    path=record.sheet_path, clients=CLIENTS_DIR
                ),
            )
        )
    else:
        record.sheet, source = _load(sheet_file, root, ClientSheet, findings)
        record.source = source
        if record.sheet is not None and record.sheet.client.id != folder.name:
            findings.append(
                source.finding(
                    ("client", "id"),
                    "GS015",
                    _("client ID '{id}' does not match its folder '{folder}'").format(
                        id=record.sheet.client.id, folder=folder.name
                    ),
                    _("rename the folder or correct the ID so they are the same"),
                )
            )
    entries_dir = folder / ENTRIES_DIR
    if entries_dir.is_dir():
        for file in sorted(entries_dir.iterdir()):
            if file.suffix not in YAML_SUFFIXES or file.name.startswith(".") or not file.is_file():
                continue
            record.files_tried += 1
            entries, entry_source = _load(file, root, EntryFile, findings)
            if entries is not None:
                record.entries.append(EntryDocument(entry_source.path, entries, entry_source))
    return record
