"""Make a scannable questionnaire PDF (`goalsheet worksheet phq-9 --scannable`)."""

from __future__ import annotations

from pathlib import Path

from goalsheet.language.catalogues import html_lang
from goalsheet.language.messages import _, active_locale, using
from goalsheet.model.client import ClientSheet
from goalsheet.model.config import Config
from goalsheet.model.measures import MeasureDefinition
from goalsheet.paper.context import ANSWER_WORDS
from goalsheet.render.template import render_template
from goalsheet.scan.layout import LAYOUT_VERSION
from goalsheet.scan.page import SCAN_TEMPLATE, measure_page, page_pdf


def scannable_measure_html(
    project_root: Path | None,
    config: Config,
    sheet: ClientSheet | None,
    measure: MeasureDefinition,
    paper: str,
) -> str:
    client = sheet.client.id if sheet else None
    with using((sheet.client.locale if sheet else None) or config.locale):
        values = list(range(measure.item_min, measure.item_max + 1))
        words = (
            [_(w) for w in ANSWER_WORDS] if len(values) == len(ANSWER_WORDS) else [""] * len(values)
        )
        context = measure_page(measure, paper, client, words)
        labels = [_(text) for text in measure.item_labels] or [
            _("Item {number}").format(number=n + 1) for n in range(measure.items)
        ]
        context["page"] = {
            "lang": html_lang(active_locale()),
            "title": _(measure.title),
            "practice": _(config.practice.name),
            "mark": _("Confidential · {client}").format(client=client) if client else "",
            "prompt": _(measure.prompt) if measure.prompt else "",
            "options": [
                {"value": value, "words": word}
                for value, word in zip(values, words, strict=True)
                if word
            ],
            "item_texts": labels,
            "form_label": f"goalsheet {measure.id.lower()} scan v{LAYOUT_VERSION} · {paper}",
        }
        return render_template(project_root, SCAN_TEMPLATE, context)


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
