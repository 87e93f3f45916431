"""What a worksheet template sees: plain data built from the model, nothing with behaviour."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from pydantic import TypeAdapter

from goalsheet.language.catalogues import html_lang, language_of
from goalsheet.language.messages import _, active_locale
from goalsheet.model.client import ClientSheet, Goal, Tracker
from goalsheet.model.config import Config
from goalsheet.model.measures import MeasureDefinition
from goalsheet.paper.catalogue import Worksheet
from goalsheet.paper.diary import BLANK_TRACKERS, DiaryError, diary_columns, diary_weeks
from goalsheet.paper.manifest import field_key
from goalsheet.paper.names import PAPER_CSS

EVERY_PAGE_CRISIS = ("weekly-log",)  # besides diaries: the crisis text is on each page


@dataclass(frozen=True)
class SheetRequest:
    """What to draw: a worksheet, blank or for one client, print or fillable."""

    worksheet: Worksheet
    paper: str
    fillable: bool = False
    start: dt.date | None = None
    weeks: int | None = None


def sheet_context(
    request: SheetRequest,
    config: Config,
    sheet: ClientSheet | None,
    measures: dict[str, MeasureDefinition],
) -> dict[str, Any]:
    """The template context for one document. Raises DiaryError for an impossible diary."""
    worksheet = request.worksheet
    client = client_info(sheet, config) if sheet else None
    goal_word = (client or {}).get("goal_word") or config.goal_word
    goal_word = _(goal_word)  # the default "goals" in the reader's language
    context: dict[str, Any] = {
        "page": {
            "title": _in_their_words(_(worksheet.title), goal_word),
            "lang": html_lang(active_locale()),
            "paper": request.paper,
            "paper_css": PAPER_CSS[request.paper],
            "practice": {
                "name": config.practice.name,
                "contact": config.practice.contact,
                "crisis_line": config.crisis_text(),
                "colours": config.practice.colours.model_dump(),
            },
            "mark": _("Confidential · {client}").format(client=client["id"]) if client else "",
            "form_label": f"goalsheet {worksheet.id} v{worksheet.version} · {request.paper}",
            "client": client,
            "youth": bool(client and client["youth"]),
            "fillable": request.fillable,
            "date": None,
            # diaries and logs carry it on every page (print/crisis.j2, every_page=True)
            "show_crisis": worksheet.kind != "diary" and worksheet.id not in EVERY_PAGE_CRISIS,
        },
        "worksheet": {
            **worksheet.model_dump(),
            "title": _(worksheet.title),
            "purpose": _(worksheet.purpose),
        },
        "goal_word": goal_word,
        "goal_word_one": singular(goal_word),
        "goals": [_goal(goal) for goal in sheet.goals if goal.status == "active"] if sheet else [],
        "trackers": [t.model_dump() for t in sheet.trackers] if sheet else [],
        "raters": sheet.client.raters if sheet else ["client", "parent", "therapist"],
    }
    if worksheet.kind == "diary":
        context["diary"] = _diary(request, sheet)
    if worksheet.kind == "measure":
        context["measure"] = _measure(measures[worksheet.measure or ""])
    return context


def _in_their_words(title: str, goal_word: str) -> str:
    """ "Goal ladder" becomes "Hope ladder" for a client who prefers "hopes" (in English;
    a translated title keeps the catalogue's word)."""
    if goal_word.lower() == "goals" or language_of(active_locale()) != "en":
        return title
    one = singular(goal_word)
    return re.sub(
        r"\bgoal(s?)\b",
        lambda m: one if not m.group(1) else goal_word,
        re.sub(
            r"\bGoal(s?)\b", lambda m: (one if not m.group(1) else goal_word).capitalize(), title
        ),
    )


def client_info(sheet: ClientSheet, config: Config) -> dict[str, Any]:
    client = sheet.client
    label = client.id
    if config.show_client_names and client.name:
        label = _("{name} ({id})").format(name=client.name, id=client.id)
    return {
        "id": client.id,
        "label": label,
        "therapist": client.therapist,
        "goal_word": client.goal_word,
        "youth": client.youth or client.age_band in ("child", "teen"),
    }


def _goal(goal: Goal) -> dict[str, Any]:
    data = goal.model_dump(mode="json")
    data["steps_easiest_first"] = data["steps"]
    return data


def singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


_TRACKERS: TypeAdapter[list[Tracker]] = TypeAdapter(list[Tracker])


def _diary(request: SheetRequest, sheet: ClientSheet | None) -> dict[str, Any]:
    trackers = sheet.trackers if sheet else _TRACKERS.validate_python(BLANK_TRACKERS)
    columns = diary_columns(trackers)
    if not columns:
        client_id = sheet.client.id if sheet else _("this client")
        raise DiaryError(
            _(
                "{client} has no trackers a daily diary can hold; add some under 'trackers:' "
                "in their goalsheet.yaml (kinds: rating, count, duration, yesno, time, text)"
            ).format(client=client_id)
        )
    weeks = request.weeks or request.worksheet.weeks
    return {
        "weeks": diary_weeks(request.start, weeks),
        "columns": columns,
        "start": request.start.isoformat() if request.start else None,
        "baseline": request.worksheet.id == "baseline-diary",
    }


def _measure(measure: MeasureDefinition) -> dict[str, Any]:
    options = list(range(measure.item_min, measure.item_max + 1))
    words = [_(word) for word in measure.answer_labels] or [str(o) for o in options]
    difficulty = measure.difficulty
    labels = [_(text) for text in measure.item_labels] or [
        _("Item {number}").format(number=i + 1) for i in range(measure.items)
    ]
    return {
        "id": measure.id,
        "key": field_key(measure.id).replace("-", ""),
        "reverse": measure.reverse,
        "title": _(measure.title),
        "prompt": _(measure.prompt) if measure.prompt else measure.prompt,
        "items": [{"number": n + 1, "text": text} for n, text in enumerate(labels)],
        "options": [
            {"value": value, "words": word} for value, word in zip(options, words, strict=True)
        ],
        "bands": [{**band.model_dump(), "label": _(band.label)} for band in measure.bands],
        "max_total": measure.items * measure.item_max,
        "flags": [flag.model_dump() for flag in measure.flags],
        "difficulty": difficulty.words() if difficulty else None,
        "credit": _(measure.credit) if measure.credit else "",
    }
