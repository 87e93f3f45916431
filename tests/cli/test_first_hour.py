"""The README's first hour, run as written: every command of its section, in bash, one after
the other in a new home folder, from activating .venv to the client's diary. What the README
shows a command printing is what it prints. Also: finding the project from a folder inside
it, an ID in the wrong case, and an import summary that counts, written by a dry run."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SECTION = "## The first hour: a new practice, a client, a goal"
ENV = {"GOALSHEET_LOCALE": "en_GB", "NO_COLOR": "1", "TERM": "dumb"}

# What a person types at the questions of the two commands that ask (no terminal here:
# the answers come on standard input, one a line). The client takes every suggestion
# (Enter), no first goal yet; the goal's SMART parts are answered one by one.
TYPED = {
    "goalsheet new client": ["", "", "n", "", "", "", "", "n", "y"],
    "goalsheet new goal --client C-0001": [
        "Walk to the shop twice a week", "The corner shop, on my own", "walks to the shop",
        "per week", "up", "0", "2", "It is five minutes away", "I want to get out more",
        "in 8 weeks", "", "y", "y",
    ],
}  # fmt: skip


@dataclass
class Block:
    language: str
    lines: list[str]


def section_blocks() -> list[Block]:
    """The fenced blocks of the README's first-hour section, in order."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    start = text.index(SECTION)
    end = text.index("\n## ", start + len(SECTION))
    found = re.findall(r"^```(\w*)\n(.*?)^```$", text[start:end], re.MULTILINE | re.DOTALL)
    return [Block(language, body.splitlines()) for language, body in found]


def joined(lines: list[str]) -> list[str]:
    """Lines with their backslash continuations joined."""
    out: list[str] = []
    carry = ""
    for line in lines:
        if line.endswith("\\"):
            carry += line[:-1]
            continue
        out.append(carry + line)
        carry = ""
    return out


def command_of(line: str) -> str:
    """The command as typed, without its comment (shlex reads quotes as bash does)."""
    return shlex.join(shlex.split(line, comments=True))


class Shell:
    """Runs lines in bash one at a time, keeping the working folder and PATH between them,
    as a terminal does (`cd` and `. .venv/bin/activate` carry over)."""

    def __init__(self, home: Path) -> None:
        venv_bin = str(Path(sys.executable).parent)
        path = [p for p in os.environ.get("PATH", "").split(os.pathsep) if p != venv_bin]
        self.env = {**os.environ, **ENV, "HOME": str(home), "PATH": os.pathsep.join(path)}
        self.env.pop("VIRTUAL_ENV", None)
        self.cwd = REPO  # the README: "from the goalsheet folder"
        self.state = home / ".state"
        self.outputs: dict[str, str] = {}

    def run(self, line: str, typed: list[str] | None = None) -> str:
        script = (
            f"PATH={shlex.quote(self.env['PATH'])}\n{line}\nrc=$?\n"
            f'{{ pwd; echo "$PATH"; }} > {shlex.quote(str(self.state))}\nexit $rc\n'
        )
        given = "".join(f"{answer}\n" for answer in typed) if typed is not None else ""
        done = subprocess.run(
            ["bash", "-c", script], cwd=self.cwd, env=self.env, input=given, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300,
        )  # fmt: skip
        assert done.returncode == 0, f"{line!r} exited {done.returncode}:\n{done.stdout}"
        cwd, path = self.state.read_text(encoding="utf-8").splitlines()[:2]
        self.cwd, self.env["PATH"] = Path(cwd), path
        self.outputs[command_of(line)] = done.stdout
        return done.stdout


def shown_in(expected: list[str], output: str) -> None:
    """Each line the README shows is in the output, in that order; '...' skips lines."""
    lines = [line.strip() for line in output.splitlines()]
    at = 0
    for want in (line.strip() for line in expected):
        if want == "..." or not want:
            continue
        hits = [i for i in range(at, len(lines)) if want in lines[i]]
        assert hits, f"the README shows {want!r}, the command printed:\n{output}"
        at = hits[0] + 1


@pytest.mark.slow
def test_the_readme_first_hour_runs_as_written(tmp_path: Path) -> None:
    # `make test` makes the venv the README activates; without it this test cannot run.
    assert (REPO / ".venv" / "bin" / "activate").is_file(), "no .venv: run `make setup`"
    blocks = section_blocks()
    assert [b.language for b in blocks] == ["sh", "console", "console"]
    shell = Shell(tmp_path)
    assert shutil.which("goalsheet", path=shell.env["PATH"]) is None  # not before activating
    for line in joined(blocks[0].lines):
        command = command_of(line)
        output = shell.run(line, TYPED.get(command))
        if command == "goalsheet list clients":
            assert "EXAMPLE-01" in output
        if command == "goalsheet new client":
            assert (tmp_path / "riverside" / "goalsheets" / "C-0001" / "goalsheet.yaml").is_file()
    assert shell.cwd == tmp_path / "riverside"
    assert (shell.cwd / "daily-diary-C-0001.pdf").read_bytes().startswith(b"%PDF")
    for block in blocks[1:]:
        entries = _console(block.lines)
        for command, expected in entries:
            output = shell.outputs.get(command_of(command)) or shell.run(command)
            shown_in(expected, output)
    sheet = (shell.cwd / "goalsheets" / "C-0002" / "goalsheet.yaml").read_text(encoding="utf-8")
    assert "therapist: Sam Lee" in sheet and "id: walk-dog-morning" in sheet
    check = shell.run("cd goalsheets/C-0002 && goalsheet check")  # from inside a client
    assert "0 errors" in check


