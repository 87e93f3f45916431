"""The record of the last build: each output file and the key of the inputs it was made
from (`.goalsheet-cache/build.json`, or one file per shard). A job whose output is there and
whose key matches is skipped; an output the plan no longer has is removed."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from goalsheet.read import json_text
from goalsheet.site.cache import CACHE_DIR
from goalsheet.write import write_text_atomic


class Ledger:
    def __init__(self, root: Path, shard: tuple[int, int] | None = None) -> None:
        name = "build.json" if shard is None else f"build-shard-{shard[0]}-of-{shard[1]}.json"
        self.root = root
        self.file = root / CACHE_DIR / name
        self.before: dict[str, str] = {}
        with contextlib.suppress(OSError, ValueError):
            data = json_text.loads(self.file.read_text(encoding="utf-8"))
            if isinstance(data, dict):
                self.before = {str(k): str(v) for k, v in data.items()}
        self.now: dict[str, str] = {}

    def fresh(self, output: str, key: str) -> bool:
        """Whether `output` was last made from inputs with this key and is still there."""
        return self.before.get(output) == key and (self.root / output).is_file()

    def made(self, output: str, key: str) -> None:
        self.now[output] = key

    def stale(self, planned: set[str]) -> list[str]:
        """Outputs the last build made that this plan no longer has."""
        return sorted(output for output in self.before if output not in planned)

    def save(self) -> None:
        with contextlib.suppress(OSError):
            write_text_atomic(self.file, json.dumps(self.now, indent=0, sort_keys=True))

    def forget(self) -> None:
        self.file.unlink(missing_ok=True)
