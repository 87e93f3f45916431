"""`goalsheet import FILE...`: read each file, turn it into entries, compare them with the
client's data, and write one new entries file per file imported (several, when one would be
over the size `check` reads), or nothing at all. A real import holds the project's lock and
compares with the entries as they are once it holds it.

All or nothing: when any file cannot be imported, has a wrong value (unless
`skip_invalid`) or a conflict with a different value already recorded (unless `prefer`
says which to keep), nothing is written and every problem is reported. Files a person
wrote are never edited: each import is a new file under the client's entries/.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from goalsheet.compute.corrections import effective
from goalsheet.fhir.systems import Systems
from goalsheet.findings import Finding, GoalsheetError, display_path
from goalsheet.intake.dates import month_first
from goalsheet.intake.entries_file import entries_texts
from goalsheet.intake.fhir_critical import critical_in_file
from goalsheet.intake.fhir_file import resources_of
from goalsheet.intake.fhir_import import convert_fhir
from goalsheet.intake.fhir_reading import FhirReading
from goalsheet.intake.fhir_whose import whose
from goalsheet.intake.form_context import Converted, FormContext
from goalsheet.intake.forms import convert
from goalsheet.intake.items import Item, Skipped, same
from goalsheet.intake.merge import Known, Prefer, merge
from goalsheet.intake.mood_csv import BadMapping, MoodMapping, is_mood_export, read_mood
from goalsheet.intake.outcome import EntriesText, Outcome
from goalsheet.intake.scan.pages import reading_ahead
from goalsheet.intake.scan.run import NoCodes, scan_outcomes
from goalsheet.intake.scan.source import is_image
from goalsheet.intake.tidy_csv import COLUMNS, client_of, is_tidy, read_tidy
from goalsheet.language.messages import _
from goalsheet.lock import project_lock
from goalsheet.model.client import ClientSheet
from goalsheet.paper.catalogue import load_catalogue
from goalsheet.project import (
    CLIENTS_DIR,
    ENTRIES_DIR,
    Project,
    UnknownClient,
    UnreadableClient,
    load_project,
)
from goalsheet.read.csv_source import read_csv
from goalsheet.read.json_file import read_json_file
from goalsheet.read.pdf_form import NotAForm, read_filled_pdf
from goalsheet.write import write_new_atomic


@dataclass(frozen=True)
class ImportOptions:
    today: dt.date
    dry_run: bool = False
    prefer: Prefer = None
    client: str | None = None  # for a blank form or a CSV without a client column
    date: dt.date | None = None  # for a form whose date was left empty
    skip_invalid: bool = False
    mood: MoodMapping | None = None  # where a mood app's CSV columns go
    accept: dict[str, str] | None = None  # a scan's unclear rows, as a person decided them


@dataclass
class ImportRun:
    outcomes: list[Outcome]
    written: list[str]  # entries files (and kept note pictures) created, relative to the project
    write_error: OSError | None = None  # writing failed: nothing was written (it is said
    # after the critical answers the files hold, which are said whatever happens)

    def blocked(self, skip_invalid: bool) -> bool:
        """Whether nothing is written."""
        return any(o.blocked(skip_invalid) for o in self.outcomes)

    def failed(self, skip_invalid: bool) -> bool:
        """Whether the run exits with findings: nothing written, or a file left out."""
        return self.blocked(skip_invalid) or any(o.errors for o in self.outcomes)


def import_files(project: Project, files: list[Path], options: ImportOptions) -> ImportRun:
    """Import `files`; unless a dry run, under the project's lock (another import, a new
    goal or a build waits), comparing with the entries as they are once it is held."""
    if options.dry_run:
        return _import(project, files, options)
    with project_lock(project.root, "goalsheet import"):
        # Another writer may have added entries since `project` was read: read them again.
        return _import(load_project(project.root), files, options)


def _import(project: Project, files: list[Path], options: ImportOptions) -> ImportRun:
    known: dict[str, Known] = {}
    outcomes = []
    with reading_ahead(project, files):  # photos are read on every core, ahead of the loop
        for file in files:
            display = display_path(file, project.root)
            outcomes.extend(_plan(project, file, display, options, known))
    run = ImportRun(outcomes, [])
    if options.dry_run or run.blocked(options.skip_invalid):
        return run
    try:
        run.written = _write_all(project.root, outcomes)
    except OSError as error:
        run.write_error = error
    return run


def _plan(
    project: Project,
    file: Path,
    display: str,
    options: ImportOptions,
    known: dict[str, Known],
) -> list[Outcome]:
    """What importing `file` comes to: one outcome, or for a scan one per client on it."""
    outcome = Outcome(display)
    try:
        if is_image(file):
            raise NotAForm([])
        client, form, converted = _read(project, file, display, options)
        outcome.client, outcome.form = client, form
        outcome.items, outcome.skipped = converted.items, converted.skipped
        outcome.notes, outcome.held = converted.notes, converted.held
        outcome.unplaced = converted.unplaced
    except NotAForm as not_a_form:
        try:
            return [_settle(project, o, options, known) for o in scan_outcomes(
                project, file, display, options.client, options.date, options.today,
                options.accept)]  # fmt: skip
        except NoCodes:  # neither a form nor a scan: say why it is not a form
            outcome.errors = not_a_form.findings
            return [outcome]
        except GoalsheetError as error:
            outcome.errors = error.findings
            return [outcome]
    except GoalsheetError as error:
        outcome.errors = error.findings
        if isinstance(error, HoldsCritical):
            outcome.unplaced = list(error.critical)
        return [outcome]
    return [_settle(project, outcome, options, known)]


def _settle(
    project: Project, outcome: Outcome, options: ImportOptions, known: dict[str, Known]
) -> Outcome:
    """Compare a file's items with what the client has, and name the file they go to."""
    client = outcome.client
    if client is None or outcome.errors:
        return outcome
    outcome.items = _once(outcome)
    if client not in known:
        folder = project.client(client)
        files = [doc.entries for doc in folder.entries] if folder is not None else []
        known[client] = Known(files)
    outcome.merged = merge(outcome.items, known[client], options.prefer)
    if outcome.adds:
        target = _target(project, client, outcome, options.today)
        try:  # what would be written must read back as `check` reads it
            outcome.files = entries_texts(outcome, target, options.today)
        except GoalsheetError as error:
            outcome.errors = [
                f if f.code == "GS407" else
                Finding(outcome.path, 1, 1, "GS404",
                        _("the values would not make a valid entries file: {problem}").format(
                            problem=f.message),
                        _("correct the value in the file being imported"))
                for f in error.findings
            ]  # fmt: skip
        else:
            outcome.target = outcome.files[0].target
    if not outcome.errors:  # a file left out adds nothing the next file could count on
        known[client].add(outcome.merged.new)
    return outcome


