"""Babel extractors: the worksheet catalogue (templates/worksheets/catalogue.yaml: every title
and purpose is a message, so the library reads in the practice's language) and the command
line's --help texts. Only `make messages` (pybabel) loads this module, never a command."""

from __future__ import annotations

import ast
import inspect
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

import yaml
from babel.messages.extract import extract_python

TRANSLATED_KEYS = frozenset({"title", "purpose"})


def extract_catalogue(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[tuple[int, str, str, list[str]]]:
    """(line, function, message, comments) for each translated value, as Babel expects."""
    root = yaml.compose(fileobj.read().decode("utf-8"))
    yield from _walk(root)


def _walk(node: Any) -> Iterator[tuple[int, str, str, list[str]]]:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if (
                isinstance(value, yaml.ScalarNode)
                and key.value in TRANSLATED_KEYS
                and value.value.strip()
            ):
                yield value.start_mark.line + 1, "_", value.value, [f"worksheet {key.value}"]
            else:
                yield from _walk(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _walk(item)


def extract_click_help(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[tuple[int, str, str, list[str]]]:
    """A command-line module's messages: its `_()` calls as Babel's Python extractor finds
    them, plus what click shows in --help (each command's docstring and every `help=` text),
    cleaned as click cleans them, so `--help` can be looked up in the catalogue."""
    source = fileobj.read()
    fileobj.seek(0)
    yield from extract_python(fileobj, keywords, comment_tags, options)  # type: ignore[arg-type,misc]
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and _is_command(node):
            doc = ast.get_docstring(node, clean=True)
            if doc:
                yield node.lineno, "_", doc, ["--help of a command; keep each \\b line"]
        if isinstance(node, ast.Call):
            for keyword in node.keywords:
                value = keyword.value
                if (
                    keyword.arg == "help"
                    and isinstance(value, ast.Constant)
                    and isinstance(value.value, str)
                ):
                    yield value.lineno, "_", inspect.cleandoc(value.value), ["--help of an option"]


def _is_command(node: Any) -> bool:
    for decorator in node.decorator_list:
        call = decorator.func if isinstance(decorator, ast.Call) else decorator
        name = call.attr if isinstance(call, ast.Attribute) else getattr(call, "id", "")
        if name in ("command", "group"):
            return True
    return False
