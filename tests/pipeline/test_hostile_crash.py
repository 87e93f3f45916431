"""SIGKILL in the middle: `goalsheet build` and `goalsheet import` killed (the whole process
group: workers, Pagefind and the PDF reader die with them) at many moments, then looked at.

A build killed at any moment leaves every output under site/ and private/ whole: each file
is byte for byte either what the last build made or what this build would make (builds are
reproducible), so each PDF passes `qpdf --check`, each HTML page ends with </html>, and no
temporary file carries an output's name. The next build then succeeds and makes exactly what
a build that was never interrupted makes.

An import killed at any moment leaves goalsheets/ as it was, or with the one whole new entries
file (the same bytes an uninterrupted import writes), and `check` has no error; importing
again then gives that one file.

Kill points are moments in time (measured against an uninterrupted run) and moments pinned to
the write protocol: an audit hook (sys.addaudithook, in the process under test, not in
goalsheet's code) SIGKILLs the group just as a temporary file is opened, made read-only for
its owner, linked or renamed into place. Leftover temporary files are expected after SIGKILL;
they are counted and printed at the end. All data is fictional.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import time
import xml.etree.ElementTree as ElementTree
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from helpers import pdffill as pf
from helpers.cli import invoke
from helpers.pdftools import qpdf_ok
from helpers.project import CLIENT, ENTRIES, REPO, Project

PY = sys.executable
AS_OF = "2026-11-20"
START = "2026-11-09"
EPOCH = "1795000000"  # SOURCE_DATE_EPOCH: the one date the PDFs carry, so builds repeat
PAGES = ("smart-goals.md", "baseline-tracking.md")  # they link to each other
OUTPUTS = ("site", "private")
TEMP = re.compile(r"^\.(?P<output>.+)\.[A-Za-z0-9_]{8}\.tmp$")  # write.py's mkstemp names
ENTRY_NAME = re.compile(
    r"goalsheets/C-0001/entries/\d{4}-\d\d-\d\d-import-[a-z0-9-]+-[0-9a-f]{8}(-\d+)?\.yaml"
)
GROUP_GONE_SECONDS = 20.0

# Two versions of the inputs; each kill round switches to the other, so every round's build
# replaces existing outputs (the case an atomic write exists for): the client's sheet (its
# private PDFs and reports) and one content page (its HTML, handout and the search index).
VERSIONS = {
    "A": (CLIENT, ""),
    "B": (
        CLIENT.replace(
            "Walk in the park three times a week", "Walk by the river four times a week"
        ),
        "\n\nA fictional closing line, added for version B of this page.\n",
    ),
}

COUNTS: Counter[str] = Counter()  # printed by the last test
SECONDS: dict[str, float] = {}  # measured durations, printed too
OBSERVED: list[str] = []  # things worth knowing that are not failures


# --- running and killing --------------------------------------------------------------

# Run goalsheet with an audit hook that SIGKILLs the whole process group at the Nth event
# EVENT whose path arguments contain NEEDLE (for "open": only opens for writing). Forked
# build workers inherit the hook; each counts its own events.
HOOKED = r"""
import os, signal, sys
event_name, needle, nth = sys.argv[1], sys.argv[2], int(sys.argv[3])
sys.argv = ["goalsheet", *sys.argv[4:]]
seen = [0]
WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT
def hook(event, args):
    if event != event_name:
        return
    text = " ".join(os.fsdecode(a) for a in args if isinstance(a, (str, bytes, os.PathLike)))
    if needle not in text:
        return
    if event == "open" and not (len(args) > 2 and isinstance(args[2], int) and args[2] & WRITING):
        return
    seen[0] += 1
    if seen[0] >= nth:
        os.killpg(os.getpgid(0), signal.SIGKILL)
