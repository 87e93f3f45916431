"""How a goal is worded: avoidance, vague and absolute phrasing, with approach rephrasings.

Goals worded as getting rid of something do less well than goals worded as doing or having
more of something; vague wishes cannot be tracked; absolute goals ("always", "perfect") set
a client up to fail. Pure functions over text, shared by `check` and the guided prompts.

The word lists are per language (English and Spanish), chosen by the language active now
unless one is given; a language without lists of its own is read with the English ones.
The rephrasings are goals reworded in the same language as the title they match, so they
are not messages; the advice is, and is translated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from goalsheet.language.catalogues import language_of
from goalsheet.language.messages import _, active_locale


@dataclass(frozen=True)
class WordingNote:
    """One thing noticed about a goal's wording, and a kinder way to put it."""

    kind: str  # "avoidance" | "vague" | "absolute"
    phrase: str  # the words that triggered it, as written
    suggestion: str
    rephrasing: bool = False  # the suggestion is the goal reworded (else it is advice)


@dataclass(frozen=True)
class _Words:
    """One language's lists: specific rephrasings first, then the general patterns."""

    rephrasings: list[tuple[str, str]]  # (pattern, approach version); "{0}" is the capture
    avoidance: re.Pattern[str]
    vague: re.Pattern[str]
    absolute: re.Pattern[str]


_ENGLISH = _Words(
    rephrasings=[
        (r"\bnever feel (low|sad|down|depressed)( again)?\b", "learn to cope when my mood dips"),
        (r"\bstop (worrying|overthinking)\b", "handle worries when they come, and let them pass"),
        (r"\bstop avoiding ([\w' ]+)", "face {0} a step at a time"),
        (
            r"\b(no more|stop having|get rid of( my)?) panic( attacks)?\b",
            "feel able to ride out panic when it starts",
        ),
        (
            r"\bget rid of (my )?(anxiety|worry|worries)\b",
            "manage anxiety so it no longer holds me back",
        ),
        (r"\bless (anxious|nervous|worried)\b", "feel calmer and more at ease"),
        (
            r"\b(stop|no more) (arguing|arguments|fighting|shouting)\b",
            "talk things through calmly, even when we disagree",
        ),
        (
            r"\bavoid (arguments|conflict|fights)\b",
            "talk things through calmly, even when we disagree",
        ),
        (
            r"\b(don't|do not|not) (want to )?be (so )?harsh (on|with) myself\b",
            "be kinder to myself",
        ),
        (r"\bstop (being )?(so )?(lazy|unmotivated)\b", "do one thing I care about each day"),
        (r"\bstop (isolating|hiding away)\b", "spend time with people I like each week"),
    ],
    avoidance=re.compile(
        r"\b(stop|stopping|don't|do not|dont|no more|never|less|avoid|avoiding|"
        r"get rid of|quit|not be|not feel|without)\b",
        re.IGNORECASE,
    ),
    vague=re.compile(
        r"\b(feel better|be happier|be happy|feel happier|be more confident|feel more confident|"
        r"get better|sort (myself|my life|things) out|be normal|feel normal|be okay|be ok|"
        r"feel good|improve my life|be a better person|be less stressed|have a better life|"
        r"move on)\b",
        re.IGNORECASE,
    ),
    absolute=re.compile(
        r"\b(always|perfect|perfectly|completely|totally|forever|every single|100 ?%)\b",
        re.IGNORECASE,
    ),
)

