"""The client and family report reads as people read: every demo client, in English and
Spanish, as HTML and (for a few) as PDF on A4 and US letter.

No ISO or numeric dates, no "(s)" plurals, no decimals, no "% of the way"; each goal card on
one page (its title and its last line on the same page, found with poppler's pdftotext);
no risk item shown, and no questionnaire with an open critical answer called good news.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from goalsheet.language.messages import using
from helpers.cli import invoke
from helpers.pdftools import text as pdf_text
from helpers.project import REPO

AS_OF = "2026-11-20"
DEMO_CLIENTS = ("C-0142", "C-0315", "C-0388", "C-0421", "C-0456", "C-0512", "Y-0207")
LOCALES = ("en_GB", "es_ES")
PAPER = {"en_GB": "a4", "es_ES": "letter"}  # both paper sizes, one per language
PDF_CLIENTS = {"en_GB": ("C-0142", "C-0315", "Y-0207"), "es_ES": ("C-0512", "C-0388")}

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
NUMERIC_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b")
DECIMAL = re.compile(r"\d[.,]\d")
BLOCKS = {"h1", "h2", "h3", "p", "li", "tr", "figcaption", "summary", "aside", "caption"}


# --- the projects and their reports ---------------------------------------------------------


def _project(root: Path, locale: str) -> Path:
    """The demo project with every client (and the practice) in `locale`."""
    root.mkdir(parents=True)
    config = (REPO / "goalsheet.yaml").read_text(encoding="utf-8")
    config = config.replace("locale: en_GB", f"locale: {locale}")
    config = config.replace("paper: a4", f"paper: {PAPER[locale]}")
    (root / "goalsheet.yaml").write_text(config, encoding="utf-8")
    shutil.copytree(REPO / "branding", root / "branding")
    shutil.copytree(REPO / "goalsheets", root / "goalsheets")
    for sheet in (root / "goalsheets").glob("*/goalsheet.yaml"):
        words = re.sub(r"\n  locale: \S+", "", sheet.read_text(encoding="utf-8"))
        sheet.write_text(words.replace("client:\n", f"client:\n  locale: {locale}\n", 1))
    return root


def _report(root: Path, client: str, kind: str) -> Path:
    out = root / f"{client}-client.{kind}"
    with using("en_GB"):  # the CLI sets the process's language: keep it to this block
        result = invoke("report", client, "--audience", "client", "--format", kind,
                        "--as-of", AS_OF, "--project", root, "-o", out, catch=True)  # fmt: skip
    assert result.exit_code == 0, result.output
    return out


@dataclass
class Rendered:
    html: dict[tuple[str, str], str] = field(default_factory=dict)  # (locale, client)
    pdf: dict[tuple[str, str], Path] = field(default_factory=dict)
    roots: dict[str, Path] = field(default_factory=dict)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    made = Rendered()
    for locale in LOCALES:
        root = _project(tmp_path_factory.mktemp(locale) / "practice", locale)
        made.roots[locale] = root
        for client in DEMO_CLIENTS:
            made.html[locale, client] = _report(root, client, "html").read_text(encoding="utf-8")
        for client in PDF_CLIENTS[locale]:
            made.pdf[locale, client] = _report(root, client, "pdf")
    return made


# --- reading the HTML as a reader meets it --------------------------------------------------


class _Reader(HTMLParser):
    """The words a client meets (text, chart text, accessible names), and each goal card's
    title and lines in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.words: list[str] = []
        self.cards: list[list[str]] = []
        self._skip = 0
        self._card_depth = 0
        self._block: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag in ("style", "script", "title"):
            self._skip += 1
        for name in ("aria-label", "title", "alt"):
            if found.get(name):
                self.words.append(str(found[name]))
        if tag == "article" and "goal-plain" in (found.get("class") or ""):
            self.cards.append([])
            self._card_depth = 1
        elif tag == "article" and self._card_depth:
            self._card_depth += 1
        if tag in BLOCKS:
            self._end_block()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script", "title"):
            self._skip -= 1
        if tag in BLOCKS:
            self._end_block()
        if tag == "article" and self._card_depth:
            self._card_depth -= 1

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.words.append(data)
        self._block.append(data)

    def _end_block(self) -> None:
        line = " ".join(" ".join(self._block).split())
        self._block = []
        if line and self._card_depth:
            self.cards[-1].append(line)


def read(html: str) -> _Reader:
    # A chart's drawing is read for its words, but it is not a line of the card.
    reader = _Reader()
    reader.feed(re.sub(r"<svg\b.*?</svg>", _svg_words, html, flags=re.DOTALL))
    return reader


