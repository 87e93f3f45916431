"""A CSV file from a spreadsheet or an app, read safely: a size cap, UTF-8 (a byte-order
mark from Excel is fine; another encoding is refused with the line and column), the
delimiter a spreadsheet chose (comma, semicolon or tab), and each row's line number."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from goalsheet.findings import Finding, GoalsheetError
from goalsheet.language import formats
from goalsheet.language.messages import _
from goalsheet.read.text import read_text

MAX_CSV_BYTES = 10_000_000
MAX_ROWS = 200_000
MAX_FIELD = 20_000


@dataclass(frozen=True)
class CsvTable:
    path: str
    header: list[str]  # lower-cased, trimmed
    rows: list[tuple[int, dict[str, str]]]  # (line number, values by header)


def read_csv(file: Path, display: str) -> CsvTable:
    text = read_text(
        file,
        display,
        max_bytes=MAX_CSV_BYTES,
        kind="CSV",
        split_hint=_("split the spreadsheet into several files (by year, say) and import each"),
    )
    if not text.strip():
        raise _error(
            display, 1, _("the CSV file is empty"), _("export it again from the spreadsheet")
        )
    first = text.splitlines()[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    csv.field_size_limit(MAX_FIELD)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = [cell.strip().lower() for cell in next(reader)]
        if len(set(header)) != len(header):
            raise _error(
                display, 1, _("the header row names a column twice"), _("rename or remove one")
            )
        rows: list[tuple[int, dict[str, str]]] = []
        for cells in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if len(rows) >= MAX_ROWS:
                raise _error(
                    display,
                    line,
                    _("more than {limit} rows").format(limit=formats.count(MAX_ROWS)),
                    _("split the file"),
                )
            if len(cells) > len(header):
                raise _error(
                    display,
                    line,
                    _("the row has {cells} cells but the header names {columns} columns").format(
                        cells=len(cells), columns=len(header)
                    ),
                    _("check for a stray delimiter, or quote text that contains one"),
                )
            rows.append((line, dict(zip(header, cells, strict=False))))  # cells as written
    except csv.Error as error:
        raise _error(
            display,
            reader.line_num,
            _("the CSV cannot be read: {error}").format(error=error),
            _("export it again"),
        ) from None
    return CsvTable(display, header, rows)


def _error(display: str, line: int, message: str, hint: str) -> GoalsheetError:
    return GoalsheetError([Finding(display, line, 1, "GS403", message, hint)])
