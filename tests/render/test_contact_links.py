"""The contact_links filter: what is a phone number or e-mail address to tap, and what
is not (years, dates, times, scores, postcodes), and that it is in every environment."""

from __future__ import annotations

from pathlib import Path

import pytest
from markupsafe import Markup

from goalsheet.language import messages
from goalsheet.render.contact_links import contact_links
from goalsheet.render.environment import environment
from helpers.cli import Run
from helpers.project import Project

LINKED = [
    ("01234 567890", "GB", '<a href="tel:+441234567890">01234 567890</a>'),
    ("+44 20 7946 0000", "GB", '<a href="tel:+442079460000">+44 20 7946 0000</a>'),
    ("+44 (0)20 7946 0000", "GB", '<a href="tel:+442079460000">+44 (0)20 7946 0000</a>'),
    ("(555) 010-4477", "US", '<a href="tel:+15550104477">(555) 010-4477</a>'),
    ("555-010-4477", "US", '<a href="tel:+15550104477">555-010-4477</a>'),
    ("1-800-273-8255", "US", '<a href="tel:+18002738255">1-800-273-8255</a>'),
    ("0800 123 4567", "GB", '<a href="tel:+448001234567">0800 123 4567</a>'),
    ("717 003 717", "ES", '<a href="tel:+34717003717">717 003 717</a>'),
    ("01234 567890", "XX", '<a href="tel:01234567890">01234 567890</a>'),
    (
        "Call 999 or 112 now.",
        "GB",
        'Call <a href="tel:999">999</a> or <a href="tel:112">112</a> now.',
    ),
    ("ring 111 for advice", "GB", 'ring <a href="tel:111">111</a> for advice'),
    ("call Samaritans on 116 123", "GB", 'call Samaritans on <a href="tel:116123">116 123</a>'),
    ("llama al 024", "ES", 'llama al <a href="tel:024">024</a>'),
    ("call or text 988", "US", 'call or text <a href="tel:988">988</a>'),
    ("dial 911.", "US", 'dial <a href="tel:911">911</a>.'),
    (
        "write to hello@riverside.example.",
        "GB",
        'write to <a href="mailto:hello@riverside.example">hello@riverside.example</a>.',
    ),
    (
        "Tom & Jo <b> 01234 567890",
        "GB",
        'Tom &amp; Jo &lt;b&gt; <a href="tel:+441234567890">01234 567890</a>',
    ),
]

NOT_LINKED = [
    "Since 2026 we have met weekly.",
    "Next session 20/11/2026 at 10:30.",
    "a 24-hour crisis line",
    "a PHQ-9 of 12 and a GAD-7 of 9",
    "Write to SW1A 1AA or 90210-1234.",
    "1 in 4 people, 10 000 a year",
    "20.11.2026 and 2019-2026",
    "999 people came; a score of 111; page 112.",
    "Call us. 112 pages later",
    "user@localhost is not an address",
]


@pytest.mark.parametrize(("text", "country", "html"), LINKED)
def test_numbers_and_addresses_become_links(text: str, country: str, html: str) -> None:
    result = contact_links(text, country)
    assert isinstance(result, Markup)
    assert str(result) == html


@pytest.mark.parametrize("text", NOT_LINKED)
def test_other_numbers_stay_text(text: str) -> None:
    result = contact_links(text, "GB")
    assert "<a " not in result
    assert result == Markup.escape(text)


def test_markup_keeps_its_tags_and_links() -> None:
    html = Markup('<a href="tel:1">01234 567890</a> or 01234 567890 &amp; <em>a@b.example</em>')
    assert str(contact_links(html, "GB")) == (
        '<a href="tel:1">01234 567890</a> or <a href="tel:+441234567890">01234 567890</a>'
        ' &amp; <em><a href="mailto:a@b.example">a@b.example</a></em>'
    )


def test_the_country_follows_the_locale_being_rendered() -> None:
    with messages.using("en_US"):
        assert 'href="tel:+15550104477"' in contact_links("(555) 010-4477")
    with messages.using("en_GB"):
        assert 'href="tel:+441234567890"' in contact_links("01234 567890")


def test_every_environment_has_the_filter(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "own.j2").write_text("{{ 'ring 01234 567890'|contact_links }}")
    for env in (environment(None), environment(tmp_path)):
        assert "contact_links" in env.filters
    rendered = environment(tmp_path).get_template("own.j2").render()
    assert rendered == 'ring <a href="tel:+441234567890">01234 567890</a>'


@pytest.mark.slow
def test_the_sites_crisis_text_is_tap_to_call(project: Project, run: Run) -> None:
    project.write(
        "goalsheet.yaml",
        """\
        practice:
          name: Test Practice
          crisis_line: Call 999 in an emergency, or the practice on 01234 567890.
        """,
    )
    project.write("content/hello.md", "---\ntitle: Hello\n---\nA short page.\n")
    result = run("build", "--no-pdf", "--project", project.root)
    assert result.exit_code == 0, result.output
    for page in ("index.html", "hello.html"):
        html = (project.root / "site" / page).read_text(encoding="utf-8")
        assert 'Call <a href="tel:999">999</a>' in html, page
        assert '<a href="tel:+441234567890">01234 567890</a>' in html, page
