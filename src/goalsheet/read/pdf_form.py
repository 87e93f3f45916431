"""A filled-in fillable PDF, read from an untrusted file within limits.

The file is parsed in a separate process (`pdf_child`) with a cap on its memory and CPU
time and a wall-clock timeout, so a corrupt file, a PDF bomb or a reference loop gives a
clear message in bounded time and memory. What comes back is the manifest goalsheet
attached when it made the form and every field's final value.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from goalsheet.findings import Finding, GoalsheetError
from goalsheet.language import formats
from goalsheet.language.messages import _
from goalsheet.orphans import die_with_parent_after_exec
from goalsheet.read import json_text

MAX_PDF_BYTES = 20_000_000  # a filled form is well under 1 MB; scans go elsewhere
MEMORY_BYTES = 1_500_000_000
CPU_SECONDS = 20
WALL_SECONDS = 40

FieldValue = str | list[str] | dict[str, Any] | None


@dataclass(frozen=True)
class FilledForm:
    path: str  # as shown in messages
    manifest: dict[str, Any]
    values: dict[str, FieldValue]  # field name -> final value (a checkbox: {checked, state})


class NotAForm(GoalsheetError):
    """A readable PDF with no goalsheet form map: perhaps a scan of printed pages."""


def read_filled_pdf(file: Path, display: str) -> FilledForm:
    """The manifest and field values of `file`. Raises GoalsheetError (GS401) when the file
    is not a PDF goalsheet can read, or not a goalsheet form."""
    try:
        size = file.stat().st_size
        with file.open("rb") as stream:
            head = stream.read(1024)
    except OSError as error:
        raise _error(
            display,
            _("cannot read the file: {reason}").format(reason=error.strerror),
            _("check it exists"),
        ) from None
    if b"%PDF-" in head and size > MAX_PDF_BYTES:
        # Too large for a form, not for a scanner's PDF: the scan reader has its own limits.
        raise NotAForm(
            _error(
                display,
                _(
                    "the file is too large for a filled form ({size} bytes; the limit is {limit})"
                ).format(size=formats.count(size), limit=formats.count(MAX_PDF_BYTES)),
                _("a filled goalsheet form is well under 1 MB; check this is the right file"),
            ).findings
        )
    if size > MAX_PDF_BYTES:
        raise _error(
            display,
            _("this is not a PDF file"),
            _("import reads filled goalsheet PDFs and CSV files (.csv)"),
        )
    if b"%PDF-" not in head:
        raise _error(
            display,
            _("this is not a PDF file"),
            _("import reads filled goalsheet PDFs and CSV files (.csv)"),
        )
    result = _parse(file, display)
    problem = result.get("error")
    if problem is not None:
        raise _error(display, *_explain(str(problem)))
    manifest = _manifest(result.get("manifest"), display)
    if manifest is None:
        not_ours = _error(
            display,
            _("this PDF was not made by goalsheet (it carries no goalsheet form map)"),
            _(
                "import reads the fillable PDFs goalsheet makes (`goalsheet diary --fillable`, "
                "`goalsheet worksheet NAME --fillable`; `goalsheet list worksheets` lists them). "
                "If it was one, the program that saved it removed its attachment: "
                "ask for the file as first sent back. Scans of printed pages import when "
                "they are goalsheet's scannable pages, with their code"
            ),
        )
        raise NotAForm(not_ours.findings)
    values = dict(result.get("fields") or {})
    if manifest["fields"] and not set(manifest["fields"]) & set(values):
        raise _error(
            display,
            _(
                "the form's fields are gone: the program that saved it flattened them into the "
                "page (as 'Print to PDF' does), so the answers can no longer be read"
            ),
            _("ask for the filled form saved with 'Save' rather than printed or flattened"),
        )
    return FilledForm(display, manifest, values)


def _parse(file: Path, display: str) -> dict[str, Any]:
    command = [sys.executable, "-m", "goalsheet.read.pdf_child", str(file)]
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            timeout=WALL_SECONDS,
            check=False,
            preexec_fn=_limits,  # limits apply to the child before pypdf loads
        )
    except subprocess.TimeoutExpired:
        raise _error(display, *_explain("too-slow")) from None
    try:
        data = json_text.loads(done.stdout or b"{}")  # the child's values: 3 levels
    except ValueError:
        data = {}
    if done.returncode != 0 or not isinstance(data, dict) or not data:
        return {"error": "too-big" if done.returncode < 0 else "damaged"}
    return data


def _limits() -> None:
    # Unix only (Windows has no resource module): run in the child alone
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
    die_with_parent_after_exec()  # and it ends with goalsheet, however goalsheet ends


def _manifest(text: object, display: str) -> dict[str, Any] | None:
    """The form map, or None when the PDF carries none goalsheet can use. A map nested
    deeper than goalsheet ever writes one is refused (GS408): it was made to overload."""
    if not isinstance(text, str):
        return None
    try:
        data = json_text.loads(text)
    except json_text.TooDeep as too_deep:
        raise GoalsheetError(
            [
                Finding(
                    display, 1, 1, "GS408",
                    # NOTE: most: how many levels of lists and objects a form map may nest.
                    _("the PDF's goalsheet form map is nested more than {most} levels deep; "
                      "goalsheet never makes one like it, so the file was changed by another "
                      "program").format(most=too_deep.most),
                    _("ask for the form as it was first sent back, or fill a fresh copy"),
                )
            ]
        ) from None  # fmt: skip
    except ValueError:
        return None
    if not isinstance(data, dict) or "form" not in data or not isinstance(data.get("fields"), dict):
        return None
    return data


def _explain(problem: str) -> tuple[str, str]:
    if problem == "encrypted":
        return (
            _("the PDF is encrypted (password-protected), so its fields cannot be read"),
            _("ask for the form saved again without a password or security settings"),
        )
    if problem == "too-big":
        return (
            _("the PDF needs too much memory to open (it may be damaged or built to overload)"),
            _("ask for the form to be saved again, or fill a fresh copy"),
        )
    if problem == "too-slow":
        return (
            _(
                "the PDF could not be opened within {seconds} seconds "
                "(it may be damaged or built to overload)"
            ).format(seconds=WALL_SECONDS),
            _("ask for the form to be saved again, or fill a fresh copy"),
        )
    return (
        _("the PDF is damaged or incomplete and cannot be read"),
        _("the file may have been cut short when sent; ask for it again"),
    )


def _error(display: str, message: str, hint: str) -> GoalsheetError:
    return GoalsheetError([Finding(display, 1, 1, "GS401", message, hint)])
