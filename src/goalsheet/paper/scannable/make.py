"""Make a scannable questionnaire PDF (`goalsheet worksheet phq-9 --scannable`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from goalsheet.language.catalogues import html_lang
from goalsheet.language.messages import _, active_locale, using
from goalsheet.model.client import ClientSheet
from goalsheet.model.config import Config
from goalsheet.model.measures import MeasureDefinition
from goalsheet.paper.scannable.layout import LAYOUT_VERSION, PagePlan
from goalsheet.paper.scannable.page import SCAN_TEMPLATE, measure_page, page_pdf
from goalsheet.render.pdf import RenderError
from goalsheet.render.template import render_template

FOOT = 34.0  # mm from the last date row's centre to the paper's foot: crisis box, credit line


def scannable_measure_html(
    project_root: Path | None,
    config: Config,
    sheet: ClientSheet | None,
    measure: MeasureDefinition,
    paper: str,
) -> str:
    client = sheet.client.id if sheet else None
    with using((sheet.client.locale if sheet else None) or config.locale):
        # A measure without answer words shows the numbers only (in the circles).
        words = [_(w) for w in measure.answer_labels]
        context = measure_page(measure, paper, client, words)
        _fits(context["plan"], measure)
        context["page"] = {
            **_words(measure, words),
            "lang": html_lang(active_locale()),
            "practice": _(config.practice.name),
            "mark": _("Confidential · {client}").format(client=client) if client else "",
            "crisis_line": config.crisis_text(),
            "form_label": f"goalsheet {measure.id.lower()} scan v{LAYOUT_VERSION} · {paper}",
        }
        return render_template(project_root, SCAN_TEMPLATE, context)


def _fits(plan: PagePlan, measure: MeasureDefinition) -> None:
    """A page whose last circles would run into the foot (the crisis box, the corner marks)
    is refused: a circle printed where the reader cannot see it would read as blank."""
    if plan.rows[-1].y > plan.height - FOOT:
        raise RenderError(
            _("{measure} has too many items for one scannable page ({items}); a scannable "
              "questionnaire holds up to about 10 items: print it as a fillable or paper "
              "worksheet instead").format(measure=measure.id, items=measure.items)
        )  # fmt: skip


def _words(measure: MeasureDefinition, words: list[str]) -> dict[str, Any]:
    """The measure's words in the page's language: title, question, items, the answer words
    above the columns, the closing question and the instrument's credit line."""
    labels = [_(text) for text in measure.item_labels] or [
        _("Item {number}").format(number=n + 1) for n in range(measure.items)
    ]
    difficulty = measure.difficulty
    return {
        "title": _(measure.title),
        "prompt": _(measure.prompt) if measure.prompt else "",
        "answer_words": words,
        "item_texts": labels,
        "difficulty": difficulty.words() if difficulty else None,
        "credit": _(measure.credit) if measure.credit else "",
    }


def scannable_measure_pdf(
    project_root: Path | None,
    config: Config,
    sheet: ClientSheet | None,
    measure: MeasureDefinition,
    paper: str,
) -> bytes:
    return page_pdf(
        project_root, scannable_measure_html(project_root, config, sheet, measure, paper)
    )
