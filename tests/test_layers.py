"""The house's layers hold: the import contract (pyproject.toml's [tool.importlinter], also
run by `make lint`) is kept, and no module imports one that imports it back."""

from __future__ import annotations

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
