"""Looking inside PDFs with real tools: poppler (pdftotext, pdfinfo), qpdf and pypdf."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pypdf


def text(pdf: Path, page: int | None = None) -> str:
    args = ["pdftotext", "-layout"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run([*args, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def info(pdf: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return {
        k.strip(): v.strip()
        for k, v in (line.split(":", 1) for line in out.splitlines() if ":" in line)
    }


def qpdf_ok(pdf: Path) -> bool:
    result = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
    return result.returncode == 0 and "No syntax or stream encoding errors" in result.stdout


def fields(pdf: Path) -> dict[str, Any]:
    return pypdf.PdfReader(pdf).get_fields() or {}


def form_manifest(pdf: Path) -> dict[str, Any]:
    attachments = pypdf.PdfReader(pdf).attachments
    (data,) = attachments["goalsheet-form.json"]
    return json.loads(data)


def page_size(pdf: Path) -> str:
    return info(pdf)["Page size"]


def uncompressed(pdf: Path) -> bytes:
    """Every object and stream of the PDF, decompressed (qpdf --qdf), for searching."""
    result = subprocess.run(
        ["qpdf", "--qdf", "--object-streams=disable", str(pdf), "-"],
        capture_output=True,
        check=True,
    )
    return result.stdout
