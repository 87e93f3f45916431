"""Run in a child process with limits on memory and CPU time: open one untrusted PDF with
pypdf and print, as JSON, the goalsheet manifest it carries and every form field's final
value. A PDF bomb or a reference loop ends this process, never the one that started it.

Usage: python -m goalsheet.read.pdf_child FILE
"""

from __future__ import annotations

import json
import sys
from typing import Any

MANIFEST_NAME = "goalsheet-form.json"
MAX_MANIFEST_BYTES = 2_000_000
MAX_FIELDS = 5_000
MAX_TEXT = 20_000


def main(path: str) -> dict[str, Any]:
    # heavy: pypdf loads in this child process only
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, LimitReachedError, PdfReadError

    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted:
            return {"error": "encrypted"}
        manifest = _manifest(reader)
        fields = _fields(reader)
    except DependencyError:  # AES-256 encryption, which needs a library we leave out
        return {"error": "encrypted"}
    except LimitReachedError:  # a stream that would decompress beyond pypdf's limits
        return {"error": "too-big"}
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
        return {"error": "damaged", "detail": type(error).__name__}
    except RecursionError:
        return {"error": "damaged", "detail": "the file refers to itself in a loop"}
    return {"manifest": manifest, "fields": fields}


def _manifest(reader: Any) -> str | None:
    for name, contents in reader.attachments.items():
        if name == MANIFEST_NAME and contents:
            data = contents[-1]
            if len(data) > MAX_MANIFEST_BYTES:
                return None
            return str(data.decode("utf-8", errors="replace"))
    return None


def _fields(reader: Any) -> dict[str, Any]:
    fields = reader.get_fields() or {}
    out: dict[str, Any] = {}
    for name, field in list(fields.items())[:MAX_FIELDS]:
        out[str(name)] = _value(field)
    return out


def _value(field: Any) -> Any:
    """The field's final value (/V, whatever the appearance says): text, a checkbox's
    on/off, a choice (a list when a filler wrote several), or None when blank."""
    kind = field.get("/FT")
    value = field.get("/V")
    if hasattr(value, "get_object"):
        value = value.get_object()
    if kind == "/Btn":
        if value is None:
            value = _appearance_state(field)
        state = str(value).lstrip("/") if value is not None else ""
        return {"checked": state not in ("", "Off", "off"), "state": state}
    if value is None:
        return None
    if isinstance(value, list):
        return [str(item)[:MAX_TEXT] for item in value][:20]
    return str(value)[:MAX_TEXT]


def _appearance_state(field: Any) -> Any:
    """A filler that set only the widget's appearance state (/AS) and no /V."""
    kids = field.get("/Kids") or []
    for widget in [field, *[kid.get_object() for kid in kids]]:
        state = widget.get("/AS") if hasattr(widget, "get") else None
        if state is not None and str(state) != "/Off":
            return state
    return None


if __name__ == "__main__":
    sys.setrecursionlimit(5_000)
    try:
        result = main(sys.argv[1])
    except MemoryError:
        result = {"error": "too-big"}
    sys.stdout.write(json.dumps(result))
