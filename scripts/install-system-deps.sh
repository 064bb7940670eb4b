#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Dossier needs to build, run and test, and only those missing.
# Safe to run again: a package already installed is skipped, so a warm machine spends no time here.
set -euo pipefail

packages=(
  # build the Rust workspace and the Tauri shell (WebKitGTK pulls GTK 3 and libsoup 3)
  build-essential pkg-config libwebkit2gtk-4.1-dev
  # run the desktop window headless in tests, and take screenshots
  xvfb xauth x11-utils xdotool imagemagick fonts-dejavu-core webkit2gtk-driver
  # browser tests of the UI (never a downloaded browser: Debian's chromium)
  chromium
  # reads Outlook .pst/.ost stores: ingest runs its readpst in a worker process
  pst-utils
  # OCR of scans and images: Tesseract (run as a process) with English; poppler's pdftoppm
  # (poppler-utils, below) renders PDF pages for it
  tesseract-ocr tesseract-ocr-eng
  # reference tools the benchmarks compare against (ocrmypdf: `dossier-eval ocr`); the
  # production tests check every produced PDF with `qpdf --check` and read its stamps with pdftotext
  poppler-utils qpdf ocrmypdf
  # the mail indexer `benches/search-vs-notmuch.sh` compares `dossier search` against
  notmuch
)

missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "installing system packages: ${missing[*]}" >&2
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
