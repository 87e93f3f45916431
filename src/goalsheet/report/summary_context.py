"""The template context of the caseload summary: counts and shares, no client IDs or names."""

from __future__ import annotations

from typing import Any

from goalsheet.language.messages import _
from goalsheet.model.config import Config
from goalsheet.report.context import ReportRequest, page_frame


def summary_context(
    request: ReportRequest, summary: dict[str, Any], config: Config
) -> dict[str, Any]:
    """The caseload summary's context: counts only, no client IDs or names."""
    page = page_frame(request, config, None)
    page["title"] = _("Caseload summary")
    return {"page": page, "summary": summary}
