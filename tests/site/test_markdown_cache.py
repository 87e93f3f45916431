"""The Markdown cache: many pages converted on several cores give exactly what one core
gives, in the same order, and a second pass converts nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from goalsheet.site import cache as cache_module
from goalsheet.site.cache import PARALLEL_FROM, MarkdownCache

BODIES = [
    f"# Page {n}\n\nSome *text* with a [link](other-{n}.md#part).\n\n"
    f"| a | b |\n|---|---|\n| {n} | {n * 2} |\n\n## Part {n}\n\nTerm {n}\n:   meaning\n"
    for n in range(PARALLEL_FROM * 2)
]


def test_parallel_conversion_matches_one_core(tmp_path: Path) -> None:
    serial = MarkdownCache(None).render_all(BODIES)
    parallel = MarkdownCache(tmp_path / "a", workers=2).render_all(BODIES)
    assert parallel == serial
    assert [r.title for r in parallel] == [f"Page {n}" for n in range(len(BODIES))]


def test_second_pass_reads_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = MarkdownCache(tmp_path, workers=2).render_all(BODIES)
    assert len(list((tmp_path / ".goalsheet-cache" / "markdown").glob("*.json"))) == len(BODIES)

    def refuse(text: str) -> None:
        raise AssertionError("a cached page was converted again")

    monkeypatch.setattr(cache_module, "render_markdown", refuse)
    assert MarkdownCache(tmp_path, workers=2).render_all(BODIES) == first


def test_a_changed_page_is_converted_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    MarkdownCache(tmp_path).render_all(BODIES)
    converted: list[str] = []
    real = cache_module.render_markdown

    def counting(text: str) -> object:
        converted.append(text)
        return real(text)

    monkeypatch.setattr(cache_module, "render_markdown", counting)
    changed = [*BODIES[:-1], BODIES[-1] + "\nOne more line.\n"]
    result = MarkdownCache(tmp_path, workers=2).render_all(changed)
    assert converted == [changed[-1]]
    assert "One more line." in result[-1].html
