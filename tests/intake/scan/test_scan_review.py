"""The scan review page without a browser: what its policy allows, what it offers for each
unclear row (never a value chosen for the reviewer), the order of risk items, the command
it starts from, and each page as read with its marks outlined (from a real photo)."""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import hashlib
import re
import shlex
from pathlib import Path

import cv2
import numpy as np
import pytest

from goalsheet.intake.scan.overview import overview_png, page_overview
from goalsheet.intake.scan.plan import plan_for as _plan_for
from goalsheet.intake.scan.read import read_page
from goalsheet.intake.scan.review import review_html
from goalsheet.intake.scan.review_command import as_typed, import_again
from goalsheet.intake.scanned import PageOverview, ReviewItem
from goalsheet.project import load_project
from helpers.project import REPO

PHOTO = REPO / "examples" / "scans" / "C-0388-phq-9-photo.jpg"
ODD_NAME = "scans/Alex's scan 1.png"  # a space and a quote: quoted for the shell
BLUE, MAGENTA = (0xB8, 0x57, 0x00), (0x5B, 0x18, 0xC2)  # BGR, as OpenCV decodes


@pytest.fixture(scope="module")
def overview() -> PageOverview:
    """The demo's PHQ-9 photo as read, with its item 5 made unclear (as if two circles)."""
    project = load_project(REPO)
    reading = read_page(
        cv2.imread(str(PHOTO), cv2.IMREAD_GRAYSCALE), lambda payload: _plan_for(project, payload)
    )
    index = next(i for i, row in enumerate(reading.rows) if row.key == "item5")
    reading.rows[index] = dataclasses.replace(
        reading.rows[index], value=None, unclear="2 circles are filled"
    )
    return page_overview(PHOTO.name, 1, reading)


def _item(key: str, label: str, critical: str = "") -> ReviewItem:
    return ReviewItem(
        ODD_NAME, 1, key, label, "2 circles are filled", ("0", "1", "2", "3", "none"),
        b"\x89PNG", ("Not at all", "Several days", "More than half the days",
                     "Nearly every day", "leave unanswered"), critical,
    )  # fmt: skip


def test_the_command_starts_from_the_same_import_and_quotes_for_the_shell() -> None:
    again = import_again(
        [Path(ODD_NAME), "b.pdf"], client="C-0421", date=dt.date(2026, 11, 16),
        as_of=dt.datetime(2026, 11, 20), project=Path("."), skip_invalid=True,
        accepted=("p1:item2=1",),
    )  # fmt: skip
    assert again == ["goalsheet", "import", ODD_NAME, "b.pdf", "--client", "C-0421",
                     "--date", "2026-11-16", "--as-of", "2026-11-20", "--skip-invalid",
                     "--accept", "p1:item2=1"]  # fmt: skip
    typed = as_typed(again)
    assert "'scans/Alex'\"'\"'s scan 1.png'" in typed
    assert shlex.split(typed) == again
    assert "--project" in import_again(["a.png"], project=Path("../practice"))


def test_the_page_offers_choices_and_runs_only_its_own_script(overview: PageOverview) -> None:
    items = [_item("p1:item4", "item 4"),
             _item("p1:item9", "item 9", "thoughts of self-harm: follow up today")]  # fmt: skip
    again = import_again([ODD_NAME])
    html = review_html(REPO, items, [], [overview], again)
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert policy is not None
    rules = dict(rule.strip().split(" ", 1) for rule in policy.group(1).split(";"))
    for closed in ("default-src", "connect-src", "form-action", "object-src", "base-uri"):
        assert rules[closed] == "'none'", closed
    assert rules["img-src"] == "data:"
    scripts = re.findall(r"<script>(.*?)</script>", html, flags=re.S)
    assert len(scripts) == 1 and "<script " not in html  # no other script, inline or loaded
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    assert rules["script-src"] == f"'sha256-{digest}'"
    radios = re.findall(r'<input type="radio"[^>]*>', html)
    assert len(radios) == 10 and not [r for r in radios if "checked" in r]  # none chosen
    assert re.search(r"--accept p1:item\d=\d", html) is None  # no ready-made value
    # The risk item comes first and says it needs a person, though it was listed second.
    keys = re.findall(r'<fieldset data-key="([^"]+)"', html)
    assert keys == ["p1:item9", "p1:item4"]
    assert html.index("Ask today") < html.index('data-key="p1:item9"') < html.index("Unclear marks")
    assert html.count('value="none"') == 2
    assert "3 · Nearly every day" in html and "leave unanswered (none)" in html
    # Without the script: the import to add the --accept to, quoted for the shell.
    assert "Alex&#39;&#34;&#39;&#34;&#39;s scan 1.png" in html  # '"'"' escaped as HTML


def test_each_page_is_shown_as_read_with_its_marks_outlined(overview: PageOverview) -> None:
    png = overview_png(overview)
    assert len(png) < 150_000  # a page's picture stays small inside the page
    picture = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_COLOR)
    assert picture.shape[1] == 840  # A4 at 4 px/mm
    assert overview.read == 12 and overview.unclear == 1  # 9 items and 4 date digits, less one
    rings = [o for o in overview.outlines if o.kind == "read"]
    boxes = [o for o in overview.outlines if o.kind == "unclear"]
    assert len(rings) == 12 and len(boxes) == 1
    k = overview.scale
    for ring in rings:  # blue just outside each circle read as the answer
        x, y, r = round(ring.x * k), round(ring.y * k), round(ring.w * k) + 6
        around = picture[y - r - 2 : y + r + 3, x - r - 2 : x + r + 3].reshape(-1, 3)
        assert (around == BLUE).all(axis=1).sum() > 20
    box = boxes[0]
    top = picture[round(box.y * k) - 2 : round(box.y * k) + 3,
                  round(box.x * k) : round((box.x + box.w) * k)].reshape(-1, 3)  # fmt: skip
    assert (top == MAGENTA).all(axis=1).mean() > 0.5
    assert not (picture.reshape(-1, 3) == MAGENTA).all(axis=1)[: 60 * 840].any()  # not at the top


def test_a_row_shared_by_two_files_and_a_long_scan(
    overview: PageOverview, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Page 1 of two files gives the same key: the page says so. Past MAX_PAGES, the pages
    with unclear rows are the ones shown, and the others are counted."""
    items = [_item("p1:item4", "item 4"), dataclasses.replace(_item("p1:item4", "item 4"),
                                                              file="other.png")]  # fmt: skip
    clear = dataclasses.replace(overview, unclear=0)
    pages = [dataclasses.replace(clear, page=1), dataclasses.replace(overview, page=2),
             dataclasses.replace(clear, page=3)]  # fmt: skip
    monkeypatch.setattr("goalsheet.intake.scan.review.MAX_PAGES", 1)
    html = review_html(REPO, items, [], pages, import_again(["a.png", "other.png"]))
    assert html.count("Another file has a page with this same row") == 2
    assert html.count("as read:") == 1 and f"Page 2 of {PHOTO.name} as read:" in html
    assert "2 more pages were read without an unclear row" in html
