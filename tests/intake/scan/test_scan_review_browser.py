"""The review page of a scanned import in Debian's Chromium, as a therapist uses it: choose
what one unclear row says, build the command, run it, then the other row; the command is
pasted into the CLI exactly as built (a file name with a space and a quote in it). On the
way: axe-core finds no WCAG 2.2 A or AA violation, the page fits 1,000 px and a phone, its
policy forbids any network yet lets its own script run, every picture has words."""

from __future__ import annotations

import shlex
from pathlib import Path

import cv2
import numpy as np
import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from goalsheet.intake.scan.review import review_html
from goalsheet.intake.scanned import ReviewItem
from helpers.browser import AXE_OPTIONS, CHROMIUM, chromium
from helpers.cli import invoke
from helpers.project import REPO
from helpers.scan_pages import ENV, PHQ9, cli, fill, plan_of, printed, solid

pytestmark = pytest.mark.browser

ODD_NAME = "Alex's PHQ 9.png"  # a space and a quote: the built command must quote it


def _unclear_phq9(root: Path, folder: Path) -> Path:
    """A PHQ-9 for C-0421 with two circles filled in item 4 (1 and 3) and in item 9 (0 and
    1), as a 200 dpi scan saved under a name with a space and a quote."""
    plan = plan_of(root, "PHQ-9")
    page = fill(printed(root, "phq-9", "C-0421", 200), plan, list(PHQ9), 200)
    k = 200 / 25.4
    for row, value in ((3, 3), (8, 1)):
        extra = plan.rows[row].circles[value]
        solid(page, (round(extra.x * k), round(extra.y * k)), round(extra.r * k))
    path = folder / ODD_NAME
    cv2.imwrite(str(path), page)
    return path


def _choose_and_build(tab: Page, key: str, value: str) -> str:
    tab.check(f'fieldset[data-key="{key}"] input[value="{value}"]')
    tab.click("#build")
    return tab.input_value("#command")


def _run(command: str) -> tuple[int, str]:
    """The built command, split as a POSIX shell would, run through the CLI."""
    args = shlex.split(command)
    assert args[:2] == ["goalsheet", "import"]
    result = invoke(*args[1:], env=ENV, catch=True)
    return result.exit_code, result.output


def _phq9_entries(root: Path) -> list[list[int | None]]:
    entries = root / "goalsheets" / "C-0421" / "entries"
    found = []
    for file in entries.glob("*.yaml"):
        for measure in (yaml.safe_load(file.read_text(encoding="utf-8")) or {}).get("measures", []):
            if measure.get("measure") == "PHQ-9" and str(measure.get("date")) == "2026-11-16":
                found.append(measure["answers"])
    return found