sys.addaudithook(hook)
from goalsheet.cli import main
main()
"""


@dataclass(frozen=True)
class Kill:
    """When to SIGKILL: `seconds` after the start, `fraction` of an uninterrupted run's
    time, or at the `nth` audit `event` whose paths contain `needle`."""

    label: str
    seconds: float | None = None
    fraction: float | None = None
    event: str | None = None
    needle: str = ""
    nth: int = 1

    def __str__(self) -> str:
        return self.label


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env["SOURCE_DATE_EPOCH"] = EPOCH
    env.pop("PYTHONBREAKPOINT", None)
    return env


def start(root: Path, kill: Kill | None, *args: str) -> subprocess.Popen[bytes]:
    """goalsheet ARGS in a new session (its own process group), hooked when `kill` says."""
    command = [PY, "-m", "goalsheet", *args]
    if kill is not None and kill.event is not None:
        command = [PY, "-c", HOOKED, kill.event, kill.needle, str(kill.nth), *args]
    return subprocess.Popen(
        command,
        cwd=root,
        env=environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def group_members(group: int) -> list[int]:
    """Processes of process group `group` still alive (zombies do not count)."""
    alive = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            raw = Path(entry.path, "stat").read_text()
            fields = raw[raw.rindex(")") + 2 :].split()
            state, pgrp = fields[0], int(fields[2])
            if pgrp == group and state not in ("Z", "X"):
                alive.append(int(entry.name))
    return alive


def kill_group(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    wait_group_gone(process)


def wait_group_gone(process: subprocess.Popen[bytes]) -> None:
    """Reap the leader and wait until no process of its group runs: nothing may still write
    while the outputs are inspected."""
    process.communicate(timeout=GROUP_GONE_SECONDS)
    deadline = time.monotonic() + GROUP_GONE_SECONDS
    while members := group_members(process.pid):
        if time.monotonic() > deadline:
            for pid in members:  # only processes of the group this test started
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            raise AssertionError(f"processes {members} of the killed group still run")
        time.sleep(0.01)


def run_and_kill(root: Path, kill: Kill, duration: float, *args: str) -> bool:
    """Start goalsheet ARGS and SIGKILL its group as `kill` says. True if it was killed,
    False if it finished first."""
    process = start(root, kill, *args)
    if kill.event is not None:  # the hook kills it; or it ends without meeting the event
        try:
            process.wait(timeout=240)
        except subprocess.TimeoutExpired:
            kill_group(process)
            raise AssertionError(f"{kill}: still running after 240 s") from None
        wait_group_gone(process)
        return process.returncode == -signal.SIGKILL
    delay = kill.seconds if kill.seconds is not None else (kill.fraction or 0.0) * duration
    try:
        process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        kill_group(process)
        return True
    wait_group_gone(process)
    return False


def run_whole(root: Path, *args: str) -> tuple[int, str, float]:
    started = time.monotonic()
    done = subprocess.run(
        [PY, "-m", "goalsheet", *args],
        cwd=root,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=300,
        start_new_session=True,
    )
    return done.returncode, done.stdout + done.stderr, time.monotonic() - started


# --- looking at the outputs ----------------------------------------------------------


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass
class Outputs:
    files: dict[str, str] = field(default_factory=dict)  # output -> sha256
    temps: list[str] = field(default_factory=list)  # leftover temporary files
    hidden: list[str] = field(default_factory=list)  # anything else hidden (.pagefind-new)


def outputs(root: Path) -> Outputs:
    found = Outputs()
    for top in OUTPUTS:
        for folder, dirs, files in os.walk(root / top):
            here = Path(folder)
            for name in list(dirs):
                if name.startswith("."):
                    found.hidden.append((here / name).relative_to(root).as_posix() + "/")
                    dirs.remove(name)
            for name in files:
                relative = (here / name).relative_to(root).as_posix()
                if TEMP.match(name):
                    found.temps.append(relative)
                elif name.startswith("."):
                    found.hidden.append(relative)
                else:
                    found.files[relative] = sha(here / name)
    cache = root / ".goalsheet-cache"
    if cache.is_dir():
        found.temps += [f".goalsheet-cache/{p.name}" for p in cache.iterdir() if TEMP.match(p.name)]
    return found


class Verdicts:
    """Whether each file (by its bytes) is whole: qpdf --check for a PDF, a closing </html>
    for a page, a parse for XML and JSON. Remembered by content hash."""

    def __init__(self) -> None:
        self.known: dict[str, str | None] = {}  # sha256 -> problem, or None when whole

    def problems(self, root: Path, files: dict[str, str]) -> list[str]:
        todo = {digest: name for name, digest in files.items() if digest not in self.known}
        with ThreadPoolExecutor(max_workers=2) as pool:
            for digest, problem in zip(
                todo, pool.map(lambda n: self.judge(root / n), todo.values()), strict=True
            ):
                self.known[digest] = problem
        return [f"{name}: {self.known[d]}" for name, d in sorted(files.items()) if self.known[d]]

    @staticmethod
    def judge(path: Path) -> str | None:
        suffix = path.suffix
        if suffix == ".pdf":
            return None if qpdf_ok(path) else "qpdf --check fails"
        if suffix == ".html":
            tail = path.read_bytes().rstrip()[-7:]
            return None if tail.lower() == b"</html>" else f"ends with {tail!r}, not </html>"
        try:
            if suffix == ".xml":
                ElementTree.parse(path)
            elif suffix == ".json":
                json.loads(path.read_bytes())
        except (ValueError, ElementTree.ParseError) as error:
            return f"does not parse: {error}"
        if path.stat().st_size == 0 and suffix in (".js", ".css"):
            return "empty"
        return None


def private_modes(root: Path) -> list[str]:
    """private/ and its folders 0700, its files 0600: a kill must not leave them readable."""
    wrong = []
    for path in [root / "private", *(root / "private").rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        want = 0o700 if path.is_dir() else 0o600
        if mode != want:
            wrong.append(f"{path.relative_to(root)}: {mode:o}")
    return wrong


def ledger_readable(root: Path) -> list[str]:
    problems = []
    for name in ("build.json", "site-keys.json"):
        file = root / ".goalsheet-cache" / name
        if file.exists():
            try:
                json.loads(file.read_text(encoding="utf-8"))
            except ValueError as error:
                problems.append(f".goalsheet-cache/{name}: {error}")
    return problems


# --- the project being built -----------------------------------------------------------


def write_version(root: Path, version: str) -> None:
    client, extra = VERSIONS[version]
    (root / "goalsheets" / "C-0001" / "goalsheet.yaml").write_text(client, encoding="utf-8")
    page = (REPO / "content" / PAGES[0]).read_text(encoding="utf-8")
    (root / "content" / PAGES[0]).write_text(page + extra, encoding="utf-8")


def make_site_project(root: Path) -> Path:
    (root / "goalsheets" / "C-0001" / "entries").mkdir(parents=True)
    (root / "content").mkdir()
    (root / "goalsheet.yaml").write_text(
        "practice: {name: Test Practice}\nsite_url: https://help.example/\n", encoding="utf-8"
    )
    (root / "goalsheets" / "C-0001" / "entries" / "e1.yaml").write_text(ENTRIES)
    for name in PAGES[1:]:
        shutil.copy(REPO / "content" / name, root / "content" / name)
    write_version(root, "A")
    return root


BUILD = ("build", "--as-of", AS_OF)


def build_here(root: Path) -> tuple[int, str]:
    """An uninterrupted build in this process, with the same SOURCE_DATE_EPOCH: the builds
    nobody kills (the first one, and each recovery) are not about processes, and a build
    repeats its bytes wherever it runs (test_reproducible)."""
    result = invoke(*BUILD, "--project", root, env={"SOURCE_DATE_EPOCH": EPOCH})
    return result.exit_code, result.output


@dataclass
class Site:
    root: Path
    references: dict[str, dict[str, str]]  # version -> {output: sha256} of a whole build
    duration: float  # an uninterrupted build from one version to the other, in seconds
    verdicts: Verdicts
    current: str  # the version the outputs on disk were built from


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The project built from scratch as version A, then rebuilt as B: what a whole build of
    each version makes, and how long a rebuild takes."""
    root = make_site_project(tmp_path_factory.mktemp("site") / "practice")
    verdicts = Verdicts()
    references: dict[str, dict[str, str]] = {}
    duration = 0.0
    for version in ("A", "B"):
        write_version(root, version)
        if version == "A":  # from scratch, in this process
            code, output = build_here(root)
        else:  # the rebuild the kill rounds time their kills by: a new process, as they run
            code, output, duration = run_whole(root, *BUILD)
        assert code == 0, output
        made = outputs(root)
        assert not made.temps and not made.hidden, (made.temps, made.hidden)
        assert not verdicts.problems(root, made.files)
        assert not private_modes(root)
        references[version] = made.files
    unindexed = {v: {n for n in made if "/pagefind/" not in n} for v, made in references.items()}
    assert unindexed["A"] == unindexed["B"]  # the search index's file names carry hashes
    changed = [n for n in references["B"] if references["A"].get(n) != references["B"][n]]
    assert any(n.endswith(".pdf") for n in changed) and any(n.endswith(".html") for n in changed)
    COUNTS["build: outputs of a whole build"] = len(references["B"])
    COUNTS["build: outputs a rebuild replaces"] = len(changed)
    SECONDS["build: an uninterrupted rebuild"] = duration
    return Site(root, references, duration, verdicts, "B")


