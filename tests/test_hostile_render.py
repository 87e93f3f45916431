"""A practice's template override that asks for too much (a gigabyte string, a billion
numbers, a macro calling itself, a page that never ends) stops with a message naming the
template, its line and the limit; the command fails, with no traceback and no file written."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from click.testing import Result

from conftest import Project

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