def _console(lines: list[str]) -> list[tuple[str, list[str]]]:
    """A console block's commands ("$ ..." with their continuation lines) and what each
    shows after it."""
    entries: list[tuple[str, list[str]]] = []
    for line in joined([line.removeprefix("    ") for line in lines]):
        if line.startswith("$ "):
            entries.append((line[2:], []))
        else:
            entries[-1][1].append(line)
    return entries


# --- finding the project, a wrong case, the import summary ---------------------------------


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """A copy of the demo project (fictional clients), with a sub-folder of content/."""
    root = tmp_path / "demo"
    root.mkdir()
    shutil.copy(REPO / "goalsheet.yaml", root / "goalsheet.yaml")
    shutil.copytree(REPO / "goalsheets", root / "goalsheets")
    (root / "content" / "anxiety").mkdir(parents=True)
    return root


def files(root: Path) -> list[Path]:
    """Every file and folder under `root`, but the import's cache of read pages."""
    return sorted(p.relative_to(root) for p in root.rglob("*") if ".goalsheet-cache" not in p.parts)


def goalsheet(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The installed command, run in `cwd` as a person would."""
    return subprocess.run(
        [str(Path(sys.executable).parent / "goalsheet"), *args], cwd=cwd,
        env={**os.environ, **ENV}, text=True, capture_output=True, timeout=300,
    )  # fmt: skip


@pytest.mark.slow
def test_commands_find_the_project_from_a_folder_inside_it(demo: Path, tmp_path: Path) -> None:
    from goalsheet.project.root import find_root

    client = demo / "goalsheets" / "C-0142"
    assert find_root(client / "entries") == client / "entries" / "../../.."
    assert find_root(demo) == demo
    assert find_root(tmp_path) is None
    inside = goalsheet("check", "--as-of", "2026-11-20", "--format", "json", cwd=client)
    assert inside.returncode == 0, inside.stderr
    assert "unknown key" not in inside.stdout + inside.stderr
    at_root = goalsheet("check", "--as-of", "2026-11-20", "--format", "json", cwd=demo)
    assert inside.stdout == at_root.stdout  # the same project, the same findings
    listed = goalsheet("list", "clients", "--format", "json", cwd=demo / "content" / "anxiety")
    assert listed.returncode == 0, listed.stderr
    assert "C-0142" in listed.stdout and "Y-0207" in listed.stdout
    # --project still wins, and a client's folder is never a practice's project
    explicit = goalsheet("check", "--project", ".", cwd=client)
    assert explicit.returncode == 2
    assert "holds a client's goalsheet.yaml, not a practice's settings" in explicit.stderr
    nowhere = goalsheet("list", "clients", cwd=tmp_path)
    assert nowhere.returncode == 2
    assert "nor in any folder above it" in nowhere.stderr


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [
        ["report", "c-0142", "--format", "json"],
        ["diary", "--client", "c-0142"],
        ["worksheet", "smart-goal", "--client", "c-0142"],
        ["new", "goal", "--client", "c-0142", "--yes", "--title", "Walk more"],
        ["export", "c-0142", "--format", "csv"],
        ["import", "examples/scans/C-0388-phq-9-photo.jpg", "--client", "c-0388"],
    ],
)
def test_a_client_id_in_the_wrong_case_is_refused_with_the_right_one(
    demo: Path, args: list[str]
) -> None:
    args = [str(REPO / a) if a.startswith("examples/") else a for a in args]
    before = files(demo)
    result = goalsheet(*args, cwd=demo)
    said = result.stdout + result.stderr
    assert result.returncode in (1, 2), said
    right = "C-0388" if "c-0388" in args else "C-0142"
    assert f"did you mean {right}?" in said or f"not {args[args.index('--client') + 1]}" in said
    assert files(demo) == before  # nothing written


def test_a_typing_slip_gets_the_id_meant() -> None:
    from goalsheet.project.client_ids import meant, no_such_client

    known = ["C-0142", "C-0315", "C-0512", "Y-0207"]
    assert meant("c-0142", known) == "C-0142"
    assert meant("C-0124", known) == "C-0142"  # two digits swapped
    assert meant("C-142", known) == "C-0142"  # one left out
    assert meant("C-0999", known) is None
    assert "IDs are case-sensitive" in no_such_client("c-0142", known)
    assert "did you mean" not in no_such_client("X-1", known)
    assert no_such_client("C-0001", []) == "there is no client 'C-0001' (clients: none yet)"


@pytest.mark.slow
def test_a_dry_run_counts_what_it_would_add_and_never_says_wrote(demo: Path) -> None:
    photos = [str(REPO / "examples" / "scans" / n)
              for n in ("C-0142-diary-photo.jpg", "C-0388-phq-9-photo.jpg")]  # fmt: skip
    entries = sorted(p.relative_to(demo) for p in (demo / "goalsheets").rglob("*"))
    result = goalsheet("import", *photos, "--as-of", "2026-11-20", "--dry-run", cwd=demo)
    assert result.returncode == 0, result.stderr
    assert "3 days of mood" in result.stdout and "1 day of relax" in result.stdout
    assert "diary: mood" not in result.stdout
    assert (
        "would add 1 value to" in result.stdout and "PHQ-9 on 2026-11-19: 6 (mild)" in result.stdout
    )
    assert "Wrote" not in result.stdout + result.stderr
    page = "private/review/scans-review.html"
    assert f"the review page, to read: {page}" in result.stderr
    assert result.stderr.rstrip().endswith("Dry run: nothing was written but the review page.")
    assert (demo / page).is_file()
    assert sorted(p.relative_to(demo) for p in (demo / "goalsheets").rglob("*")) == entries
