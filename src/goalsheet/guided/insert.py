"""Add an item to a top-level list of a YAML file by inserting text, so that every byte,
comment and the order of what is already there stay exactly as they were.

Where to insert is found from the positions PyYAML's composer gives each node:
- a block sequence (`goals:` then `- ...` lines): after the line where its last item ends;
- a flow sequence (`goals: []` or `[a, b]`): `[]` is replaced by a block sequence, a
  non-empty one gets `, {new}` after its last item;
- no such key: a new `key:` block before `before` (and the comments just above it), or at
  the end of the file.
"""

from __future__ import annotations

from collections.abc import Callable

import yaml

from goalsheet.language.messages import _

BlockItem = Callable[[int, int], list[str]]
"""Lines of one block-sequence item, given the dash's column and the content's column."""


class CannotInsert(ValueError):
    """The file is written in a shape this cannot add to safely (say, a one-line mapping)."""


DEFAULT_DASH = 2


def add_item(
    text: str,
    key: str,
    block: BlockItem,
    flow: str,
    *,
    before: str | None = None,
) -> str:
    """`text` with one item added to the top-level sequence `key`."""
    newline = "\r\n" if "\r\n" in text else "\n"
    root = _root(text)
    pairs = {k.value: (k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode)}
    found = pairs.get(key)
    if found is None:
        return _new_key(text, root, key, block, before, newline)
    key_node, value = found
    if not isinstance(value, yaml.SequenceNode):
        raise CannotInsert(_("'{key}' is not a list").format(key=key))
    if value.flow_style:
        if value.value:
            at = value.value[-1].end_mark.index
            return text[:at] + ", " + flow + text[at:]
        return _replace_empty(text, key_node, value, block, newline)
    dash = value.start_mark.column
    first = value.value[0]
    same_line = first.start_mark.line == value.start_mark.line
    content = first.start_mark.column if same_line else dash + 2
    at = _line_after(text, _last_end(value))
    return _splice(text, at, block(dash, content), newline)


def _root(text: str) -> yaml.MappingNode:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:  # the caller checked the file loads; this is a safeguard
        raise CannotInsert(str(error)) from None
    if not isinstance(root, yaml.MappingNode) or root.flow_style:
        raise CannotInsert(_("the file is not written as one key per line"))
    return root


def _last_end(node: yaml.Node) -> int:
    """Where the last thing inside `node` ends (a block collection's own end mark lies
    after any comments that follow it, so look at its last child instead)."""
    if isinstance(node, yaml.MappingNode) and not node.flow_style and node.value:
        return _last_end(node.value[-1][1])
    if isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
        return _last_end(node.value[-1])
    return int(node.end_mark.index)


def _line_after(text: str, index: int) -> int:
    """The start of the line after the one holding `index` (a trailing comment stays on its
    line); len(text) when that line is the last."""
    if index > 0 and text[index - 1] == "\n":  # a block scalar ends at the next line's start
        return index
    end = text.find("\n", index)
    return len(text) if end < 0 else end + 1


def _splice(text: str, at: int, lines: list[str], newline: str) -> str:
    """`lines` inserted as whole lines at `at` (a line start, or the end of the text)."""
    inserted = newline.join(lines) + newline
    if at == len(text) and text and not text.endswith("\n"):
        inserted = newline + inserted
    return text[:at] + inserted + text[at:]


def _replace_empty(
    text: str,
    key_node: yaml.Node,
    value: yaml.SequenceNode,
    block: BlockItem,
    newline: str,
) -> str:
    """`key: []` becomes `key:` with a block sequence under it; the rest of the line (a
    comment, say) is kept where it was."""
    start, end = value.start_mark.index, value.end_mark.index
    line_end = text.find("\n", end)
    if not text[end : len(text) if line_end < 0 else line_end].strip():
        start = len(text[:start].rstrip(" "))  # nothing follows: no trailing space either
    kept = text[:start] + text[end:]
    dash = key_node.start_mark.column + DEFAULT_DASH
    return _splice(kept, _line_after(kept, start), block(dash, dash + 2), newline)


def _new_key(
    text: str,
    root: yaml.MappingNode,
    key: str,
    block: BlockItem,
    before: str | None,
    newline: str,
) -> str:
    lines = [f"{key}:", *block(DEFAULT_DASH, DEFAULT_DASH + 2)]
    for key_node, _value in root.value:
        if before is not None and key_node.value == before:
            return _splice(text, _above_comments(text, key_node.start_mark.index), lines, newline)
    return _splice(text, len(text), lines, newline)


def _above_comments(text: str, index: int) -> int:
    """The start of the line holding `index`, moved up over comment lines directly above it
    (they belong to that key)."""
    start = text.rfind("\n", 0, index) + 1
    while start > 0:
        previous = text.rfind("\n", 0, start - 1) + 1
        if not text[previous:start].strip().startswith("#"):
            break
        start = previous
    return start