@pytest.mark.slow
def test_the_review_page_builds_the_command_for_the_rows_chosen(demo: Path, tmp_path: Path) -> None:
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package")
    scan = _unclear_phq9(demo, tmp_path)
    diary = REPO / "examples" / "scans" / "C-0142-diary-photo.jpg"  # clear, with a note
    result = cli(demo, "import", scan, diary, "--date", "2026-11-16", "--as-of", "2026-11-20",
                 "--dry-run")  # fmt: skip
    assert result.exit_code == 1, result.output  # the unclear rows hold the PHQ-9 back
    review = demo / "private" / "review" / "scans-review.html"
    assert review.stat().st_mode & 0o777 == 0o600
    text = review.read_text(encoding="utf-8")
    assert "Handwritten notes" in text and text.count("Why it is unclear:") == 2
    assert 'alt=""' not in text
    policy = text.split('http-equiv="Content-Security-Policy" content="')[1].split('"')[0]
    assert "default-src 'none'" in policy and "connect-src 'none'" in policy
    assert "script-src 'sha256-" in policy and "form-action 'none'" in policy
    with chromium() as browser:
        tab = browser.new_page(viewport={"width": 1000, "height": 800})
        tab.goto(review.as_uri())
        results = Axe().run(tab, options=AXE_OPTIONS)
        violations = [(v["id"], v["nodes"][0]["html"][:120])
                      for v in results.response["violations"]]  # fmt: skip
        wide = tab.evaluate("document.documentElement.scrollWidth")
        preselected = tab.locator("input[type=radio]:checked").count()
        keys = tab.eval_on_selector_all("fieldset[data-key]", "f => f.map(e => e.dataset.key)")
        first_is_risk = tab.locator("fieldset").first.get_attribute("class")
        pictures = tab.eval_on_selector_all(
            "img", "i => i.map(e => [e.alt, e.complete && e.naturalWidth > 0])"
        )
        # Only item 4 is chosen: the command leaves item 9 out.
        command = _choose_and_build(tab, "p1:item4", "3")
        tab.click("#copy")
        status = tab.inner_text("#status")
        selected = tab.evaluate(
            "(e => e.selectionEnd - e.selectionStart)(document.getElementById('command'))"
        )
        tab.set_viewport_size({"width": 390, "height": 844})
        phone = tab.evaluate("document.documentElement.scrollWidth")
        exit_code, output = _run(command)
        # The page is written again: item 9 is left, and the earlier choice stays in it.
        tab.set_viewport_size({"width": 1000, "height": 800})
        tab.goto(review.as_uri())
        keys_after = tab.eval_on_selector_all(
            "fieldset[data-key]", "f => f.map(e => e.dataset.key)"
        )
        command_after = _choose_and_build(tab, "p1:item9", "1")
    assert violations == []
    assert wide <= 1000 and phone <= 390
    assert preselected == 0
    assert keys == ["p1:item9", "p1:item4"] and first_is_risk == "risk"
    # The item 4 crop, the item 9 crop, the two pages as read, the handwritten note.
    assert len(pictures) == 5 and all(alt and drawn for alt, drawn in pictures)
    assert sum("as read" in alt for alt, _drawn in pictures) == 2
    assert "--accept p1:item4=3" in command and "p1:item9" not in command
    assert shlex.split(command)[2] == str(scan)  # the space and the quote survive
    assert status and selected == len(command)  # copied, or at least selected to copy
    # Item 9 is still unclear: still held back, still raised first, nothing written.
    assert exit_code == 1, output
    assert output.startswith("CRITICAL C-0421: PHQ-9 item 9: unclear")
    assert _phq9_entries(demo) == []
    assert keys_after == ["p1:item9"]
    assert "--accept p1:item4=3" in command_after and "--accept p1:item9=1" in command_after
    exit_code, output = _run(command_after)
    assert exit_code == 0, output
    assert "CRITICAL C-0421: PHQ-9 item 9" in output  # answered 1: follow up today
    assert _phq9_entries(demo) == [[2, 1, 2, 3, 1, 0, 1, 0, 1]]


@pytest.mark.slow
def test_the_command_quotes_as_shlex_and_refuses_a_clash(tmp_path: Path) -> None:
    """Any argument survives the page's quoting as shlex would split it; an earlier --accept
    for a row chosen again gives way; page 1 of two files (the same key) chosen apart, or
    for one file only, is refused rather than one choice silently applied to both."""
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package")
    odd = ["it's", "a b", "", "$HOME", "x;rm -rf ~", 'say "hi"', "é\\n", "--accept", "p1:item2=0"]
    items = [_item(file, "p1:item2") for file in ("a.png", "b.png")]
    page = tmp_path / "review.html"
    page.write_text(review_html(REPO, items, [], [], ["goalsheet", "import", *odd]), "utf-8")
    with chromium() as browser:
        tab = browser.new_page()
        tab.goto(page.as_uri())
        tab.click("#build")
        nothing = tab.input_value("#command"), tab.inner_text("#status")
        tab.check("#row1-1")
        tab.click("#build")  # one file's row only: it would decide the other's too
        alone = tab.input_value("#command"), tab.inner_text("#status")
        tab.check("#row2-1")
        tab.click("#build")
        same = tab.input_value("#command")  # both rows: 1
        tab.check("#row2-3")
        tab.click("#build")
        clash = tab.input_value("#command"), tab.inner_text("#status")
    assert nothing[0] == "" and "at least one row" in nothing[1]
    assert shlex.split(same) == ["goalsheet", "import", *odd[:-2], "--accept", "p1:item2=1"]
    assert alone[0] == "" and "one at a time" in alone[1]
    assert clash[0] == "" and "one at a time" in clash[1]


def _item(file: str, key: str) -> ReviewItem:
    return ReviewItem(file, 1, key, "item 2", "2 circles are filled", ("1", "3", "none"),
                      _PNG, ("", "", "leave unanswered"))  # fmt: skip


_PNG = cv2.imencode(".png", np.full((20, 60), 255, np.uint8))[1].tobytes()
