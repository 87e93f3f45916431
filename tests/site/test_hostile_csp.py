"""No code runs from content, in a real browser: every site page and report carries a
Content-Security-Policy that lets only the site's own scripts run (a script planted into a
built page is blocked), the site still works under it (no violation on any page, search
finds pages), and an SVG opened on its own runs nothing while a plain one still draws.

The demo project's site is built once (``--no-pdf``), with hostile and plain SVGs added to
its content, and served over HTTP; the browser is Debian's Chromium.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from helpers.browser import served
from helpers.cli import invoke
from helpers.project import REPO

pytestmark = pytest.mark.browser  # pages opened in Chromium (one test reads the built files)

WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});
"""
SVG_SCRIPT = """\
<svg xmlns="http://www.w3.org/2000/svg" width="200" height="50" onload="alert('onload')">
  <script>alert('script'); document.documentElement.setAttribute('data-ran', 'yes')</script>
  <a href="javascript:alert('link')"><rect id="box" width="200" height="50" fill="#1f5f7a"/></a>
  <foreignObject width="10" height="10"><body xmlns="http://www.w3.org/1999/xhtml">
    <img src="x" onerror="alert('fo')"/></body></foreignObject>
</svg>
"""
PLANTED = (
    "<script>document.title = 'PLANTED'; window.__ran = true;</script>"
    '<img src="nothing.png" alt="" onerror="document.title = \'PLANTED-HANDLER\'">'
    '<a id="planted-link" href="javascript:document.title=\'PLANTED-LINK\'">x</a>'
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the demo project, with two SVGs in its content, its site built."""
    root = tmp_path_factory.mktemp("csp")
    shutil.copy(REPO / "goalsheet.yaml", root / "goalsheet.yaml")
    for folder in ("goalsheets", "content", "branding"):
        shutil.copytree(REPO / folder, root / folder)
    (root / "content" / "hostile.svg").write_text(SVG_SCRIPT)
    shutil.copy(REPO / "branding" / "logo.svg", root / "content" / "plain.svg")
    result = invoke("build", "--no-pdf", "--as-of", "2026-11-20", "--project", root)
    assert result.exit_code == 0, result.output
    assert (root / "site" / "pagefind" / "pagefind.js").is_file()
    return root


@pytest.fixture(scope="module")
def base(built: Path) -> Iterator[str]:
    """The site over HTTP: http://127.0.0.1:PORT/ (site/ is the root)."""
    with served(built / "site") as address:
        yield address


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    context.set_default_timeout(10_000)
    context.add_init_script(WATCH)
    opened = context.new_page()
    opened.dialogs = []  # type: ignore[attr-defined]
    opened.csp_console = []  # type: ignore[attr-defined]
    opened.on("dialog", lambda dialog: (opened.dialogs.append(dialog.message), dialog.dismiss()))  # type: ignore[attr-defined]
    opened.on("console", lambda message: opened.csp_console.append(message.text)  # type: ignore[attr-defined]
              if "Content Security Policy" in message.text else None)  # fmt: skip
    try:
        yield opened
    finally:
        context.close()


def violations(page: Page) -> list[str]:
    found: list[str] = page.evaluate("window.__violations || []")
    return found + page.csp_console  # type: ignore[attr-defined]


def policy(html: str) -> str:
    match = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', html)
    assert match is not None, "no Content-Security-Policy"
    return match.group(1)


@pytest.mark.slow
def test_every_page_and_report_forbids_inline_script(built: Path, run: Any) -> None:
    pages = sorted((built / "site").rglob("*.html"))
    assert len(pages) > 20
    for file in pages:
        rules = {
            rule.split()[0]: rule.split()[1:]
            for rule in policy(file.read_text(encoding="utf-8")).split(";")
            if rule.strip()
        }
        assert rules["script-src"] == ["'self'", "'wasm-unsafe-eval'"], file
        assert rules["object-src"] == ["'none'"] and rules["base-uri"] == ["'none'"], file
        assert rules["default-src"] == ["'self'"] and rules["img-src"] == ["'self'"], file
        assert rules["form-action"] == ["'self'"], file
        assert "'unsafe-inline'" not in rules["style-src"], file
    out = built / "report.html"
    result = run("report", "C-0142", "--format", "html", "--as-of", "2026-11-20",
                 "--project", built, "-o", out)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "script-src 'none'" in policy(out.read_text(encoding="utf-8"))


@pytest.mark.slow
def test_no_page_breaks_its_own_policy(page: Page, built: Path, base: str) -> None:
    pages = sorted(
        p.relative_to(built / "site").as_posix() for p in (built / "site").rglob("*.html")
    )
    for name in [*pages, "search.html?q=baseline"]:
        page.goto(base + name, wait_until="load")
        if "?q=" in name:
            page.wait_for_selector("#search-results li")
        assert violations(page) == [], name
    assert page.dialogs == []  # type: ignore[attr-defined]


@pytest.mark.slow
def test_search_works_under_the_policy(page: Page, base: str) -> None:
    page.goto(base + "search.html?q=baseline", wait_until="load")
    page.wait_for_selector("#search-results li a")
    links = page.locator("#search-results li a").evaluate_all("els => els.map(e => e.href)")
    # A result opens its page with the words to mark (?highlight=); the page is the same.
    pages = [link.split("?")[0].split("#")[0] for link in links]
    assert any(link.endswith("baseline-tracking.html") for link in pages), links
    assert violations(page) == []


@pytest.mark.slow
def test_a_script_planted_in_a_built_page_does_not_run(page: Page, built: Path, base: str) -> None:
    for name in ("baseline-tracking.html", "404.html", "search.html"):
        html = (built / "site" / name).read_text(encoding="utf-8")
        (built / "site" / f"planted-{name}").write_text(
            html.replace("<main", PLANTED + "<main", 1), encoding="utf-8"
        )
        page.goto(base + f"planted-{name}", wait_until="load")
        page.click("#planted-link")
        page.wait_for_timeout(200)
        assert "PLANTED" not in page.title(), name
        assert page.evaluate("window.__ran === undefined"), name
        blocked = " ".join(violations(page))
        assert "script-src" in blocked, (name, blocked)


@pytest.mark.slow
def test_a_report_runs_no_planted_script(page: Page, built: Path, base: str, run: Any) -> None:
    out = built / "private" / "planted-report.html"  # never site/: export refuses that
    result = run("report", "C-0142", "--format", "html", "--as-of", "2026-11-20",
                 "--project", built, "-o", out)  # fmt: skip
    assert result.exit_code == 0, result.output
    page.goto(out.as_uri(), wait_until="load")
    assert violations(page) == []  # the report itself breaks nothing
    html = out.read_text(encoding="utf-8")
    out.write_text(html.replace("<header", PLANTED + "<header", 1), encoding="utf-8")
    page.goto(out.as_uri(), wait_until="load")
    page.click("#planted-link")
    page.wait_for_timeout(200)
    assert "PLANTED" not in page.title()
    assert "script-src" in " ".join(violations(page))


@pytest.mark.slow
def test_an_svg_opened_on_its_own_runs_nothing(page: Page, base: str) -> None:
    page.goto(base + "hostile.svg", wait_until="load")
    page.click("#box")
    page.wait_for_timeout(300)
    assert page.dialogs == []  # type: ignore[attr-defined]
    assert page.evaluate("document.documentElement.getAttribute('data-ran')") is None
    assert page.evaluate("document.querySelector('rect').getBBox().width") == 200  # still drawn


@pytest.mark.slow
def test_a_plain_svg_still_draws_on_its_own_and_in_a_page(page: Page, base: str) -> None:
    page.goto(base + "plain.svg", wait_until="load")
    assert page.evaluate("document.querySelectorAll('path').length") == 2
    assert page.evaluate("document.querySelector('path').getBBox().width") > 10
    page.goto(base + "index.html", wait_until="load")
    width = page.evaluate("document.querySelector('img.logo').naturalWidth")
    assert width == 64  # the (cleaned) logo loads and draws under the policy
    assert violations(page) == []


OVERRIDE = """\
<!DOCTYPE html>
<html lang="en">
<head>{policy}<title>{{{{ title | default(site.name) }}}}</title>
<script>document.title = 'OVERRIDE-RAN'; window.__ran = true;</script></head>
<body><main id="main">{{% block main %}}{{% endblock %}}</main>{{{{ sidebar }}}}</body>
</html>
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    "policy",
    ["", "<meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'self' 'unsafe-inline'\">",
     "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src *\">"],
    ids=["no policy", "unsafe-inline", "anything"],
)  # fmt: skip
def test_a_practice_layout_cannot_let_inline_script_run(
    page: Page, tmp_path: Path, run: Any, policy: str
) -> None:
    root = tmp_path / "practice"
    root.mkdir()
    (root / "goalsheet.yaml").write_text("practice: {name: Test Practice}\n", encoding="utf-8")
    (root / "content").mkdir()
    (root / "content" / "sleep.md").write_text("# Sleep\n\nGet up at one time.\n", "utf-8")
    (root / "templates" / "site").mkdir(parents=True)
    (root / "templates" / "site" / "base.html.j2").write_text(
        OVERRIDE.format(policy=policy), encoding="utf-8"
    )
    result = run("build", "--no-pdf", "--project", root, "--as-of", "2026-11-20")
    assert result.exit_code == 0, result.output
    handout = root / "site" / "sleep.html"
    text = handout.read_text(encoding="utf-8")
    assert "Get up at one time." in text  # the practice's layout was used
    assert "script-src 'self' 'wasm-unsafe-eval'" in text
    page.goto(handout.as_uri(), wait_until="load")
    assert page.title() != "OVERRIDE-RAN"
    assert page.evaluate("window.__ran === undefined")
    assert "script-src" in " ".join(violations(page))