BUILD_KILLS = [
    Kill("at 0.3 s", seconds=0.3),
    Kill("at 1.0 s", seconds=1.0),
    Kill("at 35% of a rebuild", fraction=0.35),
    Kill("at 60% of a rebuild", fraction=0.6),
    Kill("at 85% of a rebuild", fraction=0.85),
    Kill("the changed page about to be renamed into place", event="os.rename",
         needle="smart-goals.html."),
    Kill("a worker's 3rd PDF temp file written, before its chmod", event="os.chmod",
         needle=".pdf.", nth=3),
    Kill("a private report about to be renamed into place", event="os.rename",
         needle="report-C-0001-clinician.pdf."),
    Kill("the build record about to be saved", event="os.rename", needle="build.json."),
]  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("kill", BUILD_KILLS, ids=str)
def test_build_killed_leaves_whole_outputs_and_the_next_build_recovers(
    site: Site, kill: Kill
) -> None:
    root = site.root
    if site.current == "?":  # an earlier round failed: start again from a whole build of B
        write_version(root, "B")
        code, output = build_here(root)
        assert code == 0 and outputs(root).files == site.references["B"], output
        site.current = "B"
    previous = site.current
    target = "A" if previous == "B" else "B"
    write_version(root, target)
    site.current = "?"  # until the recovery build below has succeeded

    killed = run_and_kill(root, kill, site.duration, *BUILD)
    COUNTS["build: kill points tested"] += 1
    COUNTS["build: killed mid-build" if killed else "build: finished before the kill"] += 1

    # 1. whatever is there is whole: the old version's bytes or the new one's
    after = outputs(root)
    old, new = site.references[previous], site.references[target]
    for name, digest in after.files.items():
        assert digest in (old.get(name), new.get(name)), f"{name}: neither old nor new"
    assert not site.verdicts.problems(root, after.files)
    assert not private_modes(root)
    assert not ledger_readable(root)
    outputs_named = set(old) | set(new)
    for temp in after.temps:
        assert temp not in outputs_named and Path(temp).name.startswith(".")
        assert temp.endswith(".tmp"), temp  # no *.pdf or *.html a deploy would copy
    if not killed:
        OBSERVED.append(f"build {kill}: the build finished first (nothing to kill)")
    # the old search index's files go when the new index is swapped in; anything else gone?
    missing = sorted(n for n in old if n not in after.files and ("/pagefind/" not in n or n in new))
    if missing:
        OBSERVED.append(
            f"build killed {kill}: {len(missing)} output(s) missing, e.g. {missing[:3]}"
        )
    if (root / "site" / ".pagefind-old").exists() and not (root / "site" / "pagefind").exists():
        OBSERVED.append(f"build killed {kill}: site/pagefind/ gone, the old index in .pagefind-old")
    COUNTS["build: temp files left by the kill"] += len(after.temps)
    COUNTS["build: outputs already new when killed"] += sum(
        1 for n, d in after.files.items() if d == new.get(n) != old.get(n)
    )

    # 2. a normal build succeeds and makes exactly what an uninterrupted build makes
    code, output = build_here(root)
    assert code == 0, output
    rebuilt = outputs(root)
    assert rebuilt.files == new, sorted(set(rebuilt.files) ^ set(new)) or [
        n for n in new if rebuilt.files[n] != new[n]
    ]
    assert not site.verdicts.problems(root, rebuilt.files)
    assert not private_modes(root)
    assert not [h for h in rebuilt.hidden if "pagefind" in h], rebuilt.hidden
    COUNTS["build: temp files left by the kills, still there after the last build"] = len(
        rebuilt.temps
    )
    site.current = target
    public = [t for t in rebuilt.temps if t.startswith("site/")]
    if public and kill == BUILD_KILLS[-1]:
        OBSERVED.append(
            f"{len(public)} temp file(s) left in site/ by the kills stay after later builds "
            f"(a deploy that copies site/ whole publishes them), e.g. {public[:2]}"
        )


