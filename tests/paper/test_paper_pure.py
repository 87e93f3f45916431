"""Paper, the pure parts: catalogue, diary layout, template context, manifest, fetcher."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from goalsheet.language.formats import number as num
from goalsheet.paper.catalogue import UnknownWorksheet, find_worksheet, load_catalogue
from goalsheet.paper.context import SheetRequest, sheet_context
from goalsheet.paper.diary import DiaryError, diary_weeks
from goalsheet.paper.manifest import field_map
from goalsheet.project import load_project
from goalsheet.render.environment import css_string
from helpers.project import REPO, Project

REQUIRED = {
    "smart-goal", "goal-ladder", "approach-goals", "concerns", "scaling", "decisional-balance",
    "obstacles", "daily-diary", "baseline-diary", "goal-agreement", "abc-chart", "weekly-log",
    "session-review", "phq-9", "gad-7",
}  # fmt: skip


def test_catalogue_has_the_whole_library() -> None:
    catalogue = load_catalogue(None)
    assert set(catalogue) >= REQUIRED
    for sheet in catalogue.values():
        assert sheet.title and sheet.purpose and sheet.audience
        assert (REPO / "templates" / sheet.template).is_file(), sheet.template


def test_practice_catalogue_adds_and_replaces(project: Project) -> None:
    project.write(
        "templates/worksheets/catalogue.yaml",
        "worksheets:\n"
        "  - {id: smart-goal, title: Our SMART sheet, purpose: p, audience: [clients], template: worksheets/smart-goal.html.j2}\n"
        "  - {id: gratitude, title: Three good things, purpose: p, audience: [clients], template: worksheets/gratitude.html.j2}\n",
    )
    catalogue = load_catalogue(project.root)
    assert catalogue["smart-goal"].title == "Our SMART sheet"
    assert "gratitude" in catalogue and "phq-9" in catalogue


def test_unknown_worksheet_lists_the_valid_ones() -> None:
    with pytest.raises(UnknownWorksheet) as caught:
        find_worksheet(load_catalogue(None), "smart-goals")
    assert "Did you mean 'smart-goal'?" in str(caught.value)
    assert "phq-9" in str(caught.value)


def test_diary_weeks() -> None:
    weeks = diary_weeks(dt.date(2026, 11, 23), 2)
    assert [w["number"] for w in weeks] == [1, 2]
    assert weeks[0]["days"][0]["date"] == "2026-11-23"
    assert weeks[1]["days"][6]["date"] == "2026-12-06"
    blank = diary_weeks(None, 1)
    assert [d["key"] for d in blank[0]["days"]] == [f"day{i}" for i in range(1, 8)]


@pytest.mark.parametrize("weeks", [0, 27, 200, -1])
def test_diary_length_limits(weeks: int) -> None:
    with pytest.raises(DiaryError, match="1 to 26 weeks"):
        diary_weeks(None, weeks)


def _context(client: str | None, worksheet: str = "smart-goal", **config: object) -> dict:  # type: ignore[type-arg]
    project = load_project(REPO)
    if config:
        project.config = project.config.model_copy(update=config)
    folder = project.client(client) if client else None
    sheet = folder.sheet if folder else None
    request = SheetRequest(load_catalogue(REPO)[worksheet], "a4", start=dt.date(2026, 11, 23))
    return sheet_context(request, project.config, sheet, project.measures)


@pytest.mark.slow
def test_personalised_context_uses_the_id_not_the_name() -> None:
    page = _context("C-0142")["page"]
    assert page["client"]["label"] == "C-0142"
    assert page["mark"] == "Confidential · C-0142"
    named = _context("C-0142", show_client_names=True)["page"]
    assert named["client"]["label"] == "Alex (C-0142)"


def test_blank_context_is_not_confidential() -> None:
    context = _context(None)
    assert context["page"]["client"] is None and context["page"]["mark"] == ""
    assert context["goals"] == []


def test_client_goal_word_and_youth() -> None:
    context = _context("Y-0207")
    assert (context["goal_word"], context["goal_word_one"]) == ("hopes", "hope")
    assert context["page"]["youth"] is True
    assert _context("C-0142")["goal_word"] == "goals"


def test_only_active_goals_are_printed() -> None:
    ids = [goal["id"] for goal in _context("C-0315")["goals"]]
    assert ids == ["enjoy"]  # 'sleep' was achieved


def test_diary_for_a_client_without_trackers() -> None:
    project = load_project(REPO)
    folder = project.client("C-0142")
    assert folder is not None and folder.sheet is not None
    bare = folder.sheet.model_copy(update={"trackers": []})
    request = SheetRequest(load_catalogue(REPO)["daily-diary"], "a4")
    with pytest.raises(DiaryError, match="no trackers"):
        sheet_context(request, project.config, bare, project.measures)


def test_measure_context_carries_the_items() -> None:
    measure = _context(None, "phq-9")["measure"]
    assert len(measure["items"]) == 9 and measure["max_total"] == 27
    assert measure["items"][8]["text"].startswith("Thoughts that you would be better off dead")
    assert [o["value"] for o in measure["options"]] == [0, 1, 2, 3]


def test_field_map_reads_names_types_labels_and_meaning() -> None:
    html = (
        '<input type="text" name="d_2026-11-23_mood" title="Mood, Mon" data-section="diary" data-tracker="mood">'
        '<input type="checkbox" name="ex" title="Exercise"><select name="s" title="S"></select>'
        '<textarea name="t" title="T"></textarea><input type="text" title="no name">'
    )
    found = field_map(html)
    assert set(found) == {"d_2026-11-23_mood", "ex", "s", "t"}
    assert found["d_2026-11-23_mood"] == {
        "type": "text",
        "label": "Mood, Mon",
        "section": "diary",
        "tracker": "mood",
    }
    assert (found["ex"]["type"], found["s"]["type"], found["t"]["type"]) == (
        "checkbox",
        "choice",
        "text",
    )


def test_css_string_cannot_break_out() -> None:
    nasty = 'A"; } body { display: none } </style><script>x</script>'
    quoted = str(css_string(nasty))
    assert quoted.startswith('"') and quoted.endswith('"')
    assert '"' not in quoted[1:-1] and "<" not in quoted and "}" not in quoted


def test_num() -> None:
    assert (num(2.0), num(2.5), num(None), num(0.0)) == ("2", "2.5", "", "0")


def test_fetcher_allows_only_files_inside_its_roots(tmp_path: Path) -> None:
    from goalsheet.render.fetcher import AssetRefused, ProjectFetcher

    inside = tmp_path / "project"
    inside.mkdir()
    (inside / "logo.svg").write_text("<svg/>")
    secret = tmp_path / "secret.txt"
    secret.write_text("no")
    os.symlink(secret, inside / "link.txt")
    fetcher = ProjectFetcher([inside], strict=True)
    # An SVG is served rebuilt from its safe parts (render/svg.py), never as it was written.
    served = fetcher.fetch((inside / "logo.svg").as_uri()).read()
    assert served.startswith(b"<svg") and b"http://www.w3.org/2000/svg" in served
    for url in (
        secret.as_uri(),
        (inside / "link.txt").as_uri(),
        (inside / ".." / "secret.txt").as_uri(),
        "file:///etc/passwd",
        "file:///dev/urandom",
        "http://127.0.0.1:9/x.png",
        "https://example.org/font.woff",
        "data:text/plain,hello",
        (inside / "missing.png").as_uri(),
    ):
        with pytest.raises(AssetRefused):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 9


@pytest.mark.slow
def test_titles_use_the_clients_word_for_goals() -> None:
    assert _context("Y-0207", "goal-ladder")["page"]["title"] == "Hope ladder"
    assert _context("Y-0207", "goal-agreement")["page"]["title"] == "Hope agreement sheet"
    assert _context("C-0142", "goal-ladder")["page"]["title"] == "Goal ladder"


def test_duplicate_field_names_are_a_template_mistake() -> None:
    from goalsheet.paper.manifest import DuplicateField

    with pytest.raises(DuplicateField, match="mood"):
        field_map('<input name="mood" title="a"><select name="mood" title="b"></select>')