def _once(outcome: Outcome) -> list[Item]:
    """The file's items with each key once; a key given twice with different values is a
    wrong value (which one is meant cannot be known)."""
    first: dict[tuple[object, ...], Item] = {}
    clashes: set[tuple[object, ...]] = set()
    for item in outcome.items:
        earlier = first.setdefault(item.key, item)
        if earlier is not item and not same(earlier.value, item.value):
            clashes.add(item.key)
            outcome.skipped.append(
                Skipped(
                    item.where,
                    _(
                        "{label} is given twice with different values "
                        "({earlier} and here); neither is imported"
                    ).format(label=item.label, earlier=earlier.where),
                )
            )
    return [item for key, item in first.items() if key not in clashes]


def _read(
    project: Project, file: Path, display: str, options: ImportOptions
) -> tuple[str | None, str, Converted]:
    if file.suffix.lower() in (".csv", ".tsv", ".txt"):
        return _read_csv(project, file, display, options)
    if file.suffix.lower() == ".json":
        return _read_fhir(project, file, display, options)

    filled = read_filled_pdf(file, display)
    manifest = filled.manifest
    client = _client(project, manifest.get("client"), options.client, display)
    sheet = _sheet(project, client, display)
    form, notes = _form(project, manifest)
    ctx = FormContext(
        sheet,
        project.measures,
        options.today,
        month_first(sheet.client.locale or project.config.locale),
        options.date,
    )
    converted = convert(manifest, filled.values, ctx)
    converted.notes[:0] = notes
    return client, form, converted


