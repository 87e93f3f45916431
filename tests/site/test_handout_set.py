"""The built-in handout set, English and Spanish, read as files: every handout has its
Spanish twin and the twins agree on what must not differ between languages (worksheets,
audience, sensitivity, order, shape, warnings); the Spanish pages carry no English left
over and link only to Spanish pages; the English pages use no UK-only words, so they read
right in any English-speaking practice. The set is what `goalsheet init` copies into every
new project, so a slip here reaches every practice."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from helpers.cli import Run
from helpers.project import REPO

CONTENT = REPO / "content"
SPANISH = CONTENT / "es"
NAMES = sorted(path.name for path in CONTENT.glob("*.md"))

# keys whose values are the same in every language: they are data, not words
SHARED_KEYS = ("audience", "worksheets", "sensitive", "order")
# keys whose values are words: a translation says them in its own language
WORDED_KEYS = ("title", "summary", "section", "tags")
# the es/ folder says the language and pairs the pages by file name
NOT_IN_A_TRANSLATION = ("lang", "translation_of")
# short words that are common in English prose and never Spanish ones
ENGLISH_TELLS = ("the", "and", "your", "you", "with", "this", "what", "when", "week", "therapist")
# words a reader outside the UK would stumble on (spelling is left as it is)
UK_ONLY = re.compile(r"\b(GP|GPs|NHS|A&E|half-term|half term|mum|mums|fortnight)\b", re.I)
_LINK = re.compile(r"\]\(([^)\s]+)\)")
_FENCE = re.compile(r"^(```|~~~)")


def _split(path: Path) -> tuple[dict[str, Any], str]:
    """The page's front matter and its body (the text after the front matter)."""
    text = path.read_text(encoding="utf-8")
    match = re.match(r"---\n(.*?)\n---\n", text, re.S)
    assert match, f"{path} has no front matter"
    front = yaml.safe_load(match.group(1))
    assert isinstance(front, dict), path
    return front, text[match.end() :]


def _prose(body: str) -> list[str]:
    """The body's lines outside code fences, without link targets or inline code: the words
    a reader reads."""
    lines: list[str] = []
    fenced = False
    for line in body.splitlines():
        if _FENCE.match(line.strip()):
            fenced = not fenced
            continue
        if not fenced:
            lines.append(re.sub(r"`[^`]*`", "", _LINK.sub("]", line)))
    return lines


def _headings(body: str, level: int) -> list[str]:
    mark = "#" * level + " "
    return [line[len(mark) :] for line in _prose(body) if line.startswith(mark)]


def _admonitions(body: str) -> list[str]:
    """The kinds of the page's boxes in order (note, tip, warning): a warning in English
    must stay a warning in Spanish."""
    return re.findall(r"^!!! (\w+)", body, re.M)


def test_every_handout_has_a_spanish_twin_and_no_spanish_page_is_alone() -> None:
    spanish = sorted(path.name for path in SPANISH.glob("*.md"))
    assert len(NAMES) >= 16
    assert spanish == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_the_twins_share_their_data_and_translate_their_words(name: str) -> None:
    english, _ = _split(CONTENT / name)
    spanish, _ = _split(SPANISH / name)
    assert set(spanish) == set(english), "the same front matter keys, translated"
    for key in SHARED_KEYS:
        assert spanish.get(key) == english.get(key), key
    for key in WORDED_KEYS:
        if key in english:
            assert spanish[key] != english[key], f"{key} is still in English"
    for key in NOT_IN_A_TRANSLATION:
        assert key not in spanish, f"{key}: the es/ folder already says it"


def test_the_spanish_sections_follow_the_english_ones() -> None:
    """Pages that share a section in English share one in Spanish, and only those: the
    Spanish navigation groups the pages as the English one does."""
    pairs = {(_split(CONTENT / n)[0]["section"], _split(SPANISH / n)[0]["section"]) for n in NAMES}
    assert len({english for english, _ in pairs}) == len(pairs)
    assert len({spanish for _, spanish in pairs}) == len(pairs)


@pytest.mark.parametrize("name", NAMES)
def test_the_twins_have_the_same_shape(name: str) -> None:
    """The same number of sections and sub-sections and the same boxes in the same order:
    nothing was dropped or added in translation, and no warning was softened to a note."""
    _, english = _split(CONTENT / name)
    _, spanish = _split(SPANISH / name)
    for level in (1, 2, 3):
        assert len(_headings(spanish, level)) == len(_headings(english, level)), f"h{level}"
    assert _admonitions(spanish) == _admonitions(english)
    assert spanish.count("[^") == english.count("[^"), "footnotes"


@pytest.mark.parametrize("name", NAMES)
def test_no_english_is_left_in_a_spanish_page(name: str) -> None:
    front, body = _split(SPANISH / name)
    words = " ".join([*_prose(body), str(front["title"]), str(front["summary"])])
    left = [
        tell for tell in ENGLISH_TELLS if re.search(rf"(?<![\w*])\b{tell}\b(?![\w*])", words, re.I)
    ]
    assert left == []


@pytest.mark.parametrize("name", NAMES)
def test_spanish_pages_link_to_spanish_pages(name: str) -> None:
    """Every relative .md link of a Spanish page names a page in content/es/, so a reader
    who starts in Spanish stays in Spanish."""
    _, body = _split(SPANISH / name)
    targets = [t for t in _LINK.findall(body) if not re.match(r"[a-z][a-z0-9+.-]*:", t)]
    assert targets, "a handout links to at least one other handout"
    for target in targets:
        file = target.split("#", 1)[0]
        assert file.endswith(".md") and "/" not in file, target
        assert (SPANISH / file).is_file(), target


@pytest.mark.parametrize("folder", [CONTENT, SPANISH], ids=["en", "es"])
def test_no_uk_only_words(folder: Path) -> None:
    """UK-only words (GP, NHS, half-term...) read wrongly in an en_US practice; the English
    pages stay neutral ("your family doctor"). The Spanish pages are checked too, since a
    name like NHS means nothing to a reader in Spain."""
    found = [
        f"{path.name}:{number}: {line.strip()}"
        for path in sorted(folder.glob("*.md"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if UK_ONLY.search(line)
    ]
    assert found == []


def test_the_spanish_set_checks_clean_as_a_projects_content(run: Run, tmp_path: Path) -> None:
    """The Spanish set as a project's own content/ (what `init --locale es_ES` copies):
    `goalsheet check` finds nothing, so every front matter value is valid, every worksheet
    exists and every link and heading anchor (#escaleras-de-metas) resolves."""
    root = tmp_path / "practica"
    shutil.copytree(SPANISH, root / "content")
    (root / "goalsheet.yaml").write_text("practice: {name: Consulta de prueba}\n")
    checked = run("check", "--project", root)
    assert checked.exit_code == 0, checked.output
    assert not re.search(r"GS3\d\d", checked.output), checked.output