# --- import ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    name: str  # the file's name in the project
    data: bytes
    entries_file: str  # what an uninterrupted import writes: its path ...
    entries_data: bytes  # ... and bytes
    duration: float  # seconds for an uninterrupted `goalsheet import` (a new process)


def new_practice(root: Path) -> Project:
    made = Project(root)
    made.write("goalsheet.yaml", "practice: {name: Test Practice}\n")
    made.client()
    made.entries(ENTRIES, name="e1.yaml")
    return made


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under goalsheets/, hidden and temporary ones too."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted((root / "goalsheets").rglob("*"))
        if p.is_file()
    }


def visible(files: dict[str, bytes]) -> dict[str, bytes]:
    return {name: data for name, data in files.items() if not Path(name).name.startswith(".")}


CSV_TEXT = (
    "client,date,record,name,item,rater,value,weight\n"
    "C-0001,2026-11-02,diary,mood,,,6,\n"
    "C-0001,2026-11-02,diary,walked,,,yes,\n"
    "C-0001,2026-11-03,diary,mood,,,7,\n"
    "C-0001,2026-11-04,gbo,walks,,client,5,\n"
)
DIARY = {"d_2026-11-09_mood": "4", "d_2026-11-09_walked": "/on", "d_2026-11-10_mood": "7"}


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Source]:
    """A filled diary PDF and a CSV, each imported once uninterrupted (as a new process, the
    way the kill rounds run it) to know what the import writes and how long it takes."""
    folder = tmp_path_factory.mktemp("sources")
    maker = new_practice(folder / "maker")
    blank = folder / "diary.pdf"
    made = invoke(
        "diary", "--client", "C-0001", "--weeks", "1", "--start", START, "--fillable",
        "-o", blank, "--project", maker.root,
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    filled = pf.fill(blank, folder / "filled.pdf", DIARY)
    found = {}
    for name, data in (("filled.pdf", filled.read_bytes()), ("in.csv", CSV_TEXT.encode())):
        practice = new_practice(folder / f"reference-{name}")
        practice.write(name, data)
        before = snapshot(practice.root)
        code, output, duration = run_whole(
            practice.root, "import", name, "--project", ".", "--as-of", AS_OF
        )
        assert code == 0, output
        new = {k: v for k, v in snapshot(practice.root).items() if k not in before}
        assert len(new) == 1 and ENTRY_NAME.fullmatch(next(iter(new))), new
        ((entries_file, entries_data),) = new.items()
        found[name] = Source(name, data, entries_file, entries_data, duration)
        SECONDS[f"import: an uninterrupted import of {name}"] = duration
    return found


IMPORT_KILLS = [
    *(
        Kill(f"at {round(f * 100)}% of an import", fraction=f)
        for f in (0.15, 0.35, 0.55, 0.75, 0.9)
    ),
    Kill("the entries temp file about to be created", event="open", needle="/entries/."),
    Kill(
        "the entries temp file written and synced, before its chmod",
        event="os.chmod",
        needle="/entries/.",
    ),
    Kill("the entries file about to be linked into place", event="os.link", needle="/entries/"),
    Kill("linked, the temp file not yet removed", event="os.remove", needle="/entries/."),
]


def check_errors(root: Path) -> list[dict[str, Any]]:
    checked = invoke("check", "--project", root, "--format", "json", "--as-of", AS_OF)
    assert "Traceback" not in checked.output
    findings = json.loads(checked.stdout)["findings"]
    return [f for f in findings if f["severity"] == "error"]


@pytest.mark.parametrize("kill", IMPORT_KILLS, ids=str)
@pytest.mark.parametrize("source_name", ["filled.pdf", "in.csv"])
def test_import_killed_writes_the_whole_file_or_nothing(
    sources: dict[str, Source], tmp_path: Path, source_name: str, kill: Kill
) -> None:
    source = sources[source_name]
    practice = new_practice(tmp_path / "practice")
    practice.write(source.name, source.data)
    before = snapshot(practice.root)

    killed = run_and_kill(
        practice.root, kill, source.duration, "import", source.name, "--project", ".",
        "--as-of", AS_OF,
    )  # fmt: skip
    COUNTS["import: kill points tested"] += 1
    if not killed:
        OBSERVED.append(f"import of {source_name} {kill}: the import finished first")
    COUNTS["import: killed" if killed else "import: finished before the kill"] += 1

    after = snapshot(practice.root)
    whole = {**visible(before), source.entries_file: source.entries_data}
    assert visible(after) in (visible(before), whole), sorted(set(after) ^ set(before))
    for name, data in after.items():  # nothing that was there changed
        if name in before:
            assert before[name] == data, name
    leftovers = sorted(set(after) - set(before) - {source.entries_file})
    for name in leftovers:
        assert TEMP.match(Path(name).name), name
        assert Path(name).parent.as_posix() == Path(source.entries_file).parent.as_posix()
    COUNTS["import: temp files left by the kill"] += len(leftovers)
    if source.entries_file in after:
        COUNTS["import: the entries file was already whole"] += 1
        assert isinstance(yaml.safe_load(after[source.entries_file]), dict)
    assert not check_errors(practice.root)  # hidden temp files are not read

    # importing again gives that one file, whatever the kill left
    again = invoke(
        "import", practice.root / source.name, "--project", practice.root, "--as-of", AS_OF
    )
    assert again.exit_code == 0, again.output
    assert visible(snapshot(practice.root)) == whole
    assert not check_errors(practice.root)


TWO_FILE_KILLS = [
    Kill("the 1st entries file about to be linked", event="os.link", needle="/entries/"),
    Kill("the 2nd entries file about to be linked", event="os.link", needle="/entries/", nth=2),
    Kill("the 2nd temp file written, before its chmod", event="os.chmod", needle="/entries/.",
         nth=2),
]  # fmt: skip


@pytest.mark.parametrize("kill", TWO_FILE_KILLS, ids=str)
def test_import_of_two_files_killed_between_them_is_whole_files_and_recovers(
    sources: dict[str, Source], tmp_path: Path, kill: Kill
) -> None:
    """`import` of several files is all or nothing when a file is wrong; a SIGKILL between
    the files' writes can leave the first file's entries without the second's (no code runs
    to take them back). Each file there must still be whole, `check` clean, and importing
    again must give the same result as an import that was never interrupted."""
    pdf, csv = sources["filled.pdf"], sources["in.csv"]
    practice = new_practice(tmp_path / "practice")
    for source in (pdf, csv):
        practice.write(source.name, source.data)
    before = snapshot(practice.root)
    args = ("import", pdf.name, csv.name, "--project", ".", "--as-of", AS_OF)

    killed = run_and_kill(practice.root, kill, pdf.duration + csv.duration, *args)
    COUNTS["import of two files: kill points tested"] += 1
    assert killed, f"{kill}: the import finished first"

    after = visible(snapshot(practice.root))
    new = {name: data for name, data in after.items() if name not in before}
    expected = {pdf.entries_file: pdf.entries_data, csv.entries_file: csv.entries_data}
    assert all(expected.get(name) == data for name, data in new.items()), sorted(new)
    assert not check_errors(practice.root)
    if len(new) == 1:
        OBSERVED.append(
            f"import of two files killed at {kill}: one file's entries written, the other's "
            "not (whole files; importing again completes it)"
        )
        COUNTS["import of two files: left half imported"] += 1

    again = invoke("import", *(practice.root / s.name for s in (pdf, csv)), "--project",
                   practice.root, "--as-of", AS_OF)  # fmt: skip
    assert again.exit_code == 0, again.output
    assert visible(snapshot(practice.root)) == {**visible(before), **expected}
    assert not check_errors(practice.root)


# --- counts ----------------------------------------------------------------------------


def test_zz_report_counts(capsys: pytest.CaptureFixture[str]) -> None:
    """Print the kill points tested and what they left (shown with or without -s)."""
    with capsys.disabled():
        print("\nhostile crash: kill points and what they left (any failure fails its test):")
        for name, count in sorted(COUNTS.items()):
            print(f"  {name}: {count}")
        for name, seconds in sorted(SECONDS.items()):
            print(f"  seconds for {name} (measured): {seconds:.2f}")
        for line in OBSERVED:
            print(f"  observed: {line}")
