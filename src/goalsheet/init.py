"""`goalsheet init`: a new practice project with the default handout library."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from goalsheet.project import CLIENTS_DIR, CONFIG_FILE
from goalsheet.resources import builtin_dir

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
# Rendered Markdown kept between builds (handout text only, never client data).
/.goalsheet-cache/
"""


@dataclass(frozen=True)
class PracticeAnswers:
    name: str
    paper: str = "a4"
    locale: str = "en_GB"
    crisis_line: str | None = None


class ProjectExists(Exception):
    """init refuses to touch an existing project."""


def init_project(directory: Path, answers: PracticeAnswers) -> list[Path]:
    """Create a project at `directory`; the paths made. Never overwrites anything."""
    if (directory / CONFIG_FILE).exists():
        raise ProjectExists(f"{directory / CONFIG_FILE} already exists; init leaves it alone")
    clashes = [
        name for name in ("content", "templates", CLIENTS_DIR) if (directory / name).exists()
    ]
    if clashes:
        raise ProjectExists(
            f"{directory} already has {', '.join(clashes)}; choose an empty or new folder"
        )
    directory.mkdir(parents=True, exist_ok=True)
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
    made = [directory / CONFIG_FILE]
    (directory / CONFIG_FILE).write_text(
        header + yaml.safe_dump(settings, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    shutil.copytree(builtin_dir("content"), directory / "content")
    made.append(directory / "content")
    (directory / "templates").mkdir()
    (directory / "templates" / "README.md").write_text(TEMPLATES_NOTE, encoding="utf-8")
    made.append(directory / "templates")
    (directory / CLIENTS_DIR).mkdir()
    made.append(directory / CLIENTS_DIR)
    if not (directory / ".gitignore").exists():
        (directory / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    return made
