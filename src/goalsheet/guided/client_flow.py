"""The questions for a new client: a pseudonymous ID, who they are for the paperwork, and
the words and language their sheets use."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from goalsheet.guided import parsing
from goalsheet.guided.asking import Asker
from goalsheet.guided.proposals import next_client_id
from goalsheet.guided.script import Answers, Ask, Confirm, Step, text_only, walk
from goalsheet.language.messages import N_, _
from goalsheet.model.config import Config

YOUTH_RATERS = ["client", "parent", "therapist"]
ADULT_RATERS = ["client", "therapist"]


@dataclass(frozen=True)
class ClientFlags:
    """The answers given as options (None: not given)."""

    client_id: str | None = None
    name: str | None = None
    youth: bool | None = None
    started: str | None = None
    therapist: str | None = None
    goal_word: str | None = None
    locale: str | None = None


def ask_client(
    asker: Asker, flags: ClientFlags, config: Config, existing: Collection[str], today: dt.date
) -> dict[str, Any]:
    """The `client:` mapping of a new sheet. `existing` names the folders in goalsheets/."""
    answers = walk(
        asker, CLIENT_SCRIPT, flags, {"config": config, "existing": existing, "today": today}
    )
    client: dict[str, Any] = {"id": answers["client_id"]}
    if answers["name"]:
        client["name"] = answers["name"]
    youth = answers["youth"]
    client["youth"] = youth
    client["started"] = answers["started"]
    if answers["therapist"]:
        client["therapist"] = answers["therapist"]
    client["raters"] = YOUTH_RATERS if youth else ADULT_RATERS
    if answers["goal_word"] != config.goal_word:  # the practice's: let it follow the practice
        client["goal_word"] = answers["goal_word"]
    if answers["locale"] != config.locale:
        client["locale"] = answers["locale"]
    return client


def _free_id(text: str, answers: Answers) -> str:
    """A valid ID that names no folder in goalsheets/ yet (whatever its case)."""
    taken = {name.lower() for name in answers["existing"]}
    client_id = parsing.identifier(text)
    if client_id.lower() in taken:
        raise parsing.Invalid(
            _("{id} already exists (goalsheets/{id}/); choose another ID").format(id=client_id)
        )
    return client_id


def _name_hint(answers: Answers) -> str:
    state = _("on") if answers["config"].show_client_names else _("off")
    return _(
        "Printed only if the practice opts in (show_client_names in goalsheet.yaml; "
        "now {state}). Enter to skip."
    ).format(state=state)


# The questions for a new client, in the order they are asked.
CLIENT_SCRIPT: tuple[Step, ...] = (
    Ask(
        "client_id",
        "--id",
        N_("The client's pseudonymous ID (it names their folder; never their real name)."),
        N_("Letters, digits and '-'; the next free one in your pattern is suggested."),
        N_("Client ID"),
        _free_id,
        default=lambda answers: next_client_id(answers["existing"]),
    ),
    Ask(
        "name",
        "--name",
        N_("First name (optional)."),
        _name_hint,
        N_("First name"),
        text_only(parsing.optional_text),
        default="",
    ),
    Confirm(
        "youth",
        N_("Is the client a young person?"),
        N_(
            "A young person's goals are rated by client, parent and therapist; an adult's "
            "by client and therapist."
        ),
        N_("Young person"),
        default=False,
    ),
    Ask(
        "started",
        "--started",
        N_("When did (or will) therapy start?"),
        N_("YYYY-MM-DD; Enter for today."),
        N_("Start date"),
        lambda text, answers: parsing.date(text, answers["today"]),
        default=lambda answers: answers["today"].isoformat(),
    ),
    Ask(
        "therapist",
        "--therapist",
        N_("Therapist's name (optional)."),
        N_("Printed on the clinician's report. Enter to skip."),
        N_("Therapist"),
        text_only(parsing.optional_text),
        default="",
    ),
    Ask(
        "goal_word",
        "--goal-word",
        N_("What would the client like to call their goals?"),
        N_('e.g. goals, hopes, things to work on (young people may prefer "hopes").'),
        N_("Goal word"),
        text_only(parsing.required_text),
        default=lambda answers: answers["config"].goal_word,
    ),
    Ask(
        "locale",
        "--locale",
        N_("Language for their sheets (optional)."),
        N_("e.g. en_GB, en_US, es; Enter for the practice's."),
        N_("Locale"),
        text_only(parsing.locale),
        default=lambda answers: answers["config"].locale,
    ),
)


def client_summary(client: dict[str, Any]) -> list[tuple[str, str]]:
    """The client in plain words, label by label."""
    rows = [(_("Client ID"), client["id"])]
    if "name" in client:
        rows.append((_("First name"), client["name"]))
    rows.append((_("Young person"), _("yes") if client["youth"] else _("no")))
    rows.append((_("Started"), client["started"].isoformat()))
    if "therapist" in client:
        rows.append((_("Therapist"), client["therapist"]))
    rows.append((_("Raters"), ", ".join(client["raters"])))
    if "goal_word" in client:
        rows.append((_("Goal word"), client["goal_word"]))
    if "locale" in client:
        rows.append((_("Locale"), client["locale"]))
    return rows