def _svg_words(match: re.Match[str]) -> str:
    words = re.findall(
        r">([^<>]+)<", re.sub(r"<style\b.*?</style>", "", match.group(0), flags=re.S)
    )
    return f'<span aria-label="{" · ".join(w.strip() for w in words if w.strip())}"></span>'


def visible(html: str) -> str:
    return " ".join(" ".join(read(html).words).split())


def _problems(words: str) -> list[str]:
    found = ISO_DATE.findall(words) + NUMERIC_DATE.findall(words) + DECIMAL.findall(words)
    found += [w for w in ("(s)", "(es)", "% of the way", "% del camino") if w in words]
    return found


# --- every client, both languages -----------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("client", DEMO_CLIENTS)
def test_html_reads_as_people_read(rendered: Rendered, locale: str, client: str) -> None:
    words = visible(rendered.html[locale, client])
    assert len(words) > 400
    assert _problems(words) == [], words
    if locale == "es_ES":
        assert "noviembre" in words and "November" not in words
    else:
        assert "November" in words


@pytest.mark.slow
@pytest.mark.parametrize(("locale", "client"), [(k, c) for k in LOCALES for c in PDF_CLIENTS[k]])
def test_pdf_reads_as_people_read(rendered: Rendered, locale: str, client: str) -> None:
    words = " ".join(pdf_text(rendered.pdf[locale, client]).split())
    assert "Confidential" in words or "Confidencial" in words
    assert _problems(words) == [], words


@pytest.mark.slow
def test_every_card_in_the_html_has_a_title_and_lines(rendered: Rendered) -> None:
    cards = read(rendered.html["en_GB", "C-0142"]).cards
    assert [c[0] for c in cards] == ["Feel at ease in group settings", "Speak up in team meetings"]
    assert cards[0][-1] == "17 November 6"  # the last of the client's own ratings


def _pages(pdf: Path) -> list[str]:
    return [" ".join(page.split()) for page in pdf_text(pdf).split("\f")]


def _cards_and_pages(
    rendered: Rendered,
) -> Iterator[tuple[str, str, list[list[str]], list[str]]]:
    for (locale, client), pdf in rendered.pdf.items():
        yield locale, client, read(rendered.html[locale, client]).cards, _pages(pdf)


@pytest.mark.slow
def test_a_goal_card_never_splits_across_pages(rendered: Rendered) -> None:
    """Each card's title and its last line are on one page, in both languages and sizes."""
    checked = 0
    for locale, client, cards, pages in _cards_and_pages(rendered):
        assert len(pages) > 1
        flat = " \f ".join(pages)
        start = 0
        for index, card in enumerate(cards):
            title = re.compile(rf"(?<![“\"]){re.escape(card[0])}")
            heading = title.search(flat, start)
            assert heading, (client, card[0])
            last = " ".join(card[-1].split()[-6:])
            end = flat.find(last, heading.end())
            assert end != -1, (client, last)
            if index + 1 < len(cards):
                following = re.compile(rf"(?<![“\"]){re.escape(cards[index + 1][0])}")
                after = following.search(flat, heading.end())
                assert after and end < after.start(), (client, last)
            page = flat.count("\f", 0, heading.start())
            assert flat.count("\f", 0, end) == page, (locale, client, card[0], last, page)
            start = end
            checked += 1
    assert checked >= 8  # every card of the five PDFs


@pytest.mark.slow
def test_a4_and_letter(rendered: Rendered) -> None:
    from helpers.pdftools import page_size

    assert page_size(rendered.pdf["en_GB", "C-0142"]).endswith("(A4)")
    assert page_size(rendered.pdf["es_ES", "C-0512"]).endswith("(letter)")


# --- the words chosen -----------------------------------------------------------------------


@pytest.mark.slow
def test_progress_toward_a_target_is_in_words(rendered: Rendered) -> None:
    words = visible(rendered.html["en_GB", "C-0315"])
    # "Get back to doing things I enjoy": 6.2 activities a week against a target of 5 from 1
    assert "You have gone beyond your target." in words
    assert "about 3 times a week at the start, about 6 times a week lately" in words
    assert "That is 6 points closer." in words
    assert "That is ahead of 30 November, the date you aimed for." in words
    assert "Mood: about 3 out of 10 at the start, about 7 out of 10 lately." in words


