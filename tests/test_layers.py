"""The house's layers hold: the import contract (pyproject.toml's [tool.importlinter], also
run by `make lint`) is kept, no module imports one that imports it back, and every import
inside a function says why it is there (start-up time: a heavy library loaded on use)."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import grimp

from helpers.project import REPO


def test_the_import_contract_is_kept() -> None:
    done = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache", "--no-logo"],
        cwd=REPO, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


def test_no_module_imports_one_that_imports_it_back() -> None:
    """A cycle through a package's __init__ or an import inside a function counts too."""
    graph = grimp.build_graph("goalsheet", cache_dir=None)
    cycles: dict[frozenset[str], str] = {}
    for importer in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            back = graph.find_shortest_chain(importer=imported, imported=importer)
            if back is not None:
                cycles.setdefault(frozenset(back), f"{importer} -> {' -> '.join(back)}")
    assert not cycles, "\n".join(cycles.values())


_IMPORT = re.compile(r"\s*(from|import) ")
_MARKERS = re.compile(r"(noqa|type:\s*ignore|pragma)\b[^#]*")


def _reason(line: str) -> str:
    """A line's comment, less markers for tools (noqa, type: ignore, pragma)."""
    return _MARKERS.sub("", line.split("#", 1)[1]).strip(" #") if "#" in line else ""


def _said_why(lines: list[str], first: int, last: int) -> bool:
    """A comment on the import's block of imports, or on the line above that block."""
    top = first
    while top > 1 and _IMPORT.match(lines[top - 2]):
        top -= 1
    said = lines[top - 1 : last]
    if top > 1 and lines[top - 2].strip().startswith("#"):
        said.append(lines[top - 2])
    return any(_reason(line) for line in said)


def test_imports_inside_functions_say_why() -> None:
    unsaid = []
    for file in sorted((REPO / "src" / "goalsheet").rglob("*.py")):
        text = file.read_text()
        lines = text.splitlines()
        for function in ast.walk(ast.parse(text)):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Import | ast.ImportFrom) and not _said_why(
                    lines, node.lineno, node.end_lineno or node.lineno
                ):
                    where = f"{file.relative_to(REPO)}:{node.lineno}"
                    unsaid.append(f"{where}: {lines[node.lineno - 1].strip()}")
    assert not unsaid, "say why (# heavy: ...) next to:\n" + "\n".join(unsaid)
