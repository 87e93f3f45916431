"""A second complete language: the Spanish catalogue is whole and correct, and a Spanish
practice's site, worksheets, diaries and reports carry no English of goalsheet's own.

Untranslated strings are found two ways, both on the real outputs (HTML as written,
PDFs through poppler's pdftotext): every English message of the catalogue (the whole
sentence, or its longest run of words between placeholders) must be absent, and so must
common English words that no Spanish text contains.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from goalsheet.language import formats
from goalsheet.language.catalogues import catalogue_file, shipped_languages, translations
from goalsheet.language.messages import _, using
from helpers.cli import invoke

REPO = Path(__file__).resolve().parents[2]
SPANISH = catalogue_file("es")
_PLACEHOLDER = re.compile(r"\{[a-z_]*\}|%\([a-z_]+\)[sd]|%[sd]")
# Words that show English left in a Spanish page. None of them is a Spanish word.
ENGLISH_WORDS = (
    "the", "and", "your", "you", "with", "this", "what", "how", "week", "day", "days",
    "goal", "goals", "page", "print", "date", "rating", "score", "mood", "yes", "not",
    "of", "for", "from", "about", "every", "each", "when", "which", "who", "will",
    "would", "could", "should", "have", "been", "is", "are", "was", "it", "that",
)  # fmt: skip
_ENGLISH = re.compile(r"\b(" + "|".join(ENGLISH_WORDS) + r")\b")
# Text that is English on purpose: names of things, not goalsheet's words.
ALLOWED = (
    "goalsheet", "PHQ-9", "GAD-7", "Pagefind", "PDF", "SMART", "ABC",
    # YAML keys a clinician types, which stay in English in every language:
    "follow_ups: date, answer_date, measure, by, note", "follow_ups (date, by, note)",
)  # fmt: skip


def _catalogue() -> list[tuple[str, str]]:
    """(msgid, msgstr) for every message, plural forms included."""
    with SPANISH.open("rb") as stream:
        catalogue = read_po(stream)
    pairs = []
    for message in catalogue:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strs = message.string if isinstance(message.string, tuple) else (message.string,)
        assert not message.fuzzy, f"fuzzy (unreviewed) translation: {ids[0]!r}"
        for index, msgid in enumerate(ids):
            pairs.append((msgid, strs[min(index, len(strs) - 1)]))
    return pairs


def test_spanish_is_shipped() -> None:
    assert shipped_languages() == ["en", "es"]


def test_every_message_is_translated_with_the_same_placeholders() -> None:
    pairs = _catalogue()
    assert len(pairs) > 400, "the catalogue is far smaller than goalsheet's messages"
    missing = [msgid for msgid, msgstr in pairs if not msgstr.strip()]
    assert not missing, f"{len(missing)} untranslated, e.g. {missing[:5]}"
    wrong = [
        (msgid, msgstr)
        for msgid, msgstr in pairs
        if sorted(_PLACEHOLDER.findall(msgid)) != sorted(_PLACEHOLDER.findall(msgstr))
    ]
    assert not wrong, f"placeholders differ: {wrong[:5]}"


@pytest.mark.slow
def test_the_catalogue_holds_every_message_in_the_code(tmp_path: Path) -> None:
    """`make messages` has been run: nothing in the code or templates is missing."""
    pot = tmp_path / "goalsheet.pot"
    subprocess.run(
        [
            str(Path(sys.executable).parent / "pybabel"), "extract", "-F", "babel.cfg", "-c", "NOTE:",
            "-k", "_", "-k", "N_", "-k", "ngettext:1,2", "-k", "pgettext:1c,2",
            "-o", str(pot), ".",
        ],
        cwd=REPO, check=True, capture_output=True,
    )  # fmt: skip
    with pot.open("rb") as stream:
        wanted = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(stream) if m.id}
    have = {msgid for msgid, _ in _catalogue()}
    assert not wanted - have, f"run `make messages`: {sorted(wanted - have)[:5]}"


def test_dates_and_numbers_are_written_the_spanish_way() -> None:
    day = dt.date(2026, 9, 28)
    with using("es_ES"):
        assert formats.long_date(day) == "28 de septiembre de 2026"
        assert formats.weekday(day) == "lunes"
        assert formats.number(2.5) == "2,5"
        assert formats.number(4.0) == "4"
    with using("en_US"):
        assert formats.long_date(day) == "September 28, 2026"
    with using("en_GB"):
        assert formats.long_date(day) == "28 September 2026"
        assert formats.number(2.5) == "2.5"


def test_locale_is_chosen_per_document() -> None:
    with using("es_ES"):
        spanish = _("Confidential")
        with using("en_GB"):
            assert _("Confidential") == "Confidential"
        assert _("Confidential") == spanish != "Confidential"
    assert translations("xx").gettext("Confidential") == "Confidential"


def test_command_line_speaks_spanish_when_asked(project: object, tmp_path: Path) -> None:
    root = tmp_path / "p"
    root.mkdir()
    (root / "goalsheet.yaml").write_text("paper: a5\n", encoding="utf-8")
    result = invoke("check", "--project", root, env={"GOALSHEET_LOCALE": "es_ES"}, catch=True)
    assert result.exit_code == 1
    assert "goalsheet.yaml:1" in result.output
    assert not _english_left(result.output.replace("paper", "").replace("a4", "")), result.output


# --- a Spanish practice, built for real -------------------------------------------------

SPANISH_PAGE = """\
---
title: Cómo trabajamos con metas
summary: Qué es una meta en terapia y cómo la revisamos juntos.
audience: [clients]
tags: [metas]
worksheets: [smart-goal, daily-diary]
---
# Cómo trabajamos con metas

