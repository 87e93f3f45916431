"""Hostile values in every field that reaches HTML: nothing runs, nothing is compiled as a
template, and a practice's template override cannot reach Python's insides.

XSS payloads go into the client's sheet and entries (name, goal titles, why, steps, tracker
labels, notes, reviews), goalsheet.yaml (practice name, contact, crisis line) and content/
(front matter and Markdown). The built site and both HTML reports are then opened in
Chromium with every dialog, console message and request watched: no payload may run.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from playwright.sync_api import Browser, Dialog, Request

from helpers.cli import invoke
from helpers.project import Project

Run = Callable[..., Result]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]  # fmt: skip

# Each payload, if it ran, would set window.pwned or open a dialog.
PAYLOADS = [
    "<script>window.pwned=1</script>",
    '<img src=x onerror="window.pwned=1">',
    "<svg onload=window.pwned=1>",
    "<svg><script>window.pwned=1</script></svg>",
    '"><script>window.pwned=1</script>',
    "'><img src=x onerror=alert(1)>",
    '<iframe src="javascript:window.top.pwned=1"></iframe>',
    '<a href="javascript:window.pwned=1" id="jsl">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">d</a>',
    '<div style="background:url(javascript:alert(1))">s</div>',
    "<style>body{background:expression(alert(1))}</style>",
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "<scr<script>ipt>alert(1)</script>",
    "{{ 7*7 }}{% raw %}",
    "{{ ''.__class__.__mro__ }}",
]
TEMPLATE_MARKERS = ["{{ 7*7 }}", "{{ config.items() }}", "{% raw %}"]


def _yaml(text: str) -> str:
    return json.dumps(text)  # a JSON string is a valid YAML double-quoted scalar


def hostile_project(root: Path) -> int:
    """A project with a payload in every field that reaches HTML; the number of places."""
    project = Project(root)
    places = 0

    def p(index: int) -> str:
        nonlocal places
        places += 1
        return _yaml(f"P{index} " + PAYLOADS[index % len(PAYLOADS)])

    project.write(
        "goalsheet.yaml",
        f"practice: {{name: {p(0)}, contact: {p(1)}, crisis_line: {p(2)}}}\n"
        "show_client_names: true\n",
    )
    steps = "\n".join(f"      - {{text: {p(i)}}}" for i in (16, 17, 12))  # 16, 17: templates
    project.client(
        f"""\
client:
  id: C-0001
  name: {p(3)}
  started: 2026-09-01
  raters: [client, therapist]
goals:
  - id: walks
    title: {p(4)}
    why: {p(5)}
    status: active
    measure: {{what: {p(6)}, unit: per week, direction: increase, baseline: 0, target: 3,
              tracker: walked}}
    target_date: 2026-12-31
    steps:
{steps}
trackers:
  - {{id: mood, label: {p(7)}, kind: rating, min: 1, max: 10}}
  - {{id: walked, label: {p(8)}, kind: yesno, goal: walks}}
  - {{id: notes, label: {p(9)}, kind: text}}
"""
    )
    days = "\n".join(
        f"  2026-11-{day:02d}: {{mood: {day % 9 + 1}, walked: yes, notes: {p(20 + day)}}}"
        for day in range(2, 12)
    )
    project.entries(
        f"diary:\n{days}\n"
        "ratings:\n"
        "  - {date: 2026-11-03, goal: walks, rater: client, gbo: 3}\n"
        "  - {date: 2026-11-10, goal: walks, rater: client, gbo: 5}\n"
        f"reviews:\n  - {{date: 2026-11-10, progress: {p(40)}, helped: {p(41)}, "
        f"next: {p(42)}, feedback: {p(43)}}}\n",
        name="e1.yaml",
    )
    # Template syntax first: an unclosed <style> or <math> payload swallows what follows.
    body = "\n\n".join(
        [f"Template {marker}" for marker in TEMPLATE_MARKERS]
        + [
            f"Paragraph {i}: {PAYLOADS[i]}\n\n[link {i}](javascript:window.pwned={i})"
            for i in range(len(PAYLOADS))
        ]
    )
    places += len(PAYLOADS) * 2 + len(TEMPLATE_MARKERS)
    project.write(
        "content/hostile.md",
        f"---\ntitle: {p(50)}\nsummary: {p(51)}\ntags: [safety]\n---\n\n# Heading\n\n{body}\n",
    )
    return places


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    root = tmp_path_factory.mktemp("hostile") / "practice"
    places = hostile_project(root)
    result = invoke("build", "--no-pdf", "--project", root, "--as-of", "2026-11-20", catch=True)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return root, places


def html_outputs(root: Path) -> list[Path]:
    pages = sorted((root / "site").rglob("*.html"))
    reports = sorted((root / "private").rglob("*.html"))
    assert reports and pages
    return pages + reports


@pytest.mark.slow
@pytest.mark.browser
def test_no_payload_runs_in_any_page(built: tuple[Path, int], browser: Browser) -> None:
    root, places = built
    fired: list[str] = []
    pages = html_outputs(root)
    for file in pages:
        page = browser.new_page()

        def on_dialog(dialog: Dialog, name: str = file.name) -> None:
            fired.append(f"dialog in {name}")
            dialog.dismiss()

        def on_request(request: Request, name: str = file.name) -> None:
            if request.url.startswith(("javascript:", "data:text/html")):
                fired.append(f"{name}: {request.url}")

        page.on("dialog", on_dialog)
        page.on("request", on_request)
        page.goto(file.as_uri())
        page.wait_for_timeout(50)
        for link in page.locator("a[href^='javascript:']").all():
            fired.append(f"javascript: link kept in {file.name}: {link.get_attribute('href')}")
        if page.evaluate("() => window.pwned !== undefined"):
            fired.append(f"window.pwned set in {file.name}")
        page.close()
    print(f"hostile HTML: {len(PAYLOADS)} payloads in {places} places, {len(pages)} pages "
          f"opened in Chromium, {len(fired)} ran")  # fmt: skip
    assert fired == []


@pytest.mark.slow
def test_values_are_never_compiled_as_templates(built: tuple[Path, int]) -> None:
    root, _ = built
    texts = [file.read_text(encoding="utf-8") for file in html_outputs(root)]
    joined = "\n".join(texts)
    assert (root / "site" / "hostile.html").is_file()
    shown = html.unescape(joined)
    for marker in TEMPLATE_MARKERS:
        assert marker in shown, marker
    assert "P16 {{ 7*7 }}{% raw %}" in shown  # steps of a goal, from YAML, as written
    assert "P17 {{ ''.__class__.__mro__ }}" in shown
    assert ">49<" not in joined and " 49 " not in joined
    assert "<class 'object'>" not in joined and "&lt;class &#39;object&#39;&gt;" not in joined


@pytest.mark.slow
def test_escaped_not_stripped_where_it_is_data(built: tuple[Path, int]) -> None:
    """A client's words are shown as they wrote them, escaped; never as markup."""
    root, _ = built
    report = next((root / "private").rglob("report-C-0001-clinician.html")).read_text()
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in report
    assert "<script>window.pwned" not in report


def test_an_override_cannot_reach_python_insides(project: Project, run: Run) -> None:
    project.write(
        "templates/report/client.html.j2",
        "<p>{{ ''.__class__.__mro__[1].__subclasses__() }}</p>\n",
    )
    result = run("report", "C-0001", "--audience", "client", "--format", "html",
                 "--project", project.root, "-o", project.root / "r.html")  # fmt: skip
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert "unsafe" in result.output
    assert not (project.root / "r.html").exists()
