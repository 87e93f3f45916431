"""The import summary: per file and client, what was (or would be) imported per tracker,
what was already there, what conflicts, and what was left out and why."""

from __future__ import annotations

from collections import Counter
from typing import Any

from goalsheet.importing.items import Item
from goalsheet.importing.run import ImportRun


def _what(item: Item) -> str:
    kind = item.record
    if kind == "diary":
        return f"diary: {item.key[2]}"
    if kind == "measure":
        return f"questionnaire: {item.key[2]}"
    if kind == "rating":
        return f"{str(item.key[4]).upper()} rating: {item.key[2]}"
    return "session review"


def _counts(items: list[Item]) -> str:
    counts = Counter(_what(i) for i in items)
    return "; ".join(f"{what}: {n}" for what, n in sorted(counts.items()))


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items() if v not in (None, ""))[:120]
    return str(value)[:120]


def summary_text(run: ImportRun, *, dry_run: bool, skip_invalid: bool) -> list[str]:
    lines: list[str] = []
    verb = "would add" if dry_run or run.blocked(skip_invalid) else "added"
    for outcome in run.outcomes:
        head = f"{outcome.path}"
        if outcome.form:
            head += f" ({outcome.form}" + (f", client {outcome.client})" if outcome.client else ")")
        lines.append(head)
        for finding in outcome.errors:
            lines.append(f"  error: {finding.message}")
            if finding.hint:
                lines.append(f"    hint: {finding.hint}")
        for note in outcome.notes:
            lines.append(f"  note: {note}")
        merged = outcome.merged
        if merged is not None:
            if merged.new:
                where = f" to {outcome.target}" if outcome.target else ""
                lines.append(f"  {verb} {len(merged.new)} value(s){where}: {_counts(merged.new)}")
            if merged.already:
                lines.append(f"  already recorded, nothing to add: {len(merged.already)} value(s)")
            for conflict in merged.conflicts:
                lines.append(
                    f"  conflict: {conflict.item.label}: recorded {_show(conflict.old)}, "
                    f"this file says {_show(conflict.item.value)}"
                )
            for conflict in merged.replaced:
                lines.append(
                    f"  replaced (--prefer new): {conflict.item.label}: "
                    f"{_show(conflict.old)} -> {_show(conflict.item.value)}"
                )
            for conflict in merged.kept:
                lines.append(
                    f"  kept (--prefer old): {conflict.item.label}: {_show(conflict.old)} "
                    f"(this file said {_show(conflict.item.value)})"
                )
            if not merged.new and not merged.conflicts and not outcome.errors:
                lines.append("  nothing new to import")
        for skipped in outcome.skipped:
            tag = "wrong value" if skipped.invalid else "left out"
            lines.append(f"  {tag}: {skipped.where}: {skipped.why}")
    return lines


def advice(run: ImportRun, *, skip_invalid: bool) -> list[str]:
    """What to do next when nothing was written."""
    lines = []
    if any(o.merged and o.merged.conflicts for o in run.outcomes):
        lines.append(
            "Nothing was written. Some values differ from what is already recorded: "
            "import again with --prefer new (the file's values replace them) or "
            "--prefer old (keep what is recorded, add the rest)."
        )
    if any(o.invalid for o in run.outcomes) and not skip_invalid:
        lines.append(
            "Nothing was written. Correct the wrong values on the form (or ask the client), "
            "or import again with --skip-invalid to add everything else."
        )
    if any(o.errors for o in run.outcomes):
        lines.append("Nothing was written. Fix or leave out the files with errors.")
    return lines


def summary_json(run: ImportRun, *, dry_run: bool, skip_invalid: bool) -> dict[str, Any]:
    def items(values: list[Item]) -> list[dict[str, Any]]:
        return [{"what": _what(i), "label": i.label, "value": i.value} for i in values]

    files = []
    for o in run.outcomes:
        m = o.merged
        files.append(
            {
                "file": o.path,
                "client": o.client,
                "form": o.form,
                "target": o.target,
                "errors": [f.as_json() for f in o.errors],
                "notes": o.notes,
                "added": items(m.new) if m else [],
                "already": len(m.already) if m else 0,
                "conflicts": [
                    {"label": c.item.label, "recorded": c.old, "file": c.item.value}
                    for c in (m.conflicts if m else [])
                ],
                "skipped": [
                    {"field": s.where, "why": s.why, "wrong_value": s.invalid} for s in o.skipped
                ],
            }
        )
    return {
        "dry_run": dry_run,
        "written": run.written,
        "blocked": run.blocked(skip_invalid),
        "files": files,
    }
