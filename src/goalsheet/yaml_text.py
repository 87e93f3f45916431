"""YAML as goalsheet writes it: safe, block style, never anchors or aliases (goalsheet's
reader refuses them), so a value used twice, such as one date for a review and its
ratings, is written out twice."""

from __future__ import annotations

from typing import Any

import yaml


class PlainDumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def plain_yaml(data: Any, width: int = 100) -> str:
    return yaml.dump(data, Dumper=PlainDumper, sort_keys=False, allow_unicode=True, width=width)
