"""A Babel extractor for the worksheet catalogue (templates/worksheets/catalogue.yaml): every
title and purpose is a message, so the library reads in the practice's language."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

TRANSLATED_KEYS = frozenset({"title", "purpose"})


def extract_catalogue(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[tuple[int, str, str, list[str]]]:
    """(line, function, message, comments) for each translated value, as Babel expects."""
    import yaml

    root = yaml.compose(fileobj.read().decode("utf-8"))
    yield from _walk(root)


def _walk(node: Any) -> Iterator[tuple[int, str, str, list[str]]]:
    import yaml

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
