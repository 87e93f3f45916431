"""A scanned file's pages into outcomes: one per client whose pages are in the file.

Each page is read on its own (scan_pages.py: in worker processes, handed back in page
order), against the plan it was printed with (scan_plan.py). A page that cannot be read
(no code, a missing corner, too dark, too large to decode) is reported by number as a
wrong value, so the run stops unless --skip-invalid says to import the pages that were
read (and the other files); nothing is ever written for a page that failed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from goalsheet.findings import GoalsheetError
from goalsheet.intake.form_context import Converted
from goalsheet.intake.items import Skipped
from goalsheet.intake.outcome import Outcome
from goalsheet.intake.scan.accept import apply_accepted
from goalsheet.intake.scan.entries import diary_items, measure_items, note_crops, week_items
from goalsheet.intake.scan.locate import Unreadable
from goalsheet.intake.scan.overview import page_overview
from goalsheet.intake.scan.pages import page_readings
from goalsheet.intake.scan.plan import measure_of
from goalsheet.intake.scan.read import PageReading
from goalsheet.intake.scan.review_rows import review_items
from goalsheet.intake.scan.source import RefusedPage, is_image
from goalsheet.intake.scanned import NOTES_DIR, NoteCrop, PageOverview, ReviewItem
from goalsheet.language.messages import _
from goalsheet.paper.scannable.diary import DIARY_FORMS, WEEKLY_FORM
from goalsheet.project import CLIENTS_DIR, Project, UnknownClient, UnreadableClient


class NoCodes(GoalsheetError):
    """No page of the PDF carries a goalsheet code: it is not a scan of goalsheet pages."""


def scan_outcomes(
    project: Project,
    file: Path,
    display: str,
    given: str | None,
    date: dt.date | None,
    today: dt.date,
    accepted: dict[str, str] | None = None,
) -> list[Outcome]:
    by_client: dict[str, tuple[Outcome, Converted]] = {}
    failed = Outcome(display, form=_("scanned pages"))
    read_any = refused_any = False
    for number, reading in page_readings(project, file, display):
        page = _("{file}, page {n}").format(file=Path(display).name, n=number)
        if isinstance(reading, RefusedPage):  # too large to decode, or damaged
            failed.skipped.append(Skipped(page, reading.why))
            refused_any = True
            continue
        if isinstance(reading, Unreadable):
            failed.skipped.append(Skipped(page, str(reading)))
            continue
        read_any = True
        apply_accepted(reading, number, accepted or {})
        payload = reading.payload
        client = payload.client or given
        problem = _client_problem(project, client, given)
        if problem is not None:
            failed.skipped.append(Skipped(page, problem))
            continue
        assert client is not None
        outcome, converted = by_client.setdefault(
            client,
            (Outcome(display, client=client, form=f"{payload.form} scan v{payload.layout}"),
             Converted()),
        )  # fmt: skip
        unclear, overview = _review(project, display, number, reading)
        outcome.review.extend(unclear)
        outcome.overviews.append(overview)
        sheet = project.sheet_of(client)
        _keep_notes(project, outcome, note_crops(reading, sheet, page))
        if payload.form in DIARY_FORMS:
            diary_items(reading, page, sheet, today, converted)
        elif payload.form == WEEKLY_FORM:
            week_items(reading, page, sheet, today, converted)
        else:
            measure_items(reading, page, measure_of(project, payload), date, today, converted)
    if not read_any and not refused_any and not is_image(file):
        raise NoCodes([])
    outcomes = []
    for outcome, converted in by_client.values():
        outcome.items, outcome.skipped = converted.items, converted.skipped
        outcome.held = converted.held
        outcomes.append(outcome)
    if failed.skipped or not outcomes:
        outcomes.append(failed)
    return outcomes


def _keep_notes(project: Project, outcome: Outcome, crops: list[NoteCrop]) -> None:
    """Add the page's handwritten notes to those the import keeps, unless a picture of
    the same box is kept already (the same page imported again adds nothing)."""
    folder = f"{CLIENTS_DIR}/{outcome.client}/{NOTES_DIR}"
    outcome.crops_dir = folder
    for crop in crops:
        if (project.root / folder / crop.name).exists() or any(
            c.name == crop.name for c in outcome.crops
        ):
            outcome.crops_kept += 1
        else:
            outcome.crops.append(crop)


def _client_problem(project: Project, client: str | None, given: str | None) -> str | None:
    if client is None:
        return _("the page is a blank form: say whose it is with --client ID")
    if given and client != given:
        return _("the page was printed for {client}, not {given}").format(
            client=client, given=given
        )
    try:
        project.sheet_of(client)
    except (UnknownClient, UnreadableClient) as error:
        return _("the page is for client {client}, who cannot be found here ({error})").format(
            client=client, error=error
        )
    return None


def _review(
    project: Project, display: str, number: int, reading: PageReading
) -> tuple[list[ReviewItem], PageOverview]:
    """The page's unclear rows, each with a crop of the page as it was read (a critical
    item's says so), and the page as read with its marks outlined, for the review page."""
    payload = reading.payload
    diary = payload.form in (*DIARY_FORMS, WEEKLY_FORM)
    measure = None if diary else measure_of(project, payload)
    return review_items(display, number, reading, measure), page_overview(display, number, reading)
