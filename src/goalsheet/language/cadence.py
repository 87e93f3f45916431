"""How often something recurs, as written in goalsheet.yaml: "6 weeks", "30 days", "3 months".

The pattern the model validates against and the split into (count, unit) live here, below
both the model (which validates a cadence) and the formats (which say one in a language).
"""

from __future__ import annotations

import re

CADENCE_PATTERN = r"^\s*[1-9][0-9]{0,2}\s+(day|days|week|weeks|month|months)\s*$"

_CADENCE = re.compile(CADENCE_PATTERN)


def cadence_parts(cadence: str) -> tuple[int, str]:
    """Split a validated cadence into (count, unit) with the unit singular: (6, "week")."""
    match = _CADENCE.match(cadence)
    if match is None:  # pragma: no cover - the model validated it
        raise ValueError(f"not a cadence: {cadence!r}")
    count = int(cadence.split()[0])
    return count, match.group(1).removesuffix("s")
