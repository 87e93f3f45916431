"""The review page of a scanned import (unclear marks and handwritten notes) in Debian's
Chromium: axe-core finds no WCAG 2.2 A or AA violation, and every picture has words."""

from __future__ import annotations

from pathlib import Path

import cv2
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from conftest import REPO
from test_report_browser import ARGS, CHROMIUM, WCAG
from test_scan import PHQ9, cli, demo, fill, plan_of, printed, solid

__all__ = ["demo"]  # the module's practice, a copy of the demo project


def test_the_review_page_is_accessible(demo: Path, tmp_path: Path) -> None:
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package")
    plan = plan_of(demo, "PHQ-9")
    page = fill(printed(demo, "phq-9", "C-0421", 200), plan, list(PHQ9), 200)
    k = 200 / 25.4
    extra = plan.rows[3].circles[3]  # item 4: a second mark
    solid(page, (round(extra.x * k), round(extra.y * k)), round(extra.r * k))
    unclear = tmp_path / "phq.png"
    cv2.imwrite(str(unclear), page)
    diary = REPO / "examples" / "scans" / "C-0142-diary-photo.jpg"  # with a handwritten note
    result = cli(demo, "import", unclear, diary, "--date", "2026-11-16", "--as-of", "2026-11-20",
                 "--dry-run")  # fmt: skip
    assert result.exit_code == 1, result.output  # the unclear row holds the PHQ-9 back
    review = demo / "private" / "review" / "scans-review.html"
    text = review.read_text(encoding="utf-8")
    assert "Handwritten notes" in text and "2 circles are filled" in text
    assert 'alt=""' not in text
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            tab = browser.new_page()
            tab.goto(review.as_uri())
            results = Axe().run(tab, options={"runOnly": {"type": "tag", "values": WCAG}})
            violations = [(v["id"], v["nodes"][0]["html"][:120])
                          for v in results.response["violations"]]  # fmt: skip
            images = tab.locator("img").count()
            # The page's own policy runs nothing, yet its pictures (inside it as data) show.
            drawn = tab.evaluate(
                "[...document.images].every(i => i.complete && i.naturalWidth > 0)"
            )
        finally:
            browser.close()
    assert violations == []
    assert images == 2  # the unclear row and the note
    assert drawn
    assert "script-src 'none'" in text