def _read_csv(
    project: Project, file: Path, display: str, options: ImportOptions
) -> tuple[str | None, str, Converted]:
    table = read_csv(file, display)
    if is_tidy(table):
        named = client_of(table)
        if len(named) > 1:
            raise _error(
                display,
                _("the CSV holds data of {n} clients ({clients})").format(
                    n=len(named), clients=", ".join(sorted(named)[:5])
                ),
                _("import one client's CSV at a time (goalsheet export writes one per client)"),
            )
        client = _client(project, next(iter(named), None), options.client, display)
        sheet = _sheet(project, client, display)
        return client, "goalsheet CSV", read_tidy(table, sheet, project.measures, options.today)
    if is_mood_export(table):
        client = _client(project, None, options.client, display)
        sheet = _sheet(project, client, display)
        try:
            return client, "mood app CSV", read_mood(table, sheet, options.mood, options.today)
        except BadMapping as error:
            raise _error(display, str(error), _("see `goalsheet import --help`")) from None
    raise GoalsheetError(
        [
            Finding(
                display,
                1,
                1,
                "GS403",
                _("goalsheet does not know this CSV's columns ({columns})").format(
                    columns=", ".join(table.header)[:200]
                ),
                _(
                    "import reads goalsheet's own CSV (columns: {columns}; "
                    "`goalsheet export ID --format csv` writes one) or a mood app's export "
                    "(columns date, mood, and optionally activities and note)"
                ).format(columns=", ".join(COLUMNS)),
            )
        ]
    )


def _read_fhir(
    project: Project, file: Path, display: str, options: ImportOptions
) -> tuple[str | None, str, Converted]:
    """A FHIR Bundle (or one QuestionnaireResponse): whose it is, then its items."""
    data = read_json_file(
        file, display, split_hint=_("export one client at a time from the other system")
    )
    fhir = resources_of(data, display)
    base = project.config.fhir_base()
    try:
        who = whose(fhir, Systems(base).client if base else None, options.client)
        sheet = _sheet(project, who.client, display)
    except GoalsheetError as error:  # whose it is cannot be told: its critical answers still
        raise _with_critical(error, critical_in_file(fhir, project.measures)) from None
    reading = FhirReading(
        fhir, who, sheet, project.measures, options.today, options.date, base,
        recorded=lambda *asked: _recorded(project, *asked),
    )  # fmt: skip
    form = "FHIR Bundle" if data.get("resourceType") == "Bundle" else "FHIR QuestionnaireResponse"
    return who.client, form, convert_fhir(reading)


def _recorded(
    project: Project, client: str, measure: str, day: str, items: Mapping[int, object]
) -> bool:
    """Whether `client`'s entries hold `measure` on `day` with these answers to these items
    ("unclear" is never recorded)."""
    folder = project.client(client)
    if folder is None or any(answer == "unclear" for answer in items.values()):
        return False
    for entry in (m for doc in effective([d.entries for d in folder.entries])
                  for m in doc.measures):  # fmt: skip
        if (
            entry.measure == measure
            and entry.date.isoformat() == day
            and all(
                number <= len(entry.answers) and entry.answers[number - 1] == answer
                for number, answer in items.items()
            )
        ):
            return True
    return False


class HoldsCritical(GoalsheetError):
    """A file refused before anyone knows whose it is, and the critical answers it holds
    (said first by the command, not only inside the error)."""

    def __init__(self, findings: list[Finding], critical: list[str]) -> None:
        super().__init__(findings)
        self.critical = critical


