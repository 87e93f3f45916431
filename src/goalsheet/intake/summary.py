"""The import summary: per file and client, what was (or would be) imported per tracker,
what was already there, what conflicts, and what was left out and why."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from goalsheet.compute.scoring import score
from goalsheet.intake.critical import RaisedAnswer
from goalsheet.intake.items import Item
from goalsheet.intake.merge import Merged
from goalsheet.intake.outcome import Outcome
from goalsheet.intake.run import ImportRun
from goalsheet.language.messages import N_, _, ngettext
from goalsheet.model.measures import MeasureDefinition


def _what(item: Item) -> str:
    kind = item.record
    if kind == "diary":
        return _("diary: {tracker}").format(tracker=item.key[2])
    if kind == "week":
        # NOTE: {tracker} is a tracker's ID, e.g. "panic".
        return _("weekly log: {tracker}").format(tracker=item.key[2])
    if kind == "measure":
        return _("questionnaire: {measure}").format(measure=item.key[2])
    if kind == "rating":
        # NOTE: scale is GBO or GAS; goal is the goal's ID.
        return _("{scale} rating: {goal}").format(scale=str(item.key[4]).upper(), goal=item.key[2])
    return _("session review")


_ORDER = ("diary", "week", "rating", "review")  # how the counts are listed; then questionnaires


def _counts(items: list[Item], measures: Mapping[str, MeasureDefinition]) -> str:
    """What the values are, counted so no count reads as a value: "3 days of mood; 1 week
    of panic; PHQ-9 on 2026-11-19: 7 (mild)"."""
    counts = Counter(_kind(i) for i in items if i.record != "measure")
    ordered = sorted(counts.items(), key=lambda kv: (_ORDER.index(kv[0][0]), kv[0][1:]))
    parts = [_counted(kind, n) for kind, n in ordered]
    scored = sorted((i for i in items if i.record == "measure"), key=lambda i: str(i.key[1:]))
    return "; ".join([*parts, *(_scored(i, measures) for i in scored)])


def _kind(item: Item) -> tuple[str, str, str]:
    """(record, what it is about, scale): the values counted together."""
    if item.record in ("diary", "week"):
        return (item.record, str(item.key[2]), "")
    if item.record == "rating":
        return ("rating", str(item.key[2]), str(item.key[4]).upper())
    return ("review", "", "")


def _counted(kind: tuple[str, str, str], n: int) -> str:
    record, about, scale = kind
    if record == "diary":
        # NOTE: in the import summary: {n} diary days of a tracker ({tracker}: its ID, e.g.
        # "3 days of mood").
        text = ngettext("{n} day of {tracker}", "{n} days of {tracker}", n)
    elif record == "week":
        # NOTE: in the import summary: {n} weeks of a tracker from a weekly log, e.g. "2
        # weeks of panic" ({tracker}: the tracker's ID).
        text = ngettext("{n} week of {tracker}", "{n} weeks of {tracker}", n)
    elif record == "rating":
        # NOTE: in the import summary: {scale} is GBO or GAS, {goal} the goal's ID, e.g.
        # "2 GBO ratings for groups".
        text = ngettext("{n} {scale} rating for {goal}", "{n} {scale} ratings for {goal}", n)
    else:
        text = ngettext("{n} session review", "{n} session reviews", n)
    return text.format(n=n, tracker=about, goal=about, scale=scale)


def _scored(item: Item, measures: Mapping[str, MeasureDefinition]) -> str:
    """An imported questionnaire with its score and band: "PHQ-9 on 2026-11-19: 7 (mild)"."""
    name, day = str(item.key[2]), item.key[1]
    definition = measures.get(name)
    assert isinstance(day, dt.date)
    if definition is None or len(item.value) != definition.items:
        # NOTE: an imported questionnaire that cannot be scored here, e.g. "PHQ-9 on 2026-11-19".
        return _("{measure} on {date}").format(measure=name, date=day.isoformat())
    scored = score(definition, day, list(item.value))
    if scored.total is None:
        # NOTE: an imported questionnaire with too many items left blank to have a total.
        text = _("{measure} on {date}: no total ({answered} of {items} items answered)")
    elif scored.band:
        # NOTE: an imported questionnaire's total and band, e.g. "PHQ-9 on 2026-11-19: 7 (mild)".
        text = _("{measure} on {date}: {total} ({band})")
    else:
        text = _("{measure} on {date}: {total}")
    return text.format(
        measure=name,
        date=day.isoformat(),
        total=scored.total,
        band=_(scored.band) if scored.band else "",
        answered=scored.answered,
        items=definition.items,
    )


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items() if v not in (None, ""))[:120]
    return str(value)[:120]