Una meta es algo que quieres conseguir, dicho con tus propias palabras.

## Revisarla juntos

Cada pocas semanas miramos el diario y las puntuaciones.
"""

SPANISH_CONFIG = """\
practice:
  name: Centro Alameda
  contact: Calle Mayor 3, Sevilla
  crisis_line: Si estás en peligro, llama al 112 ahora.
locale: es_ES
paper: a4
goal_word: metas
"""


@pytest.fixture(scope="module")
def spanish(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Spanish practice with one Spanish-speaking client, built whole (site and PDFs)."""
    root = tmp_path_factory.mktemp("es") / "centro"
    (root / "content").mkdir(parents=True)
    (root / "content" / "metas.md").write_text(SPANISH_PAGE, encoding="utf-8")
    (root / "goalsheet.yaml").write_text(SPANISH_CONFIG, encoding="utf-8")
    shutil.copytree(REPO / "goalsheets" / "C-0512", root / "goalsheets" / "C-0512")
    env = {**os.environ, "GOALSHEET_LOCALE": "es_ES", "SOURCE_DATE_EPOCH": "1795000000"}
    built = subprocess.run(
        [sys.executable, "-m", "goalsheet", "build", "--as-of", "2026-11-20"],
        cwd=root, env=env, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert built.returncode == 0, built.stdout + built.stderr
    return root


def _messages() -> list[str]:
    """English text of every message that Spanish words differently: the whole message or
    its longest stretch of at least three words between placeholders."""
    found = set()
    for msgid, msgstr in _catalogue():
        if msgstr == msgid:
            continue
        pieces = [p.strip(" .,:;()“”'\"·") for p in _PLACEHOLDER.split(msgid)]
        longest = max(pieces, key=len)
        if len(longest.split()) >= 3:
            found.add(" ".join(longest.split()))
    return sorted(found, key=len, reverse=True)


def _visible_html(text: str) -> str:
    text = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", text, flags=re.DOTALL | re.I)
    attributes = " ".join(
        re.findall(r'\b(?:aria-label|title|alt|placeholder|content|data-[a-z-]+)="([^"]*)"', text)
    )
    return html.unescape(re.sub(r"<[^>]+>", " ", text) + " " + attributes)


def _pdf_text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


_FORM_LABEL = re.compile(r"goalsheet [a-z0-9-]+ v\d+")  # a form's ID, printed for import


def _english_left(text: str) -> list[str]:
    text = _FORM_LABEL.sub(" ", text)
    for word in ALLOWED:
        text = text.replace(word, " ")
    return sorted(set(_ENGLISH.findall(" ".join(text.split()))))


def _outputs(root: Path) -> Iterator[tuple[str, str]]:
    for folder in (root / "site", root / "private"):
        for file in sorted(folder.rglob("*")):
            if "pagefind" in file.parts or "guide" in file.parts:
                continue  # the search bundle; the guide is in English (see test below)
            if file.suffix == ".html":
                yield str(file.relative_to(root)), _visible_html(file.read_text("utf-8"))
            elif file.suffix == ".pdf":
                yield str(file.relative_to(root)), _pdf_text(file)


@pytest.mark.slow
def test_spanish_outputs_have_no_english_messages(spanish: Path) -> None:
    messages = _messages()
    checked = 0
    problems = []
    for name, text in _outputs(spanish):
        flat = " ".join(text.split())
        checked += 1
        left = [m for m in messages if m in flat]
        words = _english_left(flat)
        if left or words:
            problems.append(f"{name}: messages {left[:3]} words {words[:8]}")
    assert checked >= 40, f"only {checked} outputs were built"
    assert not problems, "\n".join(problems[:20])


@pytest.mark.slow
def test_spanish_pages_and_pdfs_say_they_are_spanish(spanish: Path) -> None:
    import pypdf

    page = (spanish / "site" / "metas.html").read_text("utf-8")
    assert '<html lang="es-ES">' in page
    report = spanish / "private" / "C-0512"
    pdfs = sorted(report.glob("*.pdf"))
    assert pdfs
    langs = {str(pypdf.PdfReader(pdf).trailer["/Root"].get("/Lang", "")) for pdf in pdfs}
    assert langs == {"es-ES"}, langs


@pytest.mark.slow
def test_spanish_report_has_spanish_dates_and_numbers(spanish: Path) -> None:
    html_report = next((spanish / "private" / "C-0512").glob("*client*.html"))
    text = " ".join(_visible_html(html_report.read_text("utf-8")).split())
    assert "20 de noviembre de 2026" in text
    # The client's report rounds for people (no decimals); the clinician's has them.
    assert not re.search(r"\d[.,]\d", text), "a decimal in the client's report"
    clinician = next((spanish / "private" / "C-0512").glob("*clinician*.html"))
    text = " ".join(_visible_html(clinician.read_text("utf-8")).split())
    assert re.search(r"\b\d+,\d\b", text), "no decimal comma in the report"
    summary = json.loads(
        subprocess.run(
            [sys.executable, "-m", "goalsheet", "report", "C-0512", "--format", "json",
             "--as-of", "2026-11-20"],
            cwd=spanish, capture_output=True, text=True, check=True,
        ).stdout
    )  # fmt: skip
    assert summary["client"] == "C-0512"
    assert summary["measures"][0]["band"] in {"none", "mild", "moderate", "moderately severe",
                                               "severe", "minimal"}  # fmt: skip


@pytest.mark.slow
def test_an_english_practice_makes_a_spanish_clients_documents_in_spanish(tmp_path: Path) -> None:
    root = tmp_path / "mixed"
    root.mkdir()
    (root / "goalsheet.yaml").write_text("practice: {name: Riverside}\n", encoding="utf-8")
    shutil.copytree(REPO / "goalsheets" / "C-0512", root / "goalsheets" / "C-0512")
    shutil.copytree(REPO / "goalsheets" / "C-0142", root / "goalsheets" / "C-0142")
    for client in ("C-0512", "C-0142"):
        made = subprocess.run(
            [sys.executable, "-m", "goalsheet", "diary", "--client", client, "--start",
             "2026-11-23", "-o", str(tmp_path / f"{client}.pdf")],
            cwd=root, capture_output=True, text=True, env={**os.environ, "LANG": "C"},
        )  # fmt: skip
        assert made.returncode == 0, made.stderr
    spanish_text = _pdf_text(tmp_path / "C-0512.pdf")
    english_text = _pdf_text(tmp_path / "C-0142.pdf")
    assert "lun, 23 nov" in spanish_text and "Mon" not in spanish_text
    assert "Mon 23 Nov" in english_text and "lun" not in english_text


def test_help_and_click_messages_in_spanish() -> None:
    spanish = {"GOALSHEET_LOCALE": "es_ES"}
    top = invoke("--help", env=spanish, catch=True).output
    assert "Muestra este mensaje y termina." in top and "Show this message" not in top
    for words in (["init"], ["new", "goal"], ["report"]):
        shown = invoke(*words, "--help", env=spanish, catch=True).output
        assert "Ejemplo" in shown and "Example" not in shown, shown
        assert f"goalsheet {' '.join(words)}" in shown  # the example commands stay as they are
    wrong = invoke("report", "--audiense", "x", env=spanish, catch=True)
    assert wrong.exit_code == 2 and "Error" in wrong.output and "No such option" not in wrong.output
    english = invoke("--help", env={"GOALSHEET_LOCALE": "en_GB"}, catch=True).output
    assert english == invoke("--help", env={}, catch=True).output


@pytest.mark.slow
@pytest.mark.browser
def test_the_spanish_site_is_accessible_and_searchable(spanish: Path) -> None:
    """axe-core finds nothing on any page of the Spanish site, in Chromium, and Pagefind
    finds the Spanish handout in Spanish."""
    from playwright.sync_api import expect

    from helpers.browser import axe_problems, chromium, served

    pages = sorted(
        p.relative_to(spanish / "site").as_posix() for p in (spanish / "site").rglob("*.html")
    )
    found = {}
    with served(spanish) as address, chromium() as browser:
        base = f"{address}site/"
        page = browser.new_page()
        for name in pages:
            page.goto(base + name, wait_until="load")
            assert page.evaluate("document.documentElement.lang") == "es-ES", name
            problems = axe_problems(page)
            if problems:
                found[name] = problems
        page.goto(base + "search.html?q=revisamos", wait_until="load")
        expect(page.locator("#search-results li").first).to_contain_text("metas")
        assert "resultado" in page.locator("#search-status").inner_text()
    assert len(pages) >= 8  # one handout and the shared pages (the guide is off by default)
    assert not found, found
