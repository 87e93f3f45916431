"""The record of what was made: each output file (relative to the project) and the key of
the inputs it was made from. An output whose key matches and which is still there is
skipped; an output the plan no longer has is removed.

One record per writer, all of one form, under the project's cache folder: `build.json`
(or one file per shard) for the jobs, and `site-keys.json` for the HTML site's pages, which
whichever command writes the site (a build, its first shard, or `serve`) brings up to date.
A record that cannot be read (missing, corrupt, an older layout) is an empty one: what it
would have spared is made again.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from goalsheet.read import json_text
from goalsheet.read.private_paths import CACHE as CACHE_DIR
from goalsheet.write import write_text_atomic

SITE_LEDGER = "site-keys.json"


def build_ledger(shard: tuple[int, int] | None) -> str:
    """The name of the jobs' record: one file per shard, so machines do not share one."""
    return "build.json" if shard is None else f"build-shard-{shard[0]}-of-{shard[1]}.json"


class Ledger:
    def __init__(self, root: Path, name: str) -> None:
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
        return bool(key) and self.before.get(output) == key and (self.root / output).is_file()

    def made(self, output: str, key: str) -> None:
        self.now[output] = key

    def stale(self, planned: set[str]) -> list[str]:
        """Outputs the last build made that this plan no longer has."""
        return sorted(output for output in self.before if output not in planned)

    def save(self) -> None:
        with contextlib.suppress(OSError):
            write_text_atomic(self.file, json.dumps(self.now, indent=0, sort_keys=True))

    def forget(self) -> None:
        self.before = {}
        self.file.unlink(missing_ok=True)
