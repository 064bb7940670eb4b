#!/usr/bin/env bash
# Benchmark: office documents, side by side in one run.
#
# The DOCX, XLSX/XLSM and PPTX files of the corpus's office folder (those not encrypted),
# each read from disk and its text extracted REPEATS times in one process:
#   - Python: python-docx (paragraphs and tables in order), openpyxl (data_only=True, every
#     cell of every sheet) and python-pptx (every shape's text frame and table, then the
#     notes): what a reviewer would otherwise script;
#   - Dossier: `dossier-eval office-speed`, the same files through the extractor registry
#     as ingest uses it (text, pages, metadata, embedded images as children).
# Rounds alternate between the two; each round's ratio is reported, and the median of them
# (goal: at least 3x Python's throughput).
#
# usage: benches/office-vs-python.sh PATH/TO/dossier-eval [ROUNDS] [REPEATS]
#   (build it first: cargo build --release --workspace; then target/release/dossier-eval)
set -euo pipefail
eval_bin=$1
rounds=${2:-5}
repeats=${3:-20}
corpus=${DOSSIER_CORPUS:-$(cd "$(dirname "$0")/.." && pwd)/../shared/corpus}
office="$corpus/office"
[ -d "$office" ] || { echo "SKIPPED: no corpus at $office" >&2; exit 0; }
python3 -c 'import docx, openpyxl, pptx' 2>/dev/null || {
  echo "SKIPPED: python-docx, openpyxl and python-pptx are not installed" >&2; exit 0; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat >"$work/extract.py" <<'PY'
import os, sys, time, warnings
warnings.filterwarnings("ignore")
import docx, openpyxl, pptx

office, repeats = sys.argv[1], int(sys.argv[2])
files = []
with open(os.path.join(office, "expected", "INDEX.tsv")) as f:
    next(f)
    for line in f:
        name, status = line.split("\t")[:2]
        ext = name.rsplit(".", 1)[-1].lower()
        if status == "ok" and ext in ("docx", "xlsx", "xlsm", "pptx"):
            files.append(os.path.join(office, name))

def word(path):
    d = docx.Document(path)
    out = []
    for block in d.iter_inner_content():
        if hasattr(block, "rows"):
            for row in block.rows:
                out.append("\t".join(c.text for c in row.cells))
        else:
            out.append(block.text)
    return "\n".join(out)

def sheets(path):
    wb = openpyxl.load_workbook(path, data_only=True)
    out = []
    for ws in wb.worksheets:
        out.append("# Sheet: " + ws.title)
        for row in ws.iter_rows(values_only=True):
            out.append("\t".join("" if v is None else str(v) for v in row))
    return "\n".join(out)

def shape_text(shape, out):
    if shape.shape_type == 6:  # group
        for s in shape.shapes:
            shape_text(s, out)
    if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
        out.append(shape.text_frame.text)
    if getattr(shape, "has_table", False) and shape.has_table:
        for row in shape.table.rows:
            out.append("\t".join(c.text for c in row.cells))

def slides(path):
    p = pptx.Presentation(path)
    out = []
    for slide in p.slides:
        for shape in slide.shapes:
            shape_text(shape, out)
        if slide.has_notes_slide:
            out.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(out)

readers = {"docx": word, "xlsx": sheets, "xlsm": sheets, "pptx": slides}
start = time.perf_counter()
count = 0
for _ in range(repeats):
    for path in files:
        readers[path.rsplit(".", 1)[-1].lower()](path)
        count += 1
print(count, time.perf_counter() - start)
PY

py=() ours=() ratios=()
for i in $(seq "$rounds"); do
  read -r py_files py_s < <(python3 "$work/extract.py" "$office" "$repeats")
  read -r our_files our_s < <(DOSSIER_CORPUS="$corpus" "$eval_bin" office-speed "$repeats")
  [ "$py_files" = "$our_files" ] || { echo "python read $py_files files, dossier $our_files" >&2; exit 1; }
  py+=("$py_s"); ours+=("$our_s")
  ratios+=("$(echo "$py_s / $our_s" | bc -l)")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
mp=$(median "${py[@]}"); mo=$(median "${ours[@]}")
printf 'Office DOCX/XLSX/PPTX: %s file reads per round (%s repeats), %s rounds, medians:\n' "$py_files" "$repeats" "$rounds"
printf '  python-docx/openpyxl/python-pptx : %.3f s  %8.1f files/s\n' "$mp" "$(echo "$py_files / $mp" | bc -l)"
printf '  dossier extractors               : %.3f s  %8.1f files/s\n' "$mo" "$(echo "$our_files / $mo" | bc -l)"
printf '  dossier speed / python speed     : %.2fx median of the rounds'"'"' ratios (%s) (goal: at least 3x)\n' \
  "$(median "${ratios[@]}")" "$(printf '%.2f ' "${ratios[@]}" | sed 's/ $//')"
