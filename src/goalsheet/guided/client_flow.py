"""The questions for a new client: a pseudonymous ID, who they are for the paperwork, and
the words and language their sheets use."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from goalsheet.guided import parsing
from goalsheet.guided.asking import Asker, Question
from goalsheet.guided.proposals import next_client_id
from goalsheet.language.messages import _
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
    taken = {name.lower() for name in existing}

    def free_id(text: str) -> str:
        client_id = parsing.identifier(text)
        if client_id.lower() in taken:
            raise parsing.Invalid(
                _("{id} already exists (goalsheets/{id}/); choose another ID").format(id=client_id)
            )
        return client_id

    client_id = asker.ask(
        Question(
            "--id",
            _("The client's pseudonymous ID (it names their folder; never their real name)."),
            _("Letters, digits and '-'; the next free one in your pattern is suggested."),
            _("Client ID"),
            default=next_client_id(existing),
        ),
        flags.client_id,
        free_id,
    )
    state = _("on") if config.show_client_names else _("off")
    name = asker.ask(
        Question(
            "--name",
            _("First name (optional)."),
            _(
                "Printed only if the practice opts in (show_client_names in goalsheet.yaml; "
                "now {state}). Enter to skip."
            ).format(state=state),
            _("First name"),
            default="",
        ),
        flags.name,
        parsing.optional_text,
    )
    youth = asker.confirm(
        _("Is the client a young person?"),
        flags.youth,
        default=False,
        hint=_("A young person's goals are rated by client, parent and therapist; an adult's "
               "by client and therapist."),
        label=_("Young person"),
    )  # fmt: skip
    started = asker.ask(
        Question(
            "--started",
            _("When did (or will) therapy start?"),
            _("YYYY-MM-DD; Enter for today."),
            _("Start date"),
            default=today.isoformat(),
        ),
        flags.started,
        lambda text: parsing.date(text, today),
    )
    therapist = asker.ask(
        Question(
            "--therapist",
            _("Therapist's name (optional)."),
            _("Printed on the clinician's report. Enter to skip."),
            _("Therapist"),
            default="",
        ),
        flags.therapist,
        parsing.optional_text,
    )
    goal_word = asker.ask(
        Question(
            "--goal-word",
            _("What would the client like to call their goals?"),
            _('e.g. goals, hopes, things to work on (young people may prefer "hopes").'),
            _("Goal word"),
            default=config.goal_word,
        ),
        flags.goal_word,
        parsing.required_text,
    )
    locale = asker.ask(
        Question(
            "--locale",
            _("Language for their sheets (optional)."),
            _("e.g. en_GB, en_US, es; Enter for the practice's."),
            _("Locale"),
            default=config.locale,
        ),
        flags.locale,
        parsing.locale,
    )
    client: dict[str, Any] = {"id": client_id}
    if name:
        client["name"] = name
    client["youth"] = youth
    client["started"] = started
    if therapist:
        client["therapist"] = therapist
    client["raters"] = YOUTH_RATERS if youth else ADULT_RATERS
    if goal_word != config.goal_word:  # the same as the practice's: let it follow the practice
        client["goal_word"] = goal_word
    if locale != config.locale:
        client["locale"] = locale
    return client


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
