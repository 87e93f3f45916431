"""Render one worksheet to /tmp and to PNG pages, for looking at while editing templates.

Usage: .venv/bin/python scripts/render-one.py WORKSHEET MODE [CLIENT]
MODE letters: p = personalised for CLIENT (default C-0142), f = fillable, l = Letter paper.
Use "-" for a blank A4 print version. Prints the PDF path and its page count.
"""

import datetime as dt
import subprocess
import sys
from pathlib import Path

from goalsheet.paper.catalogue import load_catalogue
from goalsheet.paper.context import SheetRequest
from goalsheet.paper.document import render_html, render_pdf
from goalsheet.project import load_project

root = Path(__file__).resolve().parent.parent
project = load_project(root)
catalogue = load_catalogue(root)
name, mode = sys.argv[1], sys.argv[2]
client_id = sys.argv[3] if len(sys.argv) > 3 else "C-0142"
folder = project.client(client_id)
sheet = folder.sheet if folder and "p" in mode else None
request = SheetRequest(
    catalogue[name],
    "letter" if "l" in mode else "a4",
    "f" in mode,
    dt.date(2026, 11, 23) if sheet else None,
    None,
)
document = render_html(request, root, project.config, sheet, project.measures)
out = Path(f"/tmp/r-{name}-{mode}.pdf")
out.write_bytes(render_pdf(document, root))
subprocess.run(["pdftoppm", "-r", "50", "-png", str(out), str(out.with_suffix(""))], check=True)
info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
print(out, "pages:", info.split("Pages:")[1].split()[0])
