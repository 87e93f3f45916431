"""The project: find it (walk up, as git finds its repository) and load it once, every file
read and validated into the model, every problem a finding."""

from goalsheet.project.load import load_project
from goalsheet.project.records import (
    ALL_AREAS,
    CLIENTS_DIR,
    CONFIG_FILE,
    CONTENT_DIR,
    ENTRIES_DIR,
    TEMPLATES_DIR,
    YAML_SUFFIXES,
    Area,
    ClientFolder,
    EntryDocument,
    NotAProject,
    Project,
    UnknownClient,
    UnreadableClient,
    require_root,
)

__all__ = [
    "ALL_AREAS",
    "CLIENTS_DIR",
    "CONFIG_FILE",
    "CONTENT_DIR",
    "ENTRIES_DIR",
    "TEMPLATES_DIR",
    "YAML_SUFFIXES",
    "Area",
    "ClientFolder",
    "EntryDocument",
    "NotAProject",
    "Project",
    "UnknownClient",
    "UnreadableClient",
    "load_project",
    "require_root",
]
