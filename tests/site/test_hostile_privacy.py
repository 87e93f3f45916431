"""Hostile privacy: nothing of a client's data reaches the public site, whatever path leads
there; the output folders cannot be pointed at client data; `build --clean` removes only
what goalsheet wrote; everything written among client data is readable by its owner only.

Client data here carries NAME (the client's name) and a scan crop carries CROP_MARK; each
test searches every file of the site for both, gzip-compressed search fragments unpacked
and PDFs read by pdftotext.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import re
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from helpers.project import CLIENT, Project

Run = Callable[..., Result]
AS_OF = "2026-11-20"
NAME = "Quintrell Zorblax"  # the client's name: only in goalsheets/
CROP_MARK = "GS-CROP-MARK-4T7V"  # only in a scan crop under goalsheets/
SHEET = "goalsheets/C-0001/goalsheet.yaml"
CROP = "goalsheets/C-0001/scans/crop.png"


# --- helpers -------------------------------------------------------------------------------


def private_project(project: Project) -> Project:
    """The conftest project, its client named NAME and a scan crop beside the entries; no
    guide (a smaller site, built faster)."""
    project.write("goalsheet.yaml", "practice: {name: Test Practice}\nguide: false\n")
    project.client(CLIENT.replace("  started:", f"  name: {NAME}\n  started:"))
    project.write(CROP, f"\x89PNG\r\n\x1a\n{CROP_MARK}".encode())
    project.write("content/welcome.md", "# Welcome\n\nA page of the practice's own.\n")
    return project


def site_text(folder: Path) -> str:
    """Every file under `folder` as text: gzip (Pagefind's fragments) unpacked, PDFs read
    by pdftotext, the rest as bytes decoded leniently."""
    parts = []
    for file in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = file.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        if file.suffix == ".pdf":
            parts.append(
                subprocess.run(
                    ["pdftotext", str(file), "-"], capture_output=True, text=True, check=True
                ).stdout
            )
        parts.append(data.decode("utf-8", "replace"))
    return "\n".join(parts)


def no_client_data(folder: Path) -> None:
    text = site_text(folder)
    assert NAME not in text
    assert CROP_MARK not in text
    assert "Walk in the park" not in text  # the client's goal


def build_site(run: Run, root: Path, *extra: str) -> Result:
    result = run("build", "--no-pdf", "--as-of", AS_OF, "--project", root, *extra)
    assert "Traceback" not in result.output
    return result


def check(run: Run, root: Path) -> Result:
    result = run("check", "--as-of", AS_OF, "--project", root)
    assert "Traceback" not in result.output
    return result


def files_of(root: Path) -> list[Path]:
    """Every file and folder of the project but goalsheet's cache (where its lock is)."""
    return sorted(p.relative_to(root) for p in root.rglob("*") if ".goalsheet-cache" not in p.parts)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --- pages, images, folders and the logo that lead into client data ------------------------


LINKS = {
    # what the practice's content/ holds -> how it leads into goalsheets/
    "page": ("content/tips.md", f"../{SHEET}"),
    "image": ("content/diagram.png", f"../{CROP}"),
    "image in a linked folder": ("content/figures", "../goalsheets/C-0001/scans"),
    "linked content/ itself": ("content", "goalsheets/C-0001"),
}


@pytest.mark.parametrize("case", LINKS, ids=list(LINKS))
def test_a_link_into_client_data_is_an_error_and_is_never_published(
    run: Run, project: Project, case: str
) -> None:
    root = private_project(project).root
    link, target = LINKS[case]
    if case == "linked content/ itself":
        (root / "content" / "welcome.md").rename(root / "goalsheets/C-0001/notes.md")
        (root / "content").rmdir()
    (root / link).symlink_to(target)
    built = build_site(run, root)
    assert (root / "site" / "index.html").is_file()
    assert not (root / "site" / "tips.html").exists()
    assert not list((root / "site").rglob("*.png"))
    assert not (root / "site" / "notes.html").exists()
    no_client_data(root / "site")
    assert "GS311" in built.output
    checked = check(run, root)
    assert checked.exit_code == 1, checked.output
    pattern = rf"^{re.escape(link)}:1:1: GS311 {re.escape(link)} leads to goalsheets/C-0001"
    assert re.search(pattern, checked.output, re.M), checked.output


def test_a_hard_link_into_client_data_is_found_by_its_inode(run: Run, project: Project) -> None:
    root = private_project(project).root
    os.link(root / SHEET, root / "content" / "tips.md")
    os.link(root / CROP, root / "content" / "diagram.png")
    build_site(run, root)
    assert not (root / "site" / "tips.html").exists()
    no_client_data(root / "site")
    checked = check(run, root)
    assert checked.exit_code == 1
    assert f"content/tips.md is a hard link to {SHEET}" in checked.output
    assert f"content/diagram.png is a hard link to {CROP}" in checked.output


def test_a_link_through_a_client_folder_is_named_even_when_it_ends_outside(
    run: Run, project: Project, tmp_path: Path
) -> None:
    """A link to a link in goalsheets/ that points out of the project, and a client folder
    that is itself a link to elsewhere: check names the client data, not only "outside"."""
    root = private_project(project).root
    elsewhere = tmp_path / "encrypted-volume" / "C-0002"
    elsewhere.mkdir(parents=True)
    (elsewhere / "goalsheet.yaml").write_text(CLIENT.replace("C-0001", "C-0002"))
    (root / "goalsheets" / "C-0002").symlink_to(elsewhere)
    (elsewhere / "notes.md").write_text(f"# Notes\n\n{NAME}\n")
    (root / "goalsheets" / "C-0001" / "notes.md").symlink_to(elsewhere / "notes.md")
    (root / "content" / "borrowed.md").symlink_to("../goalsheets/C-0001/notes.md")
    (root / "content" / "other.md").symlink_to("../goalsheets/C-0002/goalsheet.yaml")
    checked = check(run, root)
    assert checked.exit_code == 1
    assert "content/borrowed.md:1:1: GS311 content/borrowed.md leads to goalsheets/" in (
        checked.output
    )
    assert "content/other.md:1:1: GS311" in checked.output
    build_site(run, root)
    no_client_data(root / "site")


def test_copies_an_earlier_build_made_of_client_data_are_removed(
    run: Run, project: Project
) -> None:
    """A site built before these rules may hold a copied scan crop and logo: gone now."""
    root = private_project(project).root
    (root / "content" / "diagram.png").symlink_to(f"../{CROP}")
    project.write("goalsheet.yaml", f"practice: {{name: T, logo: {CROP}}}\nguide: false\n")
    project.write("site/diagram.png", (root / CROP).read_bytes())  # as an earlier build left
    project.write("site/assets/logo.png", (root / CROP).read_bytes())
    project.write("site/favicon.png", b"the practice's own")  # never goalsheet's: kept
    build_site(run, root)
    assert not (root / "site" / "diagram.png").exists()
    assert not (root / "site" / "assets" / "logo.png").exists()
    assert (root / "site" / "favicon.png").read_bytes() == b"the practice's own"
    no_client_data(root / "site")


def test_a_templates_folder_linked_into_client_data_is_not_used(run: Run, project: Project) -> None:
    root = private_project(project).root
    project.write("goalsheets/C-0001/site/home.html.j2", f"<!DOCTYPE html><p>{NAME}</p>\n")
    (root / "templates").symlink_to("goalsheets/C-0001")
    assert build_site(run, root).exit_code == 0
    assert (root / "site" / "index.html").is_file()
    no_client_data(root / "site")
    checked = check(run, root)
    assert checked.exit_code == 1
    assert "templates:1:1: GS311 templates leads to goalsheets/C-0001" in checked.output


@pytest.mark.parametrize(
    "logo",
    [CROP, "branding/logo.png", "private/logo.png", ".goalsheet-cache/logo.png"],
    ids=["in goalsheets/", "linked into a scans/ folder", "in private/", "in the cache"],
)
def test_a_logo_among_client_data_is_an_error_and_is_left_out(
    run: Run, project: Project, logo: str
) -> None:
    root = private_project(project).root
    if logo == "branding/logo.png":
        (root / "branding").mkdir()
        (root / logo).symlink_to(f"../{CROP}")
    elif not (root / logo).exists():
        project.write(logo, f"\x89PNG\r\n\x1a\n{CROP_MARK}".encode())
    project.write(
        "goalsheet.yaml", f"practice:\n  name: Test Practice\n  logo: {logo}\nguide: false\n"
    )
    build_site(run, root)
    assert not list((root / "site" / "assets").glob("logo*"))
    no_client_data(root / "site")
    checked = check(run, root)
    assert checked.exit_code == 1
    assert re.search(rf"^goalsheet\.yaml:3:9: GS312 the logo '{re.escape(logo)}' leads to",
                     checked.output, re.M), checked.output  # fmt: skip


HANDOUT_LINKS = {
    "a linked image": ("content/diagram.png", f"../{CROP}", "diagram.png"),
    "a linked folder": ("content/figures", "../goalsheets/C-0001/scans", "figures/crop.png"),
    "a hard link": ("content/diagram.png", None, "diagram.png"),
}


@pytest.mark.parametrize("case", HANDOUT_LINKS, ids=list(HANDOUT_LINKS))
def test_a_handout_pdf_never_embeds_client_data(project: Project, case: str) -> None:
    """The handout's renderer (WeasyPrint's fetcher) refuses what leads into client data,
    however the page reaches it."""
    from goalsheet.pipeline.jobs import HandoutJob
    from goalsheet.pipeline.runner import run_jobs

    root = private_project(project).root
    link, target, src = HANDOUT_LINKS[case]
    if target is None:
        os.link(root / CROP, root / link)
    else:
        (root / link).symlink_to(target)
    project.write("content/pics.md", f"# Pics\n\n![a diagram]({src})\n")
    job = HandoutJob("pics", "site/handouts/pics.pdf", "a4")
    [result] = run_jobs(root, [job], workers=1, today=dt.date(2026, 11, 20))
    assert not result.ok
    assert "which is client data" in str(result.error)
    assert not (root / "site" / "handouts" / "pics.pdf").exists()


def test_the_fetcher_refuses_a_report_asset_from_client_data(project: Project) -> None:
    """Every document goalsheet renders (reports, sheets too), not only handouts."""
    from goalsheet.render.pdf import RenderError, html_to_pdf

    root = private_project(project).root
    with pytest.raises(RenderError, match="which is client data"):
        html_to_pdf(f'<img src="{(root / CROP).as_uri()}">', base_url=root, roots=[root])


# --- output folders ------------------------------------------------------------------------


BAD_OUTPUTS = {
    "site: goalsheets": ("site: goalsheets", "GS018", "output.site: 'goalsheets' overlaps"),
    "private: site/clients": (
        "private: site/clients",
        "GS018",
        "output.private: 'site/clients' overlaps site/",
    ),
    "site: ../outside": ("site: ../outside", "GS017", "is not a folder inside the project"),
    "site: an absolute path": ("site: {absolute}", "GS017", "is not a folder inside the project"),
    "private: .": ("private: .", "GS017", "is the project folder itself"),
    "site: content": ("site: content", "GS018", "overlaps content/"),
    "site: templates/out": ("site: templates/out", "GS018", "overlaps templates/"),
    "private: .goalsheet-cache": ("private: .goalsheet-cache", "GS018", "overlaps"),
    "site = private": ("private: out", "GS018", "output.private: 'out' overlaps out/"),
    "site: goalsheets/C-0001/pub": ("site: goalsheets/C-0001/pub", "GS018", "overlaps"),
}


@pytest.mark.parametrize("case", BAD_OUTPUTS, ids=list(BAD_OUTPUTS))
def test_an_output_folder_among_client_data_or_outside_is_refused(
    run: Run, project: Project, case: str, tmp_path: Path
) -> None:
    root = private_project(project).root
    setting, code, message = BAD_OUTPUTS[case]
    absolute = tmp_path / "absolute"  # never a real folder of the machine: --clean at base
    absolute.mkdir()  # removed whatever output.site named
    (absolute / "keep.txt").write_text("not goalsheet's\n")
    setting = setting.format(absolute=absolute)
    site = "  site: out\n" if case == "site = private" else ""
    line = 4 if site else 3  # the line of the setting in goalsheet.yaml
    project.write("goalsheet.yaml", f"practice: {{name: T}}\noutput:\n{site}  {setting}\n")
    before = files_of(root)
    built = build_site(run, root, "--clean")
    assert (root / SHEET).is_file() and (root / CROP).is_file()
    assert not (tmp_path / "outside").exists()
    assert [p.name for p in absolute.iterdir()] == ["keep.txt"]
    assert files_of(root) == before  # nothing written
    assert built.exit_code == 2, built.output
    assert f"goalsheet.yaml:{line}:" in built.output and code in built.output
    checked = check(run, root)
    assert checked.exit_code == 1
    assert re.search(rf"^goalsheet\.yaml:{line}:\d+: {code} .*{re.escape(message)}",
                     checked.output, re.M), checked.output  # fmt: skip


def test_the_preview_server_refuses_a_site_folder_among_client_data(project: Project) -> None:
    """`serve` writes the site into output.site and serves that folder on 127.0.0.1."""
    root = private_project(project).root
    project.write("goalsheet.yaml", "practice: {name: T}\noutput: {site: goalsheets/C-0001}\n")
    command = [sys.executable, "-m", "goalsheet", "serve", "--port", "0", "--project", root]
    try:  # in its own process: a server that did start would never return
        served = subprocess.run(command, capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("serve started on a site folder inside goalsheets/")
    assert served.returncode == 2
    assert "GS018 output.site: 'goalsheets/C-0001' overlaps goalsheets/" in served.stderr
    assert sorted(p.name for p in (root / "goalsheets" / "C-0001").iterdir()) == [
        "entries",
        "goalsheet.yaml",
        "scans",
    ]


def test_an_output_folder_that_links_out_of_the_project_is_refused(
    run: Run, project: Project, tmp_path: Path
) -> None:
    root = private_project(project).root
    (tmp_path / "elsewhere").mkdir()
    (root / "public").symlink_to(tmp_path / "elsewhere")
    project.write("goalsheet.yaml", "practice: {name: T}\noutput: {site: public}\n")
    built = build_site(run, root)
    assert built.exit_code == 2
    assert "GS017 output.site: 'public' is a link to a folder outside the project" in (built.output)
    assert list((tmp_path / "elsewhere").iterdir()) == []


@pytest.mark.slow
def test_clean_removes_only_what_goalsheet_wrote(run: Run, project: Project) -> None:
    root = private_project(project).root
    assert build_site(run, root).exit_code == 0
    summary = run("summary", "--format", "json", "-o", root / "private" / "summary.json",
                  "--project", root, "--as-of", AS_OF)  # fmt: skip
    assert summary.exit_code == 0, summary.output
    (root / "site" / "CNAME").write_text("handouts.example.org\n")  # the practice's own
    (root / "private" / "notes").mkdir(mode=0o700)
    (root / "private" / "notes" / "supervision.txt").write_text("mine\n")
    before = files_of(root)
    refused = build_site(run, root, "--clean")
    assert refused.exit_code == 1
    assert "site/ holds 1 file goalsheet did not write (site/CNAME)" in refused.output
    assert "private/notes/supervision.txt" in refused.output
    assert files_of(root) == before  # nothing removed
    (root / "site" / "CNAME").unlink()
    (root / "private" / "notes" / "supervision.txt").unlink()
    (root / "site" / "old-page.html").write_text("<p>left by someone</p>")
    (root / "site" / "old-page.html").unlink()
    (root / "site" / "stale-image.png").symlink_to("../content/welcome.md")  # a link: never ours
    assert build_site(run, root, "--clean").exit_code == 1
    (root / "site" / "stale-image.png").unlink()
    cleaned = build_site(run, root, "--clean")
    assert cleaned.exit_code == 0, cleaned.output
    assert not (root / "private" / "summary.json").exists()  # goalsheet wrote it: removed
    assert (root / "site" / "index.html").is_file()
    assert (root / SHEET).is_file()
    (root / "private" / "summary.json").write_text("{}\n")  # a person's, at the same name
    again = build_site(run, root, "--clean")
    assert again.exit_code == 1 and "private/summary.json" in again.output
    assert (root / "private" / "summary.json").read_text() == "{}\n"


def test_a_stale_output_that_is_a_link_is_removed_itself_not_what_it_points_to(
    run: Run, project: Project
) -> None:
    root = private_project(project).root
    report = project.write("private/C-0001/report.pdf", b"%PDF- the clinician's report")
    (root / "site" / "worksheets").mkdir(parents=True)
    (root / "site" / "worksheets" / "gone.pdf").symlink_to("../../private/C-0001/report.pdf")
    project.write(".goalsheet-cache/build.json", json.dumps({"site/worksheets/gone.pdf": "k"}))
    assert build_site(run, root).exit_code == 0
    assert report.read_bytes() == b"%PDF- the clinician's report"
    assert not (root / "site" / "worksheets" / "gone.pdf").is_symlink()


# --- modes of what is written among client data ------------------------------------------


WHEN = ["--as-of", AS_OF]
WRITERS = {
    "summary json": (["summary", "--format", "json", *WHEN], "private/summary.json"),
    "report json in a new folder": (
        ["report", "C-0001", "--format", "json", *WHEN],
        "private/reports/C-0001.json",
    ),
    "report html": (["report", "C-0001", "--format", "html", *WHEN], "private/C-0001/r.html"),
    "blank worksheet": (["worksheet", "smart-goal"], "private/blank/smart-goal.pdf"),
    "diary in a new folder": (["diary", "--client", "C-0001"], "private/diaries/C-0001.pdf"),
    "export csv": (["export", "C-0001", "--format", "csv"], "private/export/C-0001.csv"),
    "through a link": (["summary", "--format", "json", *WHEN], "out/summary.json"),
}


@pytest.mark.parametrize("case", WRITERS, ids=list(WRITERS))
def test_whatever_writes_into_private_writes_for_its_owner_only(
    run: Run, project: Project, case: str
) -> None:
    root = private_project(project).root
    args, target = WRITERS[case]
    (root / "private").mkdir(mode=0o700)
    if case == "through a link":
        (root / "out").symlink_to("private")
    written = run(*args, "-o", root / target, "--project", root)
    assert written.exit_code == 0, written.output
    file = (root / target).resolve()
    assert mode(file) == 0o600
    folder = file.parent
    while folder != root.resolve():
        assert mode(folder) == 0o700, folder
        folder = folder.parent


def test_the_private_names_match_the_project_layout() -> None:
    from goalsheet.project import CLIENTS_DIR, CONFIG_FILE
    from goalsheet.read import private_paths
    from goalsheet.site.cache import CACHE_DIR

    assert (private_paths.CLIENTS, private_paths.CACHE, private_paths.CONFIG) == (
        CLIENTS_DIR,
        CACHE_DIR,
        CONFIG_FILE,
    )


@pytest.mark.slow
def test_what_leads_into_client_data_is_not_even_read_for_a_build_key(
    project: Project, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build hashes its inputs to know what changed; a linked image, logo or template
    asset that leads into client data is not one of them, so its bytes are never read."""
    from goalsheet.pipeline import keys
    from goalsheet.read import contained

    private_project(project)
    root = project.root
    project.write("goalsheet.yaml", "practice: {name: Test Practice, logo: content/logo.png}\n"
                  "guide: false\n")  # fmt: skip
    (root / "content" / "diagram.png").symlink_to(root / CROP)
    (root / "content" / "logo.png").symlink_to(root / CROP)
    (root / "templates" / "site" / "assets").mkdir(parents=True)
    (root / "templates" / "site" / "assets" / "extra.css").symlink_to(root / SHEET)
    read: list[Path] = []

    def spying(path: Path) -> bytes:
        read.append(Path(path))
        return contained.fingerprint(path)

    monkeypatch.setattr(keys, "fingerprint", spying)
    result = run("build", "--as-of", AS_OF, "--project", root, "--jobs", "1")
    assert "Traceback" not in result.output
    assert read, "the build read no file for its keys: the spy is not in place"
    # Reports key on the client's own files (they are private outputs); nothing public may.
    linked = ("diagram.png", "logo.png", "extra.css", "crop.png")
    assert [p for p in read if p.name in linked] == []
    no_client_data(root / "site")
