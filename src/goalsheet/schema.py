"""JSON Schema of the YAML files, for editors' completion and checking."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from goalsheet.model.client import ClientSheet
from goalsheet.model.config import Config
from goalsheet.model.entries import EntryFile

SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "config": (Config, "goalsheet.yaml at the project root"),
    "client": (ClientSheet, "goalsheets/<ID>/goalsheet.yaml"),
    "entries": (EntryFile, "goalsheets/<ID>/entries/*.yaml"),
}


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one kind of file."""
    model, where = SCHEMAS[kind]
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://goalsheet.invalid/schema/{kind}.json"
    schema["description"] = f"goalsheet {kind} file: {where}"
    return schema


def all_schemas() -> dict[str, dict[str, Any]]:
    return {kind: json_schema(kind) for kind in SCHEMAS}
