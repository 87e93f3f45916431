"""Languages in the built site: a Spanish practice is Spanish on every page; a bilingual
practice (content/ + content/es/) has one navigation per language, Spanish shared pages
under es/ and a switch both ways; a one-language site has neither; the crisis text
follows the page's language and never drops the practice's own number."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from goalsheet.language.messages import _, using
from goalsheet.model.config import DEFAULT_CRISIS_LINE, Config
from helpers.cli import Run, invoke
from helpers.project import REPO, Project

AS_OF = "2026-11-20"
# Chrome the site draws around every page, in English: none of it may be on a Spanish page.
ENGLISH_CHROME = ["Print this page", "If you need help now", "Worksheet library", ">Home<",
                  ">Topics<", "Search the handouts", "This page in:", ">Previous<", ">Next<",
                  "For everyone", "emergency department"]  # fmt: skip
HTML_LANG = re.compile(r'<html lang="([^"]+)"')

EN_SMART = """\
---
title: SMART goals
section: Goals
tags: [goals]
---
A SMART goal is specific and measurable.
"""
EN_OTHER = """\
---
title: Keeping a diary
section: Tracking
---
Write a line each evening.
"""
ES_SMART = """\
---
title: Metas SMART
section: Metas
tags: [metas]
---
Una meta SMART es concreta y se puede medir.
"""
ES_ONLY = """\
---
title: Solo en español
section: Metas
---
Esta página no tiene versión en inglés.
"""


def build(run: Run, root: Path) -> None:
    result = run("build", "--no-pdf", "--as-of", AS_OF, "--project", root)
    assert result.exit_code == 0, result.output


def lang_of(file: Path) -> str:
    found = HTML_LANG.search(file.read_text(encoding="utf-8"))
    assert found, file
    return found.group(1)


def sidebar(file: Path) -> str:
    found = re.search(r'<nav class="sidebar".*?</nav>', file.read_text(encoding="utf-8"), re.S)
    assert found, file
    return found.group(0)


def language_nav(file: Path) -> str:
    """The page without its navigation column (whose "Home" link is marked current on
    home pages): the header's language switch is what is left with aria-current."""
    text = file.read_text(encoding="utf-8")
    found = re.search(r'<nav class="languages".*?</nav>', text, re.S)
    assert found, file
    return found.group(0)


def switch(file: Path) -> dict[str, str]:
    """The language switch's links on a page: lang -> href."""
    found = re.search(r'<nav class="languages".*?</nav>', file.read_text(encoding="utf-8"), re.S)
    if found is None:
        return {}
    return dict(
        (lang, href)
        for href, lang in re.findall(r'<a href="([^"]*)" hreflang="([^"]+)"', found.group(0))
    )


