"""A scanned page's unclear rows as the review page shows them: a crop of each row, what
it records, why it is unclear, the values it can take and what they mean. An unclear
critical item (PHQ-9 item 9, any measure's flagged item) says so: it needs a person."""

from __future__ import annotations

from goalsheet.intake.scan.accept import row_key
from goalsheet.intake.scan.read import PageReading, RowReading
from goalsheet.intake.scanned import ReviewItem
from goalsheet.language.messages import _
from goalsheet.model.measures import MeasureDefinition

YES_NO = ("1", "0")  # a diary's yes/no row: yes is 1, no is 0


def review_items(
    file: str, number: int, reading: PageReading, measure: MeasureDefinition | None
) -> list[ReviewItem]:
    """The unclear rows of page `number` of `file`; `measure` is the questionnaire the page
    is (None for a diary or weekly log)."""
    # heavy: OpenCV loads only when a scan is read
    import cv2

    items = []
    for row in reading.rows:
        if not row.unclear:
            continue
        x, y, w, h = row.box
        crop = reading.warped[max(0, y) : y + h, max(0, x) : x + w]
        ok, png = cv2.imencode(".png", crop)
        choices = tuple(str(m.circle.value) for m in row.marks)
        items.append(
            ReviewItem(
                file, number, row_key(number, row), _label(row), row.unclear,
                (*choices, "none"), png.tobytes() if ok else b"",
                (*_words(row, choices, measure), _("leave unanswered")),
                _concern(row, measure),
            )
        )  # fmt: skip
    return items


def _label(row: RowReading) -> str:
    if row.day is not None:
        part = f" ({row.part})" if row.part else ""
        return f"{row.day} · {row.label}{part}"
    if row.key.startswith("date:"):
        return _("the date ({part})").format(part=row.key.removeprefix("date:"))
    return _("item {n}").format(n=row.number)


def _words(
    row: RowReading, choices: tuple[str, ...], measure: MeasureDefinition | None
) -> tuple[str, ...]:
    """What each value means, where the form says: a questionnaire's answer labels, a
    diary's yes and no; "" where the number says it all."""
    if row.day is not None and choices == YES_NO:
        return _("yes"), _("no")
    if measure is None or not measure.answer_labels or not row.key.startswith("item"):
        return tuple("" for _value in choices)
    labels = measure.answer_labels
    return tuple(
        _(labels[int(v) - measure.item_min]) if 0 <= int(v) - measure.item_min < len(labels)
        else "" for v in choices
    )  # fmt: skip


def _concern(row: RowReading, measure: MeasureDefinition | None) -> str:
    """A critical item's concern, as the measure words it; "" for any other row."""
    if measure is None or not row.key.startswith("item"):
        return ""
    for flag in measure.flags:
        if flag.item == row.number:
            return _(flag.message)
    return ""
