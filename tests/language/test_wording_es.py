"""Goal wording in Spanish: the word lists follow the active language."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from click.testing import Result

from goalsheet.compute.wording import absolute, avoidance, vague
from goalsheet.language.messages import using
from helpers.cli import invoke
from helpers.project import CLIENT, Project

Run = Callable[..., Result]


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


def test_check_reads_titles_in_the_clients_language(project: Project, run: Run) -> None:
    """`check` uses the lists of the language the goals are written in (the client's
    locale, else the practice's), whatever language it speaks itself."""
    spanish = CLIENT.replace("  raters:", "  locale: es_ES\n  raters:").replace(
        "Walk in the park three times a week", "Dejar de fumar"
    )
    project.client(spanish)
    result = run("check", "--project", project.root, "--as-of", "2026-11-20", "--format", "json")
    codes = {finding["code"] for finding in json.loads(result.output)["findings"]}
    assert "GS104" in codes

    project.client(CLIENT.replace("Walk in the park three times a week", "Dejar de fumar"))
    result = run("check", "--project", project.root, "--as-of", "2026-11-20", "--format", "json")
    codes = {finding["code"] for finding in json.loads(result.output)["findings"]}
    assert "GS104" not in codes  # an English-speaking client: English lists


def test_large_numbers_in_messages_are_grouped_as_spanish_groups_them(
    project: Project,
) -> None:
    """A limit in a message reads 10.000.000 in Spanish: "10,000,000" would read as ten."""
    from goalsheet.language import formats

    with using("es"):
        assert formats.count(10_000_000) == "10.000.000"
        assert formats.count(200.04, 1) == "200,0"
    assert formats.count(10_000_000) == "10,000,000"
    project.write("goalsheet.yaml", "practice: {name: Consulta}\nlocale: es_ES\n")
    project.write("templates/report/client.html.j2", "{{ 'a' * 10**9 }}\n")
    result = invoke("report", "C-0001", "--audience", "client", "--format", "html",
                    "--project", project.root, "-o", project.root / "r.html",
                    env={"GOALSHEET_LOCALE": "es_ES"}, catch=True)  # fmt: skip
    assert result.exit_code != 0
    assert "GS316" in result.output and "10.000.000" in result.output, result.output
    assert "10,000,000" not in result.output
