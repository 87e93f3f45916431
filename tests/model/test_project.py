"""Loading a project: every client and entries file, problems collected, not raised."""

from __future__ import annotations

from goalsheet.project import load_project
from helpers.project import REPO, Project


def test_loads_clients_and_entries(project: Project) -> None:
    loaded = load_project(project.root)
    assert [c.folder for c in loaded.clients] == ["C-0001"]
    client = loaded.client("C-0001")
    assert client is not None and client.sheet is not None
    assert [doc.path for doc in client.entries] == ["goalsheets/C-0001/entries/e1.yaml"]
    assert loaded.findings == []
    assert set(loaded.measures) == {"PHQ-9", "GAD-7"}


def test_ignores_hidden_folders_and_other_files(project: Project) -> None:
    project.write("goalsheets/.trash/goalsheet.yaml", "nonsense: [")
    project.write("goalsheets/C-0001/entries/.~lock.yaml", "nonsense: [")
    project.write("goalsheets/C-0001/entries/scan.pdf", b"%PDF-1.7")
    project.write("goalsheets/C-0001/entries/more.yml", "diary:\n  2026-11-03: {mood: 4}\n")
    loaded = load_project(project.root)
    assert loaded.findings == []
    client = loaded.client("C-0001")
    assert client is not None and len(client.entries) == 2


def test_a_broken_file_does_not_hide_the_others(project: Project) -> None:
    project.entries("diary: [", name="broken.yaml")
    project.client("client: {id: C-0002, started: 2026-09-01}\n", client_id="C-0002")
    loaded = load_project(project.root)
    assert [f.code for f in loaded.findings] == ["GS002"]
    assert [c.folder for c in loaded.clients] == ["C-0001", "C-0002"]


def test_custom_measure_cannot_replace_a_built_in_one(project: Project) -> None:
    project.write(
        "goalsheet.yaml", "measures:\n  - {id: PHQ-9, title: Mine, items: 2, item_max: 3}\n"
    )
    loaded = load_project(project.root)
    (finding,) = loaded.findings
    assert finding.line == 2 and "built in" in finding.message
    assert loaded.measures["PHQ-9"].items == 9


def test_the_repository_is_itself_a_project() -> None:
    loaded = load_project(REPO)
    assert loaded.findings == []
    assert len(loaded.clients) >= 5
    assert "SLEEP-4" in loaded.measures
