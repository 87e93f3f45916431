"""Find and load a practice's project, once: its settings and every client with their entries.

Loading never stops at the first problem: each file that cannot be read or validated adds
findings and is left out, so `check` reports every problem in one run. A folder or file that
cannot be opened at all (GS019) is also kept by area, so a command that needs it can refuse
to run rather than work from a project with a silent gap in it.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError

from goalsheet.findings import Finding, GoalsheetError, display_path
from goalsheet.language.messages import _
from goalsheet.model.client import ClientSheet
from goalsheet.model.config import Config
from goalsheet.model.entries import EntryFile
from goalsheet.model.measures import BUILTIN_MEASURES, MeasureDefinition
from goalsheet.project.records import (
    CLIENTS_DIR,
    CONFIG_FILE,
    CONTENT_DIR,
    ENTRIES_DIR,
    TEMPLATES_DIR,
    YAML_SUFFIXES,
    Area,
    ClientFolder,
    EntryDocument,
    Project,
)
from goalsheet.project.validate import validate
from goalsheet.read.folders import UNREADABLE, list_folder, probe, unreadable, walk_findings
from goalsheet.read.yaml_source import SourceMap, YamlDocument, read_yaml

M = TypeVar("M", Config, ClientSheet, EntryFile)


def load_project(root: Path) -> Project:
    """Read the whole project. Problems are collected in `Project.findings`, not raised."""
    findings: list[Finding] = []
    config_path = root / CONFIG_FILE
    config, config_source = _load_config(config_path, root, findings)
    settings = [f for f in findings if f.code == UNREADABLE]
    measures = _measures(config, config_source, findings)
    listed: list[Finding] = []
    clients = [
        _load_client(folder, root, findings)
        for folder in _client_folders(root / CLIENTS_DIR, root, listed)
    ]
    in_clients = listed + [f for c in clients for f in c.unreadable]
    in_content = walk_findings(root / CONTENT_DIR, root, skip=[".md"])  # pages: their reader
    in_content += _logo_findings(config, root)
    in_templates = walk_findings(root / TEMPLATES_DIR, root)
    in_outputs = [
        finding
        for folder in (config.output.site, config.output.private)
        for finding in walk_findings(root / folder, root, files=False)  # a build replaces them
    ]
    findings += listed + in_content + in_templates + in_outputs
    files = 1 + sum(c.sheet_path_read + c.files_tried for c in clients)
    unreadable: dict[Area | None, list[Finding]] = {
        None: settings,
        "clients": in_clients,
        "content": in_content,
        "templates": in_templates,
        "outputs": in_outputs,
    }
    return Project(root, config, config_source, measures, clients, findings, files, unreadable)


def _client_folders(folder: Path, root: Path, findings: list[Finding]) -> list[Path]:
    """The client folders under goalsheets/ (a GS019 finding when it, or a link in it,
    cannot be opened)."""
    try:
        if not folder.is_dir():
            return []
    except OSError as error:
        findings.append(unreadable(folder, root, error, folder=True))
        return []
    kept = []
    for path in list_folder(folder, root, findings):
        if path.name.startswith((".", "_")):
            continue
        try:
            os.stat(path)
        except OSError as error:
            if error.errno in (errno.ELOOP, errno.EACCES, errno.EPERM):
                findings.append(unreadable(path, root, error, folder=True))
            continue  # a link to nothing: not a client
        if path.is_dir():
            kept.append(path)
    return kept


def _logo_findings(config: Config, root: Path) -> list[Finding]:
    """GS019 when the practice's logo (or its folder) cannot be opened."""
    if not config.practice.logo:
        return []
    findings: list[Finding] = []
    logo = root / config.practice.logo
    if probe(logo, root, findings) and logo.is_file():
        try:
            logo.open("rb").close()
        except OSError as error:
            findings.append(unreadable(logo, root, error, folder=False))
    return findings


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
        document = read_yaml(path, display, keys=_top_keys(model))
        return validate(model, document), document
    except GoalsheetError as error:
        findings.extend(error.findings)
        return None, document


def _top_keys(model: type[M]) -> frozenset[str] | None:
    """The keys the top of a file of `model` may hold (to stop a hopeless file early)."""
    if model.model_config.get("extra") != "forbid":
        return None
    return frozenset(info.alias or name for name, info in model.model_fields.items())


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
    if not probe(sheet_file, root, record.unreadable):  # the folder cannot be searched
        findings.extend(record.unreadable)
        return record
    read: list[Finding] = []  # what reading its files found
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
        record.sheet_path_read = 1
        record.sheet, source = _load(sheet_file, root, ClientSheet, read)
        record.source = source
        if record.sheet is not None and record.sheet.client.id != folder.name:
            read.append(
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
    if _is_dir(entries_dir, root, record.unreadable):
        for file in list_folder(entries_dir, root, record.unreadable):
            if file.suffix not in YAML_SUFFIXES or file.name.startswith("."):
                continue
            if not probe(file, root, record.unreadable) or not file.is_file():
                continue
            record.files_tried += 1
            entries, entry_source = _load(file, root, EntryFile, read)
            if entries is not None:
                record.entries.append(EntryDocument(entry_source.path, entries, entry_source))
    record.unreadable += [f for f in read if f.code == UNREADABLE]
    findings.extend(read + [f for f in record.unreadable if f not in read])
    return record


def _is_dir(path: Path, root: Path, findings: list[Finding]) -> bool:
    """Whether `path` is a folder; False and a GS019 finding if it (a link) cannot be opened."""
    try:
        os.stat(path)
    except FileNotFoundError:
        return False
    except OSError as error:
        findings.append(unreadable(path, root, error, folder=True))
        return False
    return path.is_dir()
