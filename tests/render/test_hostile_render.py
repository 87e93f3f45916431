"""A practice's template override that asks for too much (a gigabyte string, a billion
numbers, a macro calling itself, a page that never ends) stops with a message naming the
template, its line and the limit; the command fails, with no traceback and no file written."""

from __future__ import annotations

import hashlib
import re
import subprocess
import time
from collections.abc import Callable

import pytest
from click.testing import Result

from helpers.project import Project

Run = Callable[..., Result]

OVERRIDE = "templates/report/client.html.j2"

# Each payload, on line 2 of the override, and words the message must hold (the limit).
PAYLOADS = {
    "repeat a text": ("{{ 'a' * 10**9 }}", "10,000,000"),
    "repeat a list": ("{{ ([1] * 10**9)|length }}", "1,000,000"),
    "range": ("{{ range(10**9)|list }}", "100,000"),
    "printf width": ("{{ '%999999999s'|format(1) }}", "999,999,999"),
    "printf precision": ("{{ '%.999999999f' % 1.0 }}", "999,999,999"),
    "printf star": ("{{ '%*d' % (999999999, 1) }}", "999,999,999"),
    "format width": ("{{ '{:>999999999}'.format(1) }}", "999,999,999"),
    "nested format width": ("{{ '{:>{}}'.format(1, 999999999) }}", "999,999,999"),
    "gettext width": ("{{ _('%(x)999999999s', x=1) }}", "999,999,999"),
    "center": ("{{ 'x'|center(10**9) }}", "10,000,000"),
    "ljust": ("{{ 'x'.ljust(10**9) }}", "10,000,000"),
    "to_bytes": ("{{ (1).to_bytes(10**9, 'big') }}", "10,000,000"),
    "indent": ("{{ 'a\\nb\\nc'|indent(10**8, true) }}", "10,000,000"),
    "wordwrap": ("{{ 'a b c d'|wordwrap(1, wrapstring='x' * 9999999) }}", "10,000,000"),
    "replace filter": ("{{ 'aaaa'|replace('a', 'b' * 5000000) }}", "10,000,000"),
    "replace method": ("{{ 'aaaa'.replace('', 'b' * 5000000) }}", "10,000,000"),
    "join filter": ("{{ ['a', 'b']|join('x' * 9999999) }}", "10,000,000"),
    "join method": ("{{ ('x' * 9999999).join(['a', 'b', 'c']) }}", "10,000,000"),
    "expandtabs": ("{{ '\\t\\t'.expandtabs(10**8) }}", "10,000,000"),
    "power": ("{{ 2 ** (10 ** 9) }}", "4,300"),
    "batch": ("{{ [1]|batch(10**9, 'x')|list }}", "1,000,000,000"),
    "tojson indent": ("{{ {'a': [1]}|tojson(10**9) }}", "100"),
    "round": ("{{ 5|round(-10**9) }}", "400"),
    "lipsum": ("{{ lipsum(10**6) }}", "100"),
    "doubling with ~": (
        "{% set ns = namespace(s='a') %}{% for i in range(99) %}"
        "{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
        "10,000,000",
    ),
    "doubling with +": (
        "{% set ns = namespace(s=['a']) %}{% for i in range(99) %}"
        "{% set ns.s = ns.s + ns.s %}{% endfor %}",
        "1,000,000",
    ),
    "doubling with a macro": (
        "{% macro twice(s) %}{{ s }}{{ s }}{% endmacro %}{% set ns = namespace(s='a') %}"
        "{% for i in range(99) %}{% set ns.s = twice(ns.s) %}{% endfor %}",
        "10,000,000",
    ),
    "a list that holds itself, printed": (
        "{% set ns = namespace(l=[1]) %}{% for i in range(60) %}"
        "{% set ns.l = [ns.l, ns.l] %}{% endfor %}{{ ns.l }}",
        "1,000,000",
    ),
    "many small pieces": (
        "{% for i in range(100000) %}{% for j in range(100000) %}xxxxxxxxxx"
        "{% endfor %}{% endfor %}",
        "20,000,000",
    ),
    "a macro that calls itself": (
        "{% macro down() %}{{ down() }}{% endmacro %}{{ down() }}",
        "calls itself",
    ),
}


