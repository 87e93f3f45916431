"""Who a report is for, in which form, and the names of the files it is written to."""

from __future__ import annotations

from typing import Literal

Audience = Literal["clinician", "client"]
Medium = Literal["pdf", "html"]
AUDIENCES: tuple[Audience, ...] = ("clinician", "client")
SUMMARY_FILE = "caseload-summary"
ATTENTION_FILE = "attention"  # the internal attention list, in private/ only


def report_file_name(client_id: str, audience: str, medium: str, detail: bool = False) -> str:
    """`report-C-0142-clinician.pdf` (`-clinician-detail.pdf` with the appendix): the ID
    only, never a name."""
    return f"report-{client_id}-{audience}{'-detail' if detail else ''}.{medium}"