def critical_text(raised: list[RaisedAnswer], hint: str | None) -> list[str]:
    """The run's first lines: each critical answer in the files, then how to record a
    follow-up when one is open."""
    lines = [r.line() for r in raised]
    if hint:
        lines.append("  " + _("hint: {hint}").format(hint=hint))
    return lines


def summary_text(
    run: ImportRun,
    *,
    dry_run: bool,
    skip_invalid: bool,
    measures: Mapping[str, MeasureDefinition] | None = None,
) -> list[str]:
    """Per file: where it goes, what it adds (questionnaires with their score and band),
    what was already there, what conflicts, what was left out and why."""
    lines: list[str] = []
    measures = measures or {}
    would = dry_run or run.blocked(skip_invalid)
    for outcome in run.outcomes:
        lines.append(_head(outcome))
        lines += _said(outcome)
        if outcome.merged is not None:
            lines += _merged(outcome, outcome.merged, would, measures)
        lines += _pictures(outcome, would)
        for skipped in outcome.skipped:
            if skipped.invalid:
                line = _("wrong value: {field}: {why}")
            else:
                line = _("left out: {field}: {why}")
            lines.append("  " + line.format(field=skipped.where, why=skipped.why))
    return lines


def _head(outcome: Outcome) -> str:
    """The file, with its form and client when they are known."""
    if outcome.form and outcome.client:
        return _("{file} ({form}, client {client})").format(
            file=outcome.path, form=outcome.form, client=outcome.client
        )
    if outcome.form:
        return _("{file} ({form})").format(file=outcome.path, form=outcome.form)
    return outcome.path


def _said(outcome: Outcome) -> list[str]:
    """The file's errors (with their hints) and notes."""
    lines: list[str] = []
    for finding in outcome.errors:
        lines.append("  " + _("error: {message}").format(message=finding.message))
        if finding.hint:
            lines.append("    " + _("hint: {hint}").format(hint=finding.hint))
    for note in outcome.notes:
        lines.append("  " + _("note: {note}").format(note=note))
    return lines


# Each kind of conflict with what the entries files hold, and how the summary says it.
_CONFLICTS = (
    ("conflicts", N_("conflict: {label}: recorded {old}, this file says {new}")),
    ("replaced", N_("replaced (--prefer new): {label}: {old} -> {new}")),
    ("kept", N_("kept (--prefer old): {label}: {old} (this file said {new})")),
)


def _merged(
    outcome: Outcome, merged: Merged, would: bool, measures: Mapping[str, MeasureDefinition]
) -> list[str]:
    """What the file adds, what was already there, and its conflicts."""
    lines: list[str] = []
    if merged.new:
        lines.append("  " + _added(would, len(merged.new), _where(outcome), merged.new, measures))
    if merged.already:
        # NOTE: in the import summary: values the entries files already hold.
        already = ngettext(
            "already recorded, nothing to add: {n} value",
            "already recorded, nothing to add: {n} values",
            len(merged.already),
        )
        lines.append("  " + already.format(n=len(merged.already)))
    for kind, message in _CONFLICTS:
        for conflict in getattr(merged, kind):
            lines.append(
                "  "
                + _(message).format(
                    label=conflict.item.label,
                    old=_show(conflict.old),
                    new=_show(conflict.item.value),
                )
            )
    if not (merged.new or merged.conflicts or outcome.errors or outcome.crops):
        lines.append("  " + _("nothing new to import"))
    return lines


