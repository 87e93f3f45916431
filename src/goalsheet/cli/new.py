"""The `goalsheet new` command group: `new client` and `new goal`, guided prompts that
write valid YAML. The commands parse options and hand over to the question flows; what is
written is checked by the project's own reader first (guided/save.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from goalsheet.cli.complete import complete_client
from goalsheet.cli.project_option import open_project, project_option
from goalsheet.language.click_messages import Group as TranslatedGroup

if TYPE_CHECKING:
    from goalsheet.guided.goal_flow import GoalFlags

F = TypeVar("F", bound=Callable[..., Any])


@click.group(name="new", cls=TranslatedGroup)
def new() -> None:
    """Add a client or a goal by answering questions; writes valid YAML.

    \b
    Examples:
      goalsheet new client
      goalsheet new goal --client C-0142
    """


# --- options -----------------------------------------------------------------------------


def _common_options(command: F) -> F:
    command = click.option(
        "--yes",
        "-y",
        "assume_yes",
        is_flag=True,
        help="Write without asking: answers not given as options take their defaults, and a "
        "missing required answer is a usage error (exit 2). For scripts.",
    )(command)
    return project_option(command)


_GOAL_OPTIONS = [
    click.option("--title", help="The goal, in the client's own words."),
    click.option("--specific", help="What exactly, where, with whom."),
    click.option("--what", help="What is counted or rated, e.g. 'panic attacks'."),
    click.option("--unit", help="Per what, or the scale: 'per week', '0-10'."),
    click.option("--direction", help="up (increase), down (decrease) or same (maintain)."),
    click.option("--baseline", help="Where it is now: a number, or 'unknown'."),
    click.option("--target", help="Where the client wants it to be."),
    click.option("--achievable", help="What makes it realistic."),
    click.option("--why", help="Why it matters, in the client's words."),
    click.option("--target-date", help="YYYY-MM-DD, or 'in 8 weeks'."),
    click.option("--step", "steps", multiple=True, help="A first step (repeatable)."),
    click.option(
        "--tracker/--no-tracker",
        default=None,
        help="Add the diary tracker proposed for the measure (default: yes).",
    ),
]


def _goal_options(command: F) -> F:
    for option in reversed(_GOAL_OPTIONS):
        command = option(command)
    return command


def _goal_flags(options: dict[str, Any]) -> GoalFlags:
    # loaded when the command runs, so `goalsheet --help` stays quick
    from goalsheet.guided.goal_flow import GoalFlags

    return GoalFlags(
        **{key: options[key] for key in GoalFlags.__dataclass_fields__ if key in options}
    )


# --- new client --------------------------------------------------------------------------


@new.command(name="client")
@click.option("--id", "client_id", help="The pseudonymous ID, e.g. C-0457 (names the folder; "
              "default: the next free one in the practice's pattern).")  # fmt: skip
@click.option("--name", help="First name (printed only where the practice opts in).")
@click.option("--youth/--adult", default=None, help="A young person (raters: client, parent, "
              "therapist) or an adult (client, therapist).")  # fmt: skip
@click.option("--started", help="Start date, YYYY-MM-DD (default: today).")
@click.option("--therapist", help="The therapist's name.")
@click.option("--goal-word", help="What the client calls goals: goals, hopes...")
@click.option("--locale", help="Language for the client's sheets (default: the practice's).")
@click.option(
    "--first-goal/--no-first-goal",
    default=None,
    help="Go on to the first goal (default: ask; with --yes, when --title is given).",
)
@_goal_options
@_common_options
def client(
    client_id: str | None,
    name: str | None,
    youth: bool | None,
    started: str | None,
    therapist: str | None,
    goal_word: str | None,
    locale: str | None,
    first_goal: bool | None,
    assume_yes: bool,
    project_dir: Path,
    **goal_options: Any,
) -> None:
    """Add a client: goalsheets/ID/goalsheet.yaml and an empty entries/ folder, readable by
    you only. Asks one question at a time, then offers to set their first goal.

    \b
    Examples:
      goalsheet new client
      goalsheet new client --yes --therapist "Sam Lee"
      goalsheet new client --id C-0457 --adult --therapist "Sam Lee" --no-first-goal --yes
      goalsheet new client --id Y-0210 --youth --goal-word hopes \\
        --title "Go to school for the whole day" --what "full school days" \\
        --unit "per week" --baseline 1 --target 5 --why "To see my friends" \\
        --target-date "in 12 weeks" --yes
    """
    # loaded when the command runs, so `goalsheet --help` stays quick
    from goalsheet.guided.client_flow import ClientFlags
    from goalsheet.guided.new_client import new_client

    flags = ClientFlags(client_id, name, youth, started, therapist, goal_word, locale)
    project = open_project(project_dir)
    new_client(flags, _goal_flags(goal_options), first_goal, assume_yes, project, project_dir)


# --- new goal ----------------------------------------------------------------------------


@new.command(name="goal")
@click.option("--client", "client_id", required=True, shell_complete=complete_client,
              help="The client's ID, e.g. C-0142.")  # fmt: skip
@_goal_options
@_common_options
def goal(client_id: str, assume_yes: bool, project_dir: Path, **goal_options: Any) -> None:
    """Add a goal to a client's goalsheet.yaml, SMART part by SMART part, with a diary
    tracker that fits it. Everything already in the file stays exactly as it was.

    \b
    Examples:
      goalsheet new goal --client C-0142
      goalsheet new goal --client C-0142 --title "Answer the phone at work" \\
        --what "calls answered" --unit "per week" --direction up --baseline 1 \\
        --target 5 --why "I want to stop dreading work" --target-date "in 8 weeks" \\
        --step "Answer one call from a colleague" --tracker --yes
    """
    # loaded when the command runs, so `goalsheet --help` stays quick
    from goalsheet.guided.new_goal import new_goal

    project = open_project(project_dir)
    new_goal(client_id, _goal_flags(goal_options), assume_yes, project, project_dir)
