"""The safe YAML reader: positions, refusals and never a traceback."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from goalsheet.findings import GoalsheetError
from goalsheet.read.yaml_source import MAX_DEPTH, parse_yaml, read_yaml


def refused(text: str) -> tuple[str, int, int, str]:
    with pytest.raises(GoalsheetError) as caught:
        parse_yaml(text, "f.yaml")
    finding = caught.value.findings[0]
    return finding.code, finding.line, finding.column, finding.message


def test_values_and_positions() -> None:
    doc = parse_yaml("a: 1\nlist:\n  - x\n  - {k: 2026-09-08}\n", "f.yaml")
    assert doc.data == {"a": 1, "list": ["x", {"k": dt.date(2026, 9, 8)}]}
    assert (
        doc.source.locate(("list", 1, "k")).line,
        doc.source.locate(("list", 1, "k")).column,
    ) == (
        4,
        9,
    )
    key = doc.source.key_position(("list",))
    assert key is not None and (key.line, key.column) == (2, 1)
    assert doc.source.key_position(("nothing",)) is None


def test_locate_falls_back_to_nearest_known_parent() -> None:
    doc = parse_yaml("goals:\n  - id: a\n", "f.yaml")
    assert doc.source.locate(("goals", 0, "missing")).line == 2


def test_locate_understands_pydantic_repr_of_date_keys() -> None:
    doc = parse_yaml("diary:\n  2026-09-08:\n    mood: 4\n", "f.yaml")
    where = doc.source.locate(("diary", "datetime.date(2026, 9, 8)", "mood"))
    assert (where.line, where.column) == (3, 11)


def test_yaml11_surprises_keep_their_raw_text() -> None:
    doc = parse_yaml("a: no\nb: 0755\nc: 'no'\nd: on\n", "f.yaml")
    assert doc.data == {"a": False, "b": 493, "c": "no", "d": True}
    assert doc.source.raw_plain[("a",)] == "no"
    assert doc.source.raw_plain[("b",)] == "0755"
    assert ("c",) not in doc.source.raw_plain


def test_impossible_date_is_kept_as_text_for_validation() -> None:
    doc = parse_yaml("d: 2026-02-30\n", "f.yaml")
    assert doc.data == {"d": "2026-02-30"}


def test_empty_file_is_none() -> None:
    assert parse_yaml("", "f.yaml").data is None
    assert parse_yaml("# only a comment\n", "f.yaml").data is None


@pytest.mark.parametrize(
    ("text", "code", "line", "words"),
    [
        ("a: 1\nb: [1, 2\n", "GS002", 3, "syntax"),
        ("a: 1\n\tb: 2\n", "GS002", 2, "syntax"),
        ("title: a: b\n", "GS002", 1, "syntax"),
        ("a: 1\nb: 2\na: 3\n", "GS003", 3, "duplicate key 'a' (first given on line 1)"),
        ("base: &b {x: 1}\n", "GS004", 1, "anchor"),
        ("a: !!python/object:os.system ls\n", "GS004", 1, "!!python/object"),
        ("a: !custom 1\n", "GS004", 1, "tag"),
        ("? [a, b]\n: 1\n", "GS002", 1, "key must be plain text"),
        ("--- a\n--- b\n", "GS002", 2, "syntax"),
    ],
)
def test_refusals_name_code_and_line(text: str, code: str, line: int, words: str) -> None:
    got_code, got_line, _, message = refused(text)
    assert (got_code, got_line) == (code, line)
    assert words in message


def test_alias_bomb_is_refused_before_expansion() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9)
    )
    code, line, _, _ = refused(bomb)
    assert code == "GS004"
    assert line == 1


def test_plain_alias_without_anchor_is_a_syntax_error() -> None:
    code, _, _, _ = refused("a: *nothing\n")
    assert code in ("GS002", "GS004")


def test_deep_nesting_is_refused() -> None:
    deep = "a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    code, _, _, message = refused(deep)
    assert code == "GS002" and "nested too deeply" in message


def test_very_deep_nesting_does_not_crash() -> None:
    code, _, _, _ = refused("a: " + "[" * 50_000 + "\n")
    assert code == "GS002"


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(GoalsheetError) as caught:
        read_yaml(path, "x.yaml")
    assert caught.value.findings[0].code == "GS001"
    assert "not a text file" in caught.value.findings[0].message


def test_non_utf8_points_at_the_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(b"a: 1\nname: Ren" + "é\n".encode("latin-1"))
    with pytest.raises(GoalsheetError) as caught:
        read_yaml(path, "x.yaml")
    finding = caught.value.findings[0]
    assert (finding.code, finding.line, finding.column) == ("GS001", 2, 10)
    assert "UTF-8" in finding.hint


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes("\ufeffa: 1\n".encode())
    assert read_yaml(path, "x.yaml").data == {"a": 1}


def test_size_cap(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("a: " + "x" * 5000 + "\n")
    with pytest.raises(GoalsheetError) as caught:
        read_yaml(path, "x.yaml", max_bytes=1000)
    assert "too large" in caught.value.findings[0].message


def test_missing_file_is_a_finding(tmp_path: Path) -> None:
    with pytest.raises(GoalsheetError) as caught:
        read_yaml(tmp_path / "none.yaml", "none.yaml")
    assert caught.value.findings[0].code == "GS001"


def test_merge_key_refused() -> None:
    code, _, _, _ = refused("a:\n  <<: {x: 1}\n")
    assert code == "GS004"
