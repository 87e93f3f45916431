"""The map a fillable PDF carries: which form, version and client, and what each field means.

It is read off the rendered HTML itself (each field's name and data-* attributes), so it
lists exactly the fields the PDF has. `goalsheet import` reads it back from the PDF.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import Any

from goalsheet.language.messages import _

MANIFEST_NAME = "goalsheet-form.json"
MANIFEST_FORMAT = 1

FIELD_TAGS = {"input", "textarea", "select"}


def field_key(text: str) -> str:
    """An ID made safe for a form field name: lowercase letters, digits, '-' and '_'."""
    return re.sub(r"[^a-z0-9_-]+", "-", text.lower()).strip("-") or "x"


class DuplicateField(ValueError):
    """A template gave two form fields the same name."""


class _Fields(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.fields: dict[str, dict[str, Any]] = {}
        self.duplicates: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in FIELD_TAGS:
            return
        values = {key: value or "" for key, value in attrs}
        name = values.get("name")
        if not name:
            return
        kind = {"textarea": "text", "select": "choice"}.get(tag, values.get("type", "text"))
        if kind == "radio":
            self._radio(name, values)
            return
        field: dict[str, Any] = {"type": "checkbox" if kind == "checkbox" else kind}
        field["label"] = values.get("title", "")
        field.update({k[5:]: v for k, v in values.items() if k.startswith("data-")})
        if name in self.fields:
            self.duplicates.append(name)
        self.fields[name] = field

    def _radio(self, name: str, values: dict[str, str]) -> None:
        """A radio group is one field, however many choices: its meaning is its first
        choice's data-* but `value`, and `options` maps each choice's export name (what
        a filled PDF holds) to its data-value."""
        meaning = {k[5:]: v for k, v in values.items() if k.startswith("data-")}
        choice = meaning.pop("value", values.get("value", ""))
        field = self.fields.get(name)
        if field is None:
            field = {"type": "radio", "label": values.get("title", ""), **meaning, "options": {}}
            self.fields[name] = field
        elif field.get("type") != "radio" or values.get("value", "") in field["options"]:
            self.duplicates.append(name)
            return
        field["options"][values.get("value", "")] = choice


def field_map(html: str) -> dict[str, dict[str, Any]]:
    """Every form field in `html`, by name, with its type, label and data-* meaning."""
    parser = _Fields()
    parser.feed(html)
    parser.close()
    if parser.duplicates:
        # Two fields with one name would share one value in the PDF: a template mistake.
        raise DuplicateField(
            _("form field names used twice: {names}").format(
                names=", ".join(sorted(set(parser.duplicates)))
            )
        )
    return parser.fields


def manifest(
    html: str, *, form: str, version: int, client: str | None, paper: str, extra: dict[str, Any]
) -> dict[str, Any]:
    """The manifest to attach to a fillable PDF."""
    return {
        "goalsheet_form": MANIFEST_FORMAT,
        "form": form,
        "version": version,
        "client": client,
        "paper": paper,
        **extra,
        "fields": field_map(html),
    }


def manifest_json(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False)
