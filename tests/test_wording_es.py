"""Goal wording in Spanish: the word lists follow the active language."""

from __future__ import annotations

import pytest

from goalsheet.compute.wording import absolute, avoidance, vague
from goalsheet.language.messages import using


@pytest.mark.parametrize(
    ("title", "phrase"),
    [
        ("Dejar de fumar", "Dejar de"),
        ("No sentir ansiedad en el trabajo", "No"),
        ("Nunca llegar tarde", "Nunca"),
        ("Evitar las discusiones con mi pareja", "Evitar"),
        ("Beber menos entre semana", "menos"),
        ("Quitarme el miedo a conducir", "Quitarme"),
        ("Ir a clase sin ansiedad", "sin"),
    ],
)
def test_spanish_avoidance(title: str, phrase: str) -> None:
    with using("es_ES"):
        note = avoidance(title)
    assert note is not None
    assert note.kind == "avoidance" and note.phrase == phrase


def test_spanish_rephrasing_keeps_the_clients_words() -> None:
    note = avoidance("Dejar de evitar las llamadas", "es")
    assert note is not None and note.rephrasing
    assert note.suggestion == "afrontar las llamadas paso a paso"


@pytest.mark.parametrize(
    "title",
    [
        "Salir con amigos al menos dos veces al mes",
        "Caminar por lo menos veinte minutos al día",
        "Ir al supermercado por mi cuenta",
        "Hablar en las reuniones del equipo",
    ],
)
def test_spanish_approach_goals_pass(title: str) -> None:
    assert avoidance(title, "es") is None


@pytest.mark.parametrize(
    ("title", "phrase"),
    [
        ("Sentirme mejor", "Sentirme mejor"),
        ("Ser más feliz", "Ser más feliz"),
        ("Estar bien conmigo", "Estar bien"),
        ("Sentirme más segura en el trabajo", "Sentirme más segura"),
        ("Llevar una vida normal", "una vida normal"),
        ("ser mas feliz", "ser mas feliz"),  # written without the accent
    ],
)
def test_spanish_vague(title: str, phrase: str) -> None:
    note = vague(title, "es")
    assert note is not None and note.phrase == phrase


@pytest.mark.parametrize(
    ("title", "phrase"),
    [
        ("Estar siempre tranquilo", "siempre"),
        ("Tener una semana perfecta", "perfecta"),
        ("Hacerlo todo bien", "todo"),
        ("No tener nada pendiente", "nada"),
        ("Nunca enfadarme", "Nunca"),
        ("Estar 100% seguro", "100%"),
    ],
)
def test_spanish_absolute(title: str, phrase: str) -> None:
    note = absolute(title, "es")
    assert note is not None and note.phrase == phrase


def test_spanish_lists_are_not_english_ones() -> None:
    assert absolute("Estar tranquila la mayoría de los días", "es") is None
    assert absolute("Nadar dos veces por semana", "es") is None  # "nadar" is not "nada"
    assert vague("Ir al gimnasio los lunes", "es") is None
    with using("es_ES"):
        assert avoidance("Stop worrying") is None  # the Spanish lists, not the English ones


def test_language_follows_the_active_locale() -> None:
    assert avoidance("Dejar de fumar") is None  # English by default
    with using("es_MX"):
        assert avoidance("Dejar de fumar") is not None
    with using("fr_FR"):  # no French lists: the English ones
        assert avoidance("Stop worrying") is not None