def _pictures(outcome: Outcome, would: bool) -> list[str]:
    """The handwritten notes kept (or to be kept) as pictures, and those kept before."""
    lines: list[str] = []
    if outcome.crops:
        n = len(outcome.crops)
        if would:
            # NOTE: in the import summary of a dry run: {folder} is where the pictures go.
            message = ngettext(
                "would keep {n} handwritten note as a picture in {folder}",
                "would keep {n} handwritten notes as pictures in {folder}",
                n,
            )
        else:
            # NOTE: in the import summary: {folder} is where the pictures went.
            message = ngettext(
                "kept {n} handwritten note as a picture in {folder}",
                "kept {n} handwritten notes as pictures in {folder}",
                n,
            )
        lines.append("  " + message.format(n=n, folder=outcome.crops_dir))
    if outcome.crops_kept:
        # NOTE: in the import summary: handwritten notes kept as pictures before.
        kept = ngettext(
            "already kept, nothing to add: {n} handwritten note",
            "already kept, nothing to add: {n} handwritten notes",
            outcome.crops_kept,
        )
        lines.append("  " + kept.format(n=outcome.crops_kept))
    return lines


def _where(outcome: Outcome) -> str | None:
    """The new entries file, or the several an import too large for one is split into."""
    if len(outcome.files) <= 1:
        return outcome.target
    # NOTE: where an import too large for one file goes: "3 files, goalsheets/C-0001/
    # entries/...-part1of3.yaml to ...-part3of3.yaml".
    return _("{n} files, {first} to {last}").format(
        n=len(outcome.files),
        first=outcome.files[0].target,
        last=Path(outcome.files[-1].target).name,
    )


def _added(
    would: bool,
    n: int,
    target: str | None,
    items: list[Item],
    measures: Mapping[str, MeasureDefinition],
) -> str:
    """The line saying how many values the file adds (or would add), and where."""
    counts = _counts(items, measures)
    if would and target:
        # NOTE: in the import summary of a dry run: {target} is the entries file (or "3
        # files, ... to ..."), {counts} what the values are, e.g. "14 days of mood".
        text = ngettext(
            "would add {n} value to {target}: {counts}",
            "would add {n} values to {target}: {counts}",
            n,
        )
    elif would:
        # NOTE: in the import summary of a dry run: {counts} what the values are.
        text = ngettext("would add {n} value: {counts}", "would add {n} values: {counts}", n)
    elif target:
        # NOTE: in the import summary: {target} is the entries file (or "3 files, ... to
        # ..."), {counts} what the values are, e.g. "14 days of mood".
        text = ngettext(
            "added {n} value to {target}: {counts}", "added {n} values to {target}: {counts}", n
        )
    else:
        # NOTE: in the import summary: {counts} what the values are.
        text = ngettext("added {n} value: {counts}", "added {n} values: {counts}", n)
    return text.format(n=n, target=target, counts=counts)


def advice(run: ImportRun, *, skip_invalid: bool) -> list[str]:
    """What to do next when nothing was written."""
    lines = []
    if any(o.merged and o.merged.conflicts for o in run.outcomes):
        lines.append(
            _(
                "Nothing was written. Some values differ from what is already recorded: "
                "import again with --prefer new (the file's values replace them) or "
                "--prefer old (keep what is recorded, add the rest)."
            )
        )
    if any(o.invalid for o in run.outcomes) and not skip_invalid:
        lines.append(
            _(
                "Nothing was written. Correct the wrong values on the form (or ask the client), "
                "or import again with --skip-invalid to add everything else."
            )
        )
    if any(o.errors for o in run.outcomes):
        if run.blocked(skip_invalid):
            lines.append(_("Nothing was written. Fix or leave out the files with errors."))
        else:
            lines.append(
                _(
                    "The files with errors were left out (--skip-invalid); nothing of theirs "
                    "was written. Fix them and import them again."
                )
            )
    return lines


def summary_json(
    run: ImportRun,
    *,
    dry_run: bool,
    skip_invalid: bool,
    critical: list[RaisedAnswer] | None = None,
) -> dict[str, Any]:
    """The documented `import --format json`; `critical` lists every critical answer in
    the files read (open ones first), whatever the run came to."""

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
                "targets": [f.target for f in o.files],
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
                "critical_unplaced": o.unplaced,
                "handwritten_notes": [
                    {"label": c.label, "page": c.page, "file": f"{o.crops_dir}/{c.name}"}
                    for c in o.crops
                ],
            }
        )
    return {
        "critical": [r.json() for r in critical or []],
        "dry_run": dry_run,
        "written": run.written,
        "blocked": run.blocked(skip_invalid),
        "failed": run.failed(skip_invalid),
        "files": files,
    }
