"""The degradation suite: about 2,000 marks on real printed pages (PHQ-9, GAD-7 with their
date circles, a diary and a weekly log, at 150, 200 and 300 dpi and as phone photos),
filled in every style people mark circles with and spoiled at random but reproducibly (a
fixed seed), read back. Targets from the issue: no silent error in any style (a value
recorded that was not meant, or a mark recorded as blank; every doubtful mark unclear), and
at least 99.5% of the clear marks read right. With 100-200 marks a style here, one clear
mark sent to review is 0.5-1%: each style is held to 99% (benchmarks/scan.py measures
each against 99.5% on larger corpora)."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from goalsheet.intake.scan.locate import Unreadable
from goalsheet.intake.scan.read import read_page
from helpers.scan_corpus import CLEAR, INKS, Tally, fill_page, spoil
from helpers.scan_pages import diary_page, diary_plan, plan_of, printed, weekly_page, weekly_plan

pytestmark = pytest.mark.slow  # every test here takes more than ~2 s

MARKS = 2000


def test_two_thousand_marks_in_every_style(demo: Path) -> None:
    rng = random.Random(20261206)
    start = "2026-11-30"
    sources = []
    for dpi in (150, 200, 300):
        sources.append((printed(demo, "phq-9", "C-0142", dpi), plan_of(demo, "PHQ-9"), dpi))
        sources.append((printed(demo, "gad-7", "C-0388", dpi), plan_of(demo, "GAD-7"), dpi))
        sources.append((diary_page(demo, "C-0142", start, dpi), diary_plan(demo, "C-0142", start),
                        dpi))  # fmt: skip
        sources.append((weekly_page(demo, start, dpi), weekly_plan(demo, start), dpi))
    tally = Tally()
    problems: list[str] = []
    began = time.perf_counter()
    while tally.marks + tally.unread < MARKS:
        blank, plan, dpi = rng.choice(sources)
        page, expected = fill_page(blank, plan, dpi, rng, doubtful=0.12, colour=True)
        spoiled, _phone = spoil(page, rng)
        tally.pages += 1
        try:
            reading = read_page(spoiled, lambda payload, plan=plan: plan)
        except Unreadable as error:
            tally.lost(expected)
            problems.append(f"page {tally.pages} ({dpi} dpi): {error}")
            continue
        tally.add(expected, {row.key: (row.value, row.unclear is not None) for row in reading.rows})
    tally.seconds = time.perf_counter() - began
    print(
        f"\nscan corpus: {tally.marks + tally.unread} marks on {tally.pages} pages, "
        f"{tally.share_right:.2%} read right, {tally.unreadable} pages unreadable, "
        f"{tally.pages / tally.seconds:.1f} pages per second (with filling and spoiling)"
    )
    print(tally.table())
    assert tally.silent == 0, tally.table()
    clear = [tally.styles[name] for name in [*CLEAR, *INKS]]
    assert sum(s.right for s in clear) >= 0.995 * sum(s.marks for s in clear), tally.table()
    for name in [*CLEAR, *INKS]:
        style = tally.styles[name]
        assert style.right >= 0.99 * style.marks, (name, tally.table())
    assert tally.unreadable <= tally.pages // 50, problems  # at most 2% of the pages