@pytest.fixture(scope="module")
def bilingual(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An English practice with two English pages and two Spanish ones (one a translation)."""
    made = Project(tmp_path_factory.mktemp("bilingual") / "practice")
    made.write("goalsheet.yaml", "practice: {name: Riverside (test)}\nlocale: en_GB\n")
    made.write("content/smart-goals.md", EN_SMART)
    made.write("content/diary.md", EN_OTHER)
    made.write("content/es/smart-goals.md", ES_SMART)
    made.write("content/es/solo.md", ES_ONLY)
    result = invoke("build", "--no-pdf", "--as-of", AS_OF, "--project", made.root)
    assert result.exit_code == 0, result.output
    return made.root / "site"


def test_spanish_pages_are_spanish_with_their_own_navigation(bilingual: Path) -> None:
    page = bilingual / "es" / "smart-goals.html"
    assert lang_of(page).startswith("es")
    text = page.read_text(encoding="utf-8")
    for words in ENGLISH_CHROME:
        assert words not in text, words
    nav = sidebar(page)
    assert "Solo en español" in nav and "Metas SMART" in nav
    assert "SMART goals" not in nav and "Keeping a diary" not in nav  # only Spanish pages
    assert ">Metas<" in nav  # its section
    english = sidebar(bilingual / "smart-goals.html")
    assert "SMART goals" in english and "Keeping a diary" in english
    assert "Metas SMART" not in english and "Solo en español" not in english
    assert lang_of(bilingual / "smart-goals.html") == "en-GB"


def test_the_switch_links_each_page_to_its_translation_and_back(bilingual: Path) -> None:
    assert switch(bilingual / "es" / "smart-goals.html") == {
        "en-GB": "../smart-goals.html",
        "es-ES": "../es/smart-goals.html",
    }
    assert switch(bilingual / "smart-goals.html") == {
        "en-GB": "smart-goals.html",
        "es-ES": "es/smart-goals.html",
    }
    # A page with no translation leads to the other language's home page.
    assert switch(bilingual / "es" / "solo.html")["en-GB"] == "../index.html"
    assert switch(bilingual / "diary.html")["es-ES"] == "es/index.html"
    # The homes lead to each other.
    assert switch(bilingual / "index.html")["es-ES"] == "es/index.html"
    assert switch(bilingual / "es" / "index.html")["en-GB"] == "../index.html"
    # The page's own language is marked current.
    mark = re.search(
        r'<a href="([^"]*)"[^>]*aria-current', language_nav(bilingual / "es" / "solo.html")
    )
    assert mark is not None and mark.group(1) == "../es/solo.html"


def test_each_language_has_its_shared_pages(bilingual: Path) -> None:
    for name in ("index.html", "worksheets.html", "search.html", "tags/index.html", "404.html"):
        spanish = bilingual / "es" / name
        assert spanish.is_file(), name
        assert lang_of(spanish).startswith("es"), name
        text = spanish.read_text(encoding="utf-8")
        for words in ENGLISH_CHROME:
            assert words not in text, (name, words)
        # Every link to a home page but the switch's leads to the Spanish one.
        links = re.sub(r'<nav class="languages".*?</nav>', "", text, flags=re.S)
        root = "../" * (1 + name.count("/"))  # the way up from es/NAME to the site's root
        if name != "404.html":  # (its links start from the site's address)
            assert f'href="{root}index.html"' not in links, name
            assert f'href="{root}es/index.html"' in links, name
    home = (bilingual / "es" / "index.html").read_text(encoding="utf-8")
    assert "Metas SMART" in home and "SMART goals" not in home
    assert (bilingual / "es" / "tags" / "metas.html").is_file()
    assert not (bilingual / "es" / "tags" / "goals.html").exists()  # an English tag
    tags = (bilingual / "es" / "tags" / "metas.html").read_text(encoding="utf-8")
    assert 'href="../../es/smart-goals.html"' in tags
    english_home = (bilingual / "index.html").read_text(encoding="utf-8")
    assert "Metas SMART" not in english_home
    sitemap = (bilingual / "sitemap.xml").read_text(encoding="utf-8")
    assert "es/index.html" in sitemap and "es/smart-goals.html" in sitemap


def test_a_one_language_site_has_no_switch_and_no_language_folder(
    run: Run, project: Project
) -> None:
    project.write("content/smart-goals.md", EN_SMART)
    build(run, project.root)
    site = project.root / "site"
    assert not (site / "es").exists() and not (site / "en").exists()
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "hreflang" not in text, page
        assert lang_of(page) == "en-GB", page


@pytest.mark.slow
def test_a_spanish_practice_is_spanish_on_every_page(run: Run, tmp_path: Path) -> None:
    root = tmp_path / "centro"
    made = run("init", root, "--name", "Centro Sol", "--locale", "es_ES", "--no-interactive")
    assert made.exit_code == 0, made.output
    build(run, root)
    site = root / "site"
    assert not (site / "es").exists()  # Spanish is this site's own language: at the top
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        assert lang_of(page) == "es-ES", page
        text = page.read_text(encoding="utf-8")
        for words in ENGLISH_CHROME:
            assert words not in text, (page.name, words)
        assert "hreflang" not in text, page  # one language: no switch


def test_init_copies_the_pages_in_the_practices_language(run: Run, tmp_path: Path) -> None:
    spanish, english = tmp_path / "es", tmp_path / "en"
    for folder, locale in ((spanish, "es_ES"), (english, "en_GB")):
        made = run("init", folder, "--name", "P", "--locale", locale, "--no-interactive")
        assert made.exit_code == 0, made.output
    assert not (spanish / "content" / "es").exists()
    assert not (english / "content" / "es").exists()
    shipped_es = sorted(p.name for p in (REPO / "content" / "es").glob("*.md"))
    assert sorted(p.name for p in (spanish / "content").glob("*.md")) == shipped_es
    assert (spanish / "content" / "smart-goals.md").read_text(encoding="utf-8") == (
        REPO / "content" / "es" / "smart-goals.md"
    ).read_text(encoding="utf-8")
    shipped_en = sorted(p.name for p in (REPO / "content").glob("*.md"))
    assert sorted(p.name for p in (english / "content").glob("*.md")) == shipped_en


# --- the crisis text -------------------------------------------------------------------


def crisis_of(config: dict[str, object], language: str) -> str:
    with using({"es": "es_ES", "en": "en_GB"}[language]):
        return Config.model_validate(config).crisis_text(language)


def test_the_crisis_text_follows_the_language_and_keeps_the_practices_number() -> None:
    both = {"practice": {"crisis_line": {"en": "Call 0800 111 222.", "es": "Llame al 112."}}}
    assert crisis_of(both, "en") == "Call 0800 111 222."
    assert crisis_of(both, "es") == "Llame al 112."
    english_only = {"practice": {"crisis_line": {"en": "Call 0800 111 222."}}}
    spanish = crisis_of(english_only, "es")
    with using("es_ES"):  # translated inside using(), as pages are
        default_es = _(DEFAULT_CRISIS_LINE)
    assert default_es != DEFAULT_CRISIS_LINE  # the catalogue has it
    assert spanish == f"{default_es} Call 0800 111 222."  # the default first, never dropped
    one_text = {"practice": {"crisis_line": "Call 0800 111 222."}}
    assert crisis_of(one_text, "en") == "Call 0800 111 222."
    assert crisis_of(one_text, "es") == f"{default_es} Call 0800 111 222."
    assert crisis_of({}, "es") == default_es  # nothing given: the default, in Spanish


def test_the_crisis_text_on_pages_of_each_language(run: Run, project: Project) -> None:
    project.write(
        "goalsheet.yaml",
        "practice:\n  name: P\n  crisis_line: {en: Ring the practice on 0800 111 222.}\n",
    )
    project.write("content/smart-goals.md", EN_SMART)
    project.write("content/es/smart-goals.md", ES_SMART)
    build(run, project.root)
    site = project.root / "site"
    english = (site / "smart-goals.html").read_text(encoding="utf-8")
    spanish = (site / "es" / "smart-goals.html").read_text(encoding="utf-8")
    assert "Ring the practice on" in english and "Si estás en peligro" not in english
    assert "Si estás en peligro" in spanish  # goalsheet's own text, in Spanish
    assert "Ring the practice on" in spanish  # followed by the practice's number


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("[a, b]", "crisis_line is one text, or a mapping from language code to text"),
        ("{}", "crisis_line is empty"),
        ("{english: Call us}", "'english' is not a valid key"),
        ('{en: ""}', "'en' is empty"),
    ],
)
def test_a_bad_crisis_line_is_a_clear_finding(
    run: Run, project: Project, value: str, message: str
) -> None:
    project.write("goalsheet.yaml", f"practice:\n  crisis_line: {value}\n")
    result = run("check", "--project", project.root)
    assert result.exit_code == 1
    assert re.search(rf"goalsheet\.yaml:2:\d+: GS01\d {re.escape(message)}", result.output)
    assert "Traceback" not in result.output


def test_the_schema_documents_both_forms_of_the_crisis_line(run: Run) -> None:
    result = run("schema", "config")
    assert result.exit_code == 0, result.output
    schema = json.loads(result.output)
    crisis = schema["$defs"]["Practice"]["properties"]["crisis_line"]
    assert [form["type"] for form in crisis["oneOf"]] == ["string", "object"]
    assert "per language" in crisis["description"]
    assert schema["properties"]["guide"]["default"] is False


def test_index_md_introduces_its_languages_home_page(run: Run, project: Project) -> None:
    project.write("content/index.md", "---\ntitle: Welcome to P\n---\nWe help with goals.\n")
    project.write("content/smart-goals.md", EN_SMART)
    project.write("content/es/index.md", "---\ntitle: Bienvenida\n---\nAyudamos con metas.\n")
    project.write("content/es/smart-goals.md", ES_SMART)
    build(run, project.root)
    site = project.root / "site"
    english = (site / "index.html").read_text(encoding="utf-8")
    spanish = (site / "es" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Welcome to P</h1>" in english and "We help with goals." in english
    assert "Ayudamos con metas." not in english
    assert "<h1>Bienvenida</h1>" in spanish and "Ayudamos con metas." in spanish
    # A change to index.md reaches the home page on the next build.
    project.write("content/index.md", "---\ntitle: Welcome to P\n---\nWe help with hopes.\n")
    build(run, project.root)
    assert "We help with hopes." in (site / "index.html").read_text(encoding="utf-8")
