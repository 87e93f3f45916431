"""`goalsheet init`: a new practice project with the default handout library."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from goalsheet.language.catalogues import SOURCE_LANGUAGE, language_of
from goalsheet.language.messages import _, using
from goalsheet.lock import project_lock
from goalsheet.project import CLIENTS_DIR, CONFIG_FILE
from goalsheet.resources import builtin_dir
from goalsheet.yaml_text import plain_yaml

EXAMPLE_ID = "EXAMPLE-01"

TEMPLATES_NOTE = """\
# Your own templates

Put a file here with the same path as one of goalsheet's built-in templates and yours is used
instead (like MkDocs' custom_dir). Leave this folder empty to get every improvement to the
built-in templates when goalsheet is upgraded.
"""

GITIGNORE = """\
# Build output: site/ is public, private/ holds client documents and is never published.
/site/
/private/
# Rendered Markdown kept between builds (handout text only, never client data), and the
# lock that lets one command at a time write client data or build.
/.goalsheet-cache/
"""


@dataclass(frozen=True)
class PracticeAnswers:
    name: str
    paper: str = "a4"
    locale: str = "en_GB"
    crisis_line: str | None = None


PAPERS = ("a4", "letter")
LOCALES = ("en_GB", "en_US", "es_ES")


def paper_for(locale: str) -> str:
    """Letter where it is the usual paper (the Americas' Letter countries), else A4."""
    region = locale.replace("-", "_").split("_")[-1].upper()
    return "letter" if region in ("US", "CA", "MX", "PH", "CL", "CO", "VE") else "a4"


class ProjectExists(Exception):
    """init refuses to touch an existing project."""


def check_free(directory: Path) -> None:
    """Raise ProjectExists when `directory` already holds (part of) a project."""
    if (directory / CONFIG_FILE).exists():
        raise ProjectExists(
            _("{file} already exists; init leaves it alone").format(file=directory / CONFIG_FILE)
        )
    clashes = [
        name for name in ("content", "templates", CLIENTS_DIR) if (directory / name).exists()
    ]
    if clashes:
        raise ProjectExists(
            _("{folder} already has {names}; choose an empty or new folder").format(
                folder=directory, names=", ".join(clashes)
            )
        )


def init_project(directory: Path, answers: PracticeAnswers) -> list[Path]:
    """Create a project at `directory`; the paths made. Never overwrites anything, and
    never leaves half a project: it is made in a temporary folder beside `directory` and
    moved into place only when complete."""
    check_free(directory)
    directory.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".goalsheet-init-", dir=directory.parent))
    try:
        names = _make_project(staging, answers)
        if not directory.exists():
            try:
                staging.rename(directory)
            except OSError:
                check_free(directory)  # another init made it first: say so
                raise
        else:
            # Into an existing folder, name by name: under the lock, so two inits at once
            # cannot each pass check_free and leave half of each project.
            with project_lock(directory, "goalsheet init"):
                check_free(directory)
                for name in names:
                    if not (directory / name).exists():
                        (staging / name).rename(directory / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [directory / name for name in names]


def _make_project(folder: Path, answers: PracticeAnswers) -> list[str]:
    folder.chmod(0o755)
    practice: dict[str, str] = {"name": answers.name}
    if answers.crisis_line:
        practice["crisis_line"] = answers.crisis_line
    settings = {
        "practice": practice,
        "paper": answers.paper,
        "locale": answers.locale,
        "review_every": "6 weeks",
        "goal_word": "goals",
    }
    header = (
        "# goalsheet project settings. Every key is optional; `goalsheet schema config` lists\n"
        "# them all with their defaults.\n"
    )
    (folder / CONFIG_FILE).write_text(header + plain_yaml(settings), encoding="utf-8")
    copy_content(folder / "content", answers.locale)
    (folder / "templates").mkdir()
    (folder / "templates" / "README.md").write_text(TEMPLATES_NOTE, encoding="utf-8")
    (folder / CLIENTS_DIR).mkdir(mode=0o700)
    write_example_client(folder / CLIENTS_DIR, answers.locale, dt.date.today())
    (folder / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    return [CONFIG_FILE, "content", "templates", CLIENTS_DIR, ".gitignore"]


LANGUAGE_FOLDER = re.compile(r"^[a-z]{2}$")  # content/es/: the pages in one language


def copy_content(target: Path, locale: str) -> None:
    """The built-in handouts in the practice's language as its content/: content/es/ for
    a Spanish practice (published at the top of its site, so without the es/ folder), the
    English pages for any language goalsheet has no handouts in. Images the pages share
    from the top of the built-in set come too. No other language's folder is copied: a
    practice adds one when it writes (or wants) a second language."""
    source = builtin_dir("content")
    language = language_of(locale)
    own = source / language
    ours = language != SOURCE_LANGUAGE and own.is_dir() and not own.is_symlink()
    shutil.copytree(own if ours else source, target, ignore=_other_languages(source))
    if ours:
        for file in sorted(source.iterdir()):
            if file.is_file() and file.suffix != ".md" and not (target / file.name).exists():
                shutil.copy2(file, target / file.name)


def _other_languages(source: Path) -> Callable[[str, list[str]], list[str]]:
    """shutil.copytree's `ignore`: the language folders at the top of the built-in set."""
    top = str(source)

    def ignore(folder: str, names: list[str]) -> list[str]:
        if folder != top:
            return []
        return [name for name in names if LANGUAGE_FOLDER.match(name)]

    return ignore


def write_example_client(clients: Path, locale: str, today: dt.date) -> list[Path]:
    """One clearly fictional client, so every command has something to show on day one:
    a SMART goal with a baseline, a target and a step ladder, two diary trackers, and a
    first sitting's entries. Written in the project's language."""
    folder = clients / EXAMPLE_ID
    entries = folder / "entries"
    entries.mkdir(parents=True, mode=0o700)
    folder.chmod(0o700)
    started = today - dt.timedelta(days=14)
    with using(locale):
        header = _(
            "# A made-up example client, so you can try every command. Not a real person.\n"
            "# Delete this folder (goalsheets/{id}) when you add your first real client.\n"
        ).format(id=EXAMPLE_ID)
        sheet = {
            "client": {
                "id": EXAMPLE_ID,
                "name": _("Sample (fictional)"),
                "started": started,
                "therapist": _("Your name"),
                "raters": ["client", "therapist"],
            },
            "goals": [
                {
                    "id": "walks",
                    "title": _("Get out for a walk most mornings"),
                    "why": _("I feel more like myself on days I have been outside"),
                    "specific": _("A walk of at least 15 minutes before 10 am"),
                    "status": "active",
                    "measure": {
                        "what": _("morning walks"),
                        "unit": _("per week"),
                        "direction": "increase",
                        "baseline": 1,
                        "target": 5,
                        "tracker": "walk",
                    },
                    "achievable": _("Starting with two short walks a week, then adding more"),
                    "target_date": today + dt.timedelta(days=70),
                    "steps": [
                        {"text": _("Walk to the corner shop and back on Saturday")},
                        {"text": _("Two morning walks in one week")},
                        {"text": _("Five morning walks in one week")},
                    ],
                }
            ],
            "trackers": [
                {"id": "mood", "label": _("Mood"), "kind": "rating", "min": 1, "max": 10,
                 "anchors": [_("very low"), _("great")]},
                {"id": "walk", "label": _("Morning walk"), "kind": "yesno", "goal": "walks"},
            ],
        }  # fmt: skip
        first = {
            "diary": {
                started + dt.timedelta(days=n): {"mood": mood, "walk": walk}
                for n, (mood, walk) in enumerate(
                    [(4, False), (5, False), (4, True), (5, False), (6, False), (5, False)]
                )
            },
            "ratings": [
                {"date": started, "goal": "walks", "rater": "client", "gbo": 2},
                {"date": started, "goal": "walks", "rater": "therapist", "gbo": 3},
            ],
            "measures": [
                {"date": started, "measure": "PHQ-9", "answers": [2, 2, 1, 2, 1, 1, 1, 1, 0]},
                {"date": started, "measure": "GAD-7", "answers": [1, 1, 2, 1, 0, 1, 1]},
            ],
        }
        note = _("# The first sitting with the example client (made up).\n")
    sheet_file = folder / "goalsheet.yaml"
    entries_file = entries / f"{started.isoformat()}.yaml"
    for file, text in (
        (sheet_file, header + plain_yaml(sheet)),
        (entries_file, note + plain_yaml(first)),
    ):
        file.write_text(text, encoding="utf-8")
        file.chmod(0o600)
    return [folder]