def _report(project: Project, run: Run, payload: str) -> str:
    project.write(OVERRIDE, "<p>{{ client.id }}</p>\n" + payload + "\n")
    result = run("report", "C-0001", "--audience", "client", "--format", "html",
                 "--project", project.root, "-o", project.root / "r.html")  # fmt: skip
    assert result.exit_code != 0, result.output[-500:]
    assert "Traceback" not in result.output
    assert not (project.root / "r.html").exists()
    return result.output


@pytest.mark.parametrize("case", list(PAYLOADS))
def test_an_override_that_asks_too_much_is_stopped(project: Project, run: Run, case: str) -> None:
    payload, limit = PAYLOADS[case]
    output = _report(project, run, payload)
    assert f"{OVERRIDE}:2:1: GS316" in output
    assert limit in output


def test_an_override_that_loops_without_printing_is_stopped_in_time(
    project: Project, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("goalsheet.render.limits.MAX_SECONDS", 1)
    loops = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    output = _report(project, run, loops)
    assert f"{OVERRIDE}:2:1: GS316" in output
    assert "more than 1 seconds" in output


def test_an_override_that_gathers_too_much_in_a_block_is_stopped(
    project: Project, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("goalsheet.render.limits.MAX_MEMORY_MB", 100)
    gather = (
        "{% set x %}{% for i in range(100000) %}{% for j in range(100000) %}y{% endfor %}"
        "{% endfor %}{% endset %}"
    )
    output = _report(project, run, gather)
    assert f"{OVERRIDE}:2:1: GS316" in output
    assert "100 MB" in output


def test_an_override_that_fails_in_python_names_its_line(project: Project, run: Run) -> None:
    output = _report(project, run, "{{ 1 / 0 }}")
    assert f"{OVERRIDE}:2: template failed: ZeroDivisionError" in output


def test_an_override_within_the_limits_renders(project: Project, run: Run) -> None:
    project.write(
        OVERRIDE,
        """\
        <p>{{ client.id }}</p>
        <p>{{ 'ab' * 3 }} {{ '%5s|%.2f' % ('x', 1.5) }} {{ '{:>6}'.format('r') }}</p>
        <p>{{ range(5)|join(',') }} {{ 'a b'|replace(' ', '-') }} {{ 'x'|center(9) }}</p>
        {% macro two(s) %}{{ s }}{{ s }}{% endmacro %}<p>{{ two('q') ~ '!' }} {{ 2 ** 10 }}</p>
        """,
    )
    result = run("report", "C-0001", "--audience", "client", "--format", "html",
                 "--project", project.root, "-o", project.root / "r.html")  # fmt: skip
    assert result.exit_code == 0, result.output
    html = (project.root / "r.html").read_text(encoding="utf-8")
    assert "ababab" in html and "    x|1.50" in html and "     r" in html
    assert "0,1,2,3,4 a-b" in html and "    x    " in html and "qq! 1024" in html


@pytest.mark.slow
def test_the_site_build_stops_at_an_override_that_asks_too_much(project: Project, run: Run) -> None:
    project.write("content/a.md", "---\ntitle: A page\n---\nSome text.\n")
    project.write(
        "templates/site/page.html.j2",
        "{% extends 'site/base.html.j2' %}\n{% block main %}{{ 'a' * 10**9 }}{% endblock %}\n",
    )
    result = run("build", "--no-pdf", "--project", project.root)
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert "templates/site/page.html.j2:2:1: GS316" in result.output
    assert "10,000,000" in result.output
    site = project.root / "site"
    assert not any(page.stat().st_size > 20_000_000 for page in site.rglob("*"))


# --- SVG images: published only as the safe drawing they are -----------------------------

HOSTILE_SVG = """\
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     xmlns:svg="http://www.w3.org/2000/svg" width="120" height="40" onload="alert('load')">
  <script>alert('script')</script><svg:script>alert('ns')</svg:script><SCRIPT>alert(3)</SCRIPT>
  <script><![CDATA[ alert('cdata') ]]></script>
  <foreignObject width="9" height="9"><body xmlns="http://www.w3.org/1999/xhtml">
    <img src="x" onerror="alert('fo')"/></body></foreignObject>
  <a href="javascript:alert('a')"><rect width="10" height="10" onclick="alert('c')"/></a>
  <a xlink:href="javascript:alert('xa')"><text x="0" y="30">SAFE-TEXT</text></a>
  <image xlink:href="http://127.0.0.1:9/remote.png" width="5" height="5"/>
  <image href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=" width="5" height="5"/>
  <use href="elsewhere.svg#x"/>
  <style>@import url(http://127.0.0.1:9/x.css); rect { fill: url(http://127.0.0.1:9/p) }</style>
  <rect style="fill: u\\72l(http://127.0.0.1:9/q)" width="1" height="1"/>
  <rect fill="&#106;avascript:alert(1)" width="1" height="1"/>
  <animate attributeName="href" to="javascript:alert('anim')"/>
  <set attributeName="onclick" to="alert('set')"/>
</svg>
"""
BAD_IN_SVG = ("script", "alert", "javascript", "onload", "onclick", "onerror", "foreignobject",
              "127.0.0.1", "elsewhere.svg", "data:image/svg", "@import", "<animate", "<set")  # fmt: skip
ENTITY_BOMB = """\
<?xml version="1.0"?>
<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>
<svg xmlns="http://www.w3.org/2000/svg"><text>&h;</text></svg>
"""
SECRET = "XXE-SECRET-4711"
XXE = """\
<?xml version="1.0"?>
<!DOCTYPE svg [<!ENTITY secret SYSTEM "file://{secret}">]>
<svg xmlns="http://www.w3.org/2000/svg" width="400" height="40"><text y="20">&secret;</text></svg>
"""
PLAIN_SVG = """\
<?xml version="1.0" encoding="utf-8" standalone="no"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="200"
     height="60" viewBox="0 0 200 60">
  <defs><linearGradient id="g"><stop offset="0" stop-color="#1f5f7a"/></linearGradient>
  <path id="p" d="M0 0 L10 10"/></defs>
  <style type="text/css">*{stroke-linejoin: round}</style>
  <rect width="200" height="60" fill="url(#g)" style="stroke: #000"/><use xlink:href="#p"/>
  <text x="10" y="40" font-size="20">PLAIN-SVG-MARK</text>
</svg>
"""


def _matplotlib_svg() -> bytes:
    import io

    import matplotlib

    matplotlib.use("svg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(3, 2))
    axes.plot([1, 2, 3], [3, 1, 2], label="mood")
    axes.imshow([[1, 2], [3, 4]], extent=(1, 2, 1, 2))  # a raster picture, carried as data
    axes.legend()
    out = io.BytesIO()
    figure.savefig(out, format="svg")
    plt.close(figure)
    return out.getvalue()


def _svg_project(project: Project) -> None:
    project.write("goalsheet.yaml", "practice: {name: Test Practice, logo: branding/logo.svg}\n")
    project.write("branding/logo.svg", HOSTILE_SVG)
    project.write("content/hostile.svg", HOSTILE_SVG)
    project.write("content/bomb.svg", ENTITY_BOMB)
    secret = project.root.parent / "outside.txt"
    secret.write_text(SECRET)
    project.write("content/xxe.svg", XXE.format(secret=secret))
    project.write("content/plain.svg", PLAIN_SVG)
    project.write("content/chart.svg", _matplotlib_svg())
    project.write(
        "content/pictures.md",
        "---\ntitle: Pictures\n---\n# Pictures\n\n![h](hostile.svg) ![b](bomb.svg) "
        "![x](xxe.svg) ![p](plain.svg) ![c](chart.svg)\n",
    )


def test_an_svg_is_published_without_script_or_outside_links(project: Project, run: Run) -> None:
    _svg_project(project)
    result = run("build", "--no-pdf", "--project", project.root)
    assert "Traceback" not in result.output
    site = project.root / "site"
    for published in (site / "hostile.svg", site / "assets" / "logo.svg"):
        text = published.read_text(encoding="utf-8").lower()
        for bad in BAD_IN_SVG:
            assert bad not in text, (published, bad)
        assert "safe-text" in text and "<rect" in text  # the drawing itself stays
    assert re.search(r"content/hostile\.svg:1:1: GS315 .*onload=, <script>", result.output)
    assert re.search(r"branding/logo\.svg:1:1: GS315 ", result.output)


def test_check_warns_about_an_svg_as_build_does(project: Project, run: Run) -> None:
    _svg_project(project)
    checked = run("check", "--project", project.root)
    built = run("build", "--no-pdf", "--project", project.root)
    for output in (checked.output, built.output):
        assert re.search(r"content/hostile\.svg:1:1: GS315 .*onload=, <script>", output)
        assert re.search(r"content/bomb\.svg:1:1: GS315 .*left out", output)
        assert output.count("content/hostile.svg:1:1: GS315") == 1  # said once, not twice
    assert not (project.root / "site" / "bomb.svg").exists()


def test_an_svg_with_entities_is_left_out(project: Project, run: Run) -> None:
    _svg_project(project)
    started = time.monotonic()
    result = run("build", "--no-pdf", "--project", project.root)
    assert time.monotonic() - started < 60
    site = project.root / "site"
    assert not (site / "bomb.svg").exists() and not (site / "xxe.svg").exists()
    assert re.search(r"content/bomb\.svg:1:1: GS315 .*left out .*EntitiesForbidden", result.output)
    assert re.search(r"content/xxe\.svg:1:1: GS315 .*left out", result.output)
    for file in site.rglob("*"):
        if file.is_file():
            assert SECRET.encode() not in file.read_bytes(), file


def test_a_plain_svg_and_a_matplotlib_chart_survive_whole(project: Project, run: Run) -> None:
    _svg_project(project)
    run("build", "--no-pdf", "--project", project.root)
    site = project.root / "site"
    plain = (site / "plain.svg").read_text(encoding="utf-8")
    assert 'fill="url(#g)"' in plain and 'xlink:href="#p"' in plain and "PLAIN-SVG-MARK" in plain
    assert "stroke-linejoin: round" in plain
    chart = (site / "chart.svg").read_text(encoding="utf-8")
    original = _matplotlib_svg().decode()
    assert chart.count("<path") == original.count("<path") > 5
    assert chart.count("<use") == original.count("<use")
    assert "data:image/png;base64," in chart  # its raster picture stays
    assert "GS315" not in "".join(
        line for line in run("build", "--no-pdf", "--project", project.root).output.splitlines()
        if "plain.svg" in line or "chart.svg" in line
    )  # fmt: skip


def _shard_of(output: str, count: int) -> int:
    """The --shard index (from 1) whose build makes `output` (as pipeline.jobs.shard splits)."""
    return int(hashlib.sha256(output.encode()).hexdigest(), 16) % count + 1


@pytest.mark.slow
def test_a_handout_pdf_gets_the_safe_svg(project: Project, run: Run) -> None:
    _svg_project(project)
    started = time.monotonic()
    # The first shard of 29 writes the site and holds site/handouts/pictures.pdf (shards
    # split the jobs by a hash of the output path): the build, without the project's other
    # fifty PDFs.
    assert _shard_of("site/handouts/pictures.pdf", 29) == 1
    result = run("build", "--shard", "1/29", "--project", project.root)
    assert time.monotonic() - started < 120
    assert "Traceback" not in result.output
    pdf = project.root / "site" / "handouts" / "pictures.pdf"
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True)
    assert "PLAIN-SVG-MARK" in text.stdout and "SAFE-TEXT" in text.stdout
    assert SECRET not in text.stdout
    assert "aaaaaaaaaa" not in text.stdout
