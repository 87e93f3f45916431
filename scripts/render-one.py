import sys
from pathlib import Path
import datetime as dt, time
from goalsheet.project import load_project
from goalsheet.paper.catalogue import load_catalogue
from goalsheet.paper.context import SheetRequest
from goalsheet.paper.document import render_html, render_pdf
root=Path('/work/main')
p=load_project(root); cat=load_catalogue(root)
cid = sys.argv[3] if len(sys.argv) > 3 else 'C-0142'
ws=sys.argv[1]; mode=sys.argv[2]
sheet = p.client(cid).sheet if 'p' in mode else None
fill='f' in mode
req=SheetRequest(cat[ws], 'letter' if 'l' in mode else 'a4', fill, dt.date(2026,11,23) if sheet else None, None)
doc=render_html(req, root, p.config, sheet, p.measures)
pdf=render_pdf(doc, root)
out=Path(f'/tmp/r-{ws}-{mode}.pdf'); out.write_bytes(pdf)
import subprocess
subprocess.run(['pdftoppm','-r','50','-png',str(out),f'/tmp/r-{ws}-{mode}'])
print(out, len(pdf), subprocess.run(['pdfinfo',str(out)],capture_output=True,text=True).stdout.split('Pages:')[1].split()[0])
