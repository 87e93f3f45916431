"""Paper sizes as CSS names them, and the file names of worksheets and diaries (the
client's ID only, never a name)."""

from __future__ import annotations

PAPER_CSS = {"a4": "A4", "letter": "letter"}


def default_file_name(worksheet: str, *, fillable: bool, client: str | None = None) -> str:
    """`daily-diary-C-0142-fillable.pdf`: IDs only, never a name."""
    parts = [worksheet, *([client] if client else []), *(["fillable"] if fillable else [])]
    return "-".join(parts) + ".pdf"