@pytest.mark.slow
def test_plurals_and_rounding_in_the_demo(rendered: Rendered) -> None:
    words = visible(rendered.html["en_GB", "C-0142"])
    assert "You have done 2 of the 4 steps you planned" in words
    assert "Relaxation practice: about 75 minutes a week at the start, about 90 minutes" in words
    assert "Did my exercise: about 4 days a week at the start, about 6 days a week lately." in words
    assert "You are aiming to get there by 1 December." in words
    assert "31 January 2027" in words  # another year's date says its year
    youth = visible(rendered.html["en_GB", "Y-0207"])
    assert "less than one day a week at the start, about 3 days a week lately" in youth
    assert "morning worry: about 4 out of 5 at the start, about 3 out of 5 lately" in youth
    assert "You are about halfway to your target." in youth
    # a change the words show is a change: never "about the same" beside two different levels
    walks = visible(rendered.html["en_GB", "C-0512"])
    assert "less than one day a week at the start, about 1 day a week lately." in walks
    assert "about 1 day a week lately: about the same" not in walks


@pytest.mark.slow
def test_spanish_dates_in_words(rendered: Rendered) -> None:
    words = visible(rendered.html["es_ES", "C-0512"])
    assert "7 de septiembre" in words and "2 de noviembre" in words
    assert "30 de noviembre" in words  # the next review


# --- risk stays with the clinician, and is never contradicted --------------------------------

RISK_WORDS = re.compile(
    r"item ?9|ítem ?9|PHQ-9|several days|follow up|better off dead|self-harm|critical",
    re.IGNORECASE,
)


def _going_well(html: str) -> str:
    box = re.search(r'<section class="box" aria-labelledby="wins">(.*?)</section>', html, re.S)
    assert box
    return visible(box.group(1))


@pytest.mark.slow
@pytest.mark.parametrize("locale", LOCALES)
def test_an_open_critical_answer_is_not_shown_nor_called_good_news(
    rendered: Rendered, locale: str
) -> None:
    """C-0315 answered PHQ-9 item 9 on 7 September and no follow-up is recorded."""
    html = rendered.html[locale, "C-0315"]
    words = visible(html)
    assert not RISK_WORDS.search(words), RISK_WORDS.findall(words)
    assert (
        "Your therapist would like to go through your latest answers with you." in words
        if locale == "en_GB"
        else "A tu terapeuta le gustaría repasar contigo tus últimas respuestas." in words
    )
    going_well = _going_well(html)
    assert "worry and anxiety" in going_well or "preocupación" in going_well
    assert "low mood" not in going_well and "bajo estado de ánimo" not in going_well
    crisis = re.search(r'<aside class="crisis"[^>]*>(.*?)</aside>', html, re.S)
    # The practice's crisis text in the report's language (goalsheet.yaml has both).
    assert crisis and ("emergency" if locale == "en_GB" else "urgencias") in crisis.group(1)


def test_once_followed_up_the_questionnaire_is_good_news_again(tmp_path: Path) -> None:
    root = _project(tmp_path / "practice", "en_GB")
    (root / "goalsheets" / "C-0315" / "entries" / "2026-09-08-follow-up.yaml").write_text(
        "follow_ups:\n  - {date: 2026-09-08, answer_date: 2026-09-07, measure: PHQ-9,"
        " by: Sam Lee, note: Phoned; safety plan reviewed.}\n",
        encoding="utf-8",
    )
    html = _report(root, "C-0315", "html").read_text(encoding="utf-8")
    assert "go through your latest answers" not in html
    assert "On the questionnaire about low mood" in _going_well(html)
    assert not RISK_WORDS.search(visible(html))


@pytest.mark.slow
def test_clients_without_critical_answers_hear_nothing_of_it(rendered: Rendered) -> None:
    for client in DEMO_CLIENTS:
        if client != "C-0315":
            assert "go through your latest answers" not in rendered.html["en_GB", client]


def test_a_card_taller_than_a_page_splits_with_its_heading_on_its_first_lines(
    tmp_path: Path,
) -> None:
    """A card cannot fit a page: it splits rather than overflow, and its heading stays with
    the first lines of its text (never alone at the foot of a page)."""
    from helpers.project import CLIENT, ENTRIES, Project

    why = " ".join(
        f"Reason {n} is a long sentence about why this matters to me." for n in range(90)
    )
    practice = Project(tmp_path / "practice")
    practice.write("goalsheet.yaml", "practice: {name: Test Practice}\n")
    practice.client(CLIENT.replace("why: I feel clearer after a walk", f"why: {why}"))
    practice.entries(ENTRIES, name="e1.yaml")
    pages = _pages(_report(practice.root, "C-0001", "pdf"))
    (heading,) = [n for n, page in enumerate(pages) if "Walk in the park three times" in page]
    assert "Reason 0 is a long sentence" in pages[heading]
    assert "Reason 89 is a long sentence" not in pages[heading]  # it did split
    assert any("Reason 89 is a long sentence" in page for page in pages[heading + 1 :])