def _with_critical(error: GoalsheetError, critical: list[str]) -> GoalsheetError:
    """The error, saying the critical answers the file holds: a file refused for whose it
    is must not keep an answer that needs a person today out of sight."""
    if not critical:
        return error
    said = _("CRITICAL: the file holds an answer that needs a person today: {answers}").format(
        answers="; ".join(critical)
    )
    return HoldsCritical(
        [dataclasses.replace(f, message=f"{f.message}. {said}") for f in error.findings],
        critical,
    )


def _client(project: Project, written: object, given: str | None, display: str) -> str:
    if written is not None and not isinstance(written, str):
        raise _error(display, _("the form's client is not readable"), _("fill a fresh copy"))
    if written and given and written != given:
        raise _error(
            display,
            _("this form was made for client {written}, not {given}").format(
                written=written, given=given
            ),
            _("import it without --client (it goes to {written}), or check the file").format(
                written=written
            ),
        )
    client = written or given
    if not client:
        raise _error(
            display,
            _(
                "the file does not say whose data it is (a blank form, or a CSV without a "
                "client column)"
            ),
            _("say whose it is: goalsheet import FILE --client ID"),
        )
    return client


def _sheet(project: Project, client: str, display: str) -> ClientSheet:
    try:
        return project.sheet_of(client)
    except UnknownClient as error:
        raise _error(
            display,
            _("the form is for client {client}, who is not in {folder}/ ({error})").format(
                client=client, folder=CLIENTS_DIR, error=error
            ),
            _("check the file is from this practice; a client's folder is named by their ID"),
        ) from None
    except UnreadableClient as error:
        raise _error(display, str(error), _("then import again")) from None


def _form(project: Project, manifest: dict[str, Any]) -> tuple[str, list[str]]:
    form = str(manifest.get("form"))
    version = manifest.get("version")
    current = load_catalogue(project.root).get(form)
    label = f"{form} v{version}"
    if current is None or not isinstance(version, int) or version == current.version:
        return label, []
    if version < current.version:
        note = _(
            "the form was made from an older version of {form} (version {version}; this "
            "project's is {current}): what still maps is imported, the rest listed"
        )
    else:
        note = _(
            "the form was made from a newer version of {form} (version {version}; this "
            "project's is {current}): what still maps is imported, the rest listed"
        )
    return label, [note.format(form=form, version=version, current=current.version)]


def _target(project: Project, client: str, outcome: Outcome, today: dt.date) -> str:
    digest = hashlib.sha256(
        json.dumps([(str(i.key), i.value) for i in outcome.adds], default=str).encode()
    ).hexdigest()[:8]
    name = re.sub(r" v\d+$", "", outcome.form)
    kind = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "file"
    return f"{CLIENTS_DIR}/{client}/{ENTRIES_DIR}/{today.isoformat()}-import-{kind}-{digest}.yaml"


def _write_all(root: Path, outcomes: list[Outcome]) -> list[str]:
    """Every outcome's new file, or none: a failure removes the files this run made."""
    written: list[Path] = []
    try:
        for outcome in (o for o in outcomes if not o.errors):  # left out (--skip-invalid)
            for file in outcome.files if outcome.adds else []:
                written.append(_write(root, file))
            if outcome.crops and outcome.crops_dir is not None:
                folder = root / outcome.crops_dir
                folder.mkdir(mode=0o700, exist_ok=True)
                for crop in outcome.crops:
                    write_new_atomic(folder / crop.name, crop.png)
                    written.append(folder / crop.name)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return [display_path(path, root) for path in written]


def _write(root: Path, file: EntriesText) -> Path:
    target = root / file.target
    for attempt in range(1, 100):
        path = target if attempt == 1 else target.with_stem(f"{target.stem}-{attempt}")
        if path.exists():
            continue
        try:
            write_new_atomic(path, file.data)
        except FileExistsError:
            if path.exists():
                continue  # made by someone else a moment ago: take the next name
            raise
        return path
    raise OSError(_("no free file name beside {target}").format(target=file.target))


def _error(display: str, message: str, hint: str) -> GoalsheetError:
    return GoalsheetError([Finding(display, 1, 1, "GS402", message, hint)])