# Spanish. Accents are optional (people often type "mas" for "más"); "al menos" and
# "por lo menos" mean "at least" and are not avoidance.
_SPANISH = _Words(
    rephrasings=[
        (
            r"\bdejar de (preocuparme|darle vueltas a todo)\b",
            "manejar las preocupaciones cuando lleguen, y dejarlas pasar",
        ),
        (r"\bdejar de evitar ([\w' ]+)", "afrontar {0} paso a paso"),
        (
            r"\b(no (tener|sufrir) m[aá]s|no volver a tener|quitarme los) "
            r"(ataques de p[aá]nico|p[aá]nico)\b",
            "sentirme capaz de atravesar el pánico cuando empiece",
        ),
        (
            r"\b(quitarme|eliminar|librarme de) (la |mi )?ansiedad\b",
            "manejar la ansiedad para que no me frene",
        ),
        (r"\b(dejar de|no) discutir\b", "hablar las cosas con calma, aunque no estemos de acuerdo"),
    ],
    avoidance=re.compile(
        r"\b(dejar de|deje de|dejo de|ya no|no|nunca|jam[aá]s|evitar|evitando|"
        r"(?<!al )(?<!lo )menos|quitar(?:me|le|se)?|eliminar|librarme de|deshacerme de|sin)\b",
        re.IGNORECASE,
    ),
    vague=re.compile(
        r"\b((?:sentirme|estar|encontrarme) (?:mejor|bien)|"
        r"(?:ser|sentirme|estar) (?:m[aá]s )?feliz|m[aá]s feliz|"
        r"(?:ser|sentirme|estar) m[aá]s segur[oa]|m[aá]s segur[oa]|tener m[aá]s confianza|"
        r"(?:ser|sentirme) normal|una vida normal|mejorar mi vida|ser (?:una )?mejor persona|"
        r"estar menos estresad[oa]|tener una vida mejor|seguir adelante|salir adelante|"
        r"pasar p[aá]gina)\b",
        re.IGNORECASE,
    ),
    absolute=re.compile(
        r"\b(para siempre|siempre|nunca|jam[aá]s|todo|nada|perfect[oa]s?|perfectamente|"
        r"completamente|totalmente|ni una sola vez)\b|\b100 ?%",
        re.IGNORECASE,
    ),
)

_BY_LANGUAGE = {"en": _ENGLISH, "es": _SPANISH}


def _words(language: str | None) -> _Words:
    return _BY_LANGUAGE.get(language or language_of(active_locale()), _ENGLISH)


def avoidance(text: str, language: str | None = None) -> WordingNote | None:
    """The first avoidance phrase in `text` with an approach rephrasing, or None.

    `language` ("en", "es") picks the word lists; by default, the active language's.
    """
    words = _words(language)
    for pattern, template in words.rephrasings:
        match = re.search(pattern, text, re.IGNORECASE)
        if match:
            captured = match.group(1).strip() if match.groups() and "{0}" in template else ""
            return WordingNote("avoidance", match.group(0), template.format(captured), True)
    match = words.avoidance.search(text)
    if match is None:
        return None
    return WordingNote(
        "avoidance",
        match.group(0),
        _(
            "say what you want to do or have more of instead: what would you be doing "
            "if this were no longer a problem?"
        ),
    )


def vague(text: str, language: str | None = None) -> WordingNote | None:
    """A vague wish in `text` ("feel better") with a question that makes it specific."""
    match = _words(language).vague.search(text)
    if match is None:
        return None
    return WordingNote(
        "vague",
        match.group(0),
        # NOTE: {wish} is the vague words of the goal, e.g. "feel better". 'specific' is the
        # YAML key of a goal's SMART part; keep it in English.
        _(
            "ask what would be different if you could '{wish}': what would "
            "you do, how often, and how would someone else notice? Write that as the goal's "
            "'specific' part and measure."
        ).format(wish=match.group(0).lower()),
    )


def absolute(text: str, language: str | None = None) -> WordingNote | None:
    """All-or-nothing words ("always", "perfect") that make a goal hard to reach."""
    match = _words(language).absolute.search(text)
    if match is None:
        return None
    return WordingNote(
        "absolute",
        match.group(0),
        # NOTE: 'more often' and 'most days' are words to put in the goal; translate them.
        _(
            "all-or-nothing goals turn every slip into a failure; aim for 'more often' or "
            "'most days' instead"
        ),
    )
