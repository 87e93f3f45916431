#!/usr/bin/env bash
# Install the Debian packages goalsheet and its tests need, when they are missing.
#   - WeasyPrint (PDF output) needs Pango: libpango-1.0-0, libpangoft2-1.0-0, fontconfig,
#     and report charts set their text in DejaVu Sans (fonts-dejavu-core),
#     and HarfBuzz subsetting (libharfbuzz-subset0) to embed fonts compactly.
#   - The tests check PDFs with real tools: poppler-utils (pdftotext, pdfinfo, pdftoppm), qpdf,
#     and fill fillable PDFs with pdftk-java (a filler that is not Python) to test import;
#     and the site and HTML reports in Debian's chromium (playwright drives it, axe-core checks it).
# As root it runs apt-get for what is absent; otherwise it prints the command to run.
set -euo pipefail

packages=()
need() {  # need PACKAGE: add it when dpkg does not have it installed
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed" || packages+=("$1")
}
command -v git >/dev/null 2>&1 || packages+=(git)
python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || packages+=(python3-venv)
need libpango-1.0-0
need libpangoft2-1.0-0
need fontconfig
need fonts-dejavu-core
need libharfbuzz-subset0
need poppler-utils
need qpdf
need pdftk-java
need chromium

if [ ${#packages[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "goalsheet needs these Debian packages: ${packages[*]}" >&2
  echo "(WeasyPrint needs Pango to make PDFs; the tests use poppler-utils, qpdf and chromium.)" >&2
  echo "Install them with: sudo apt-get install ${packages[*]}" >&2
  exit 1
fi
echo "Installing ${packages[*]} (apt-get)..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${packages[@]}"
