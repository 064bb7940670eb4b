#!/usr/bin/env bash
# Benchmark: Outlook files, measured side by side in one run.
#
# 1. .msg: Dossier's full ingest (store every original fsynced, extract, record, index for
#    search) of the corpus's .msg files, against extract_msg (the Python library people
#    script for this) only reading the same files: openMsg, then subject, sender, to, cc,
#    date, plain body and every attachment's data. Rounds alternate; medians, files per
#    second and the ratio are printed (goal: >= 3x).
# 2. .pst: Dossier's ingest of the corpus's .pst stores (messages extracted, stored and
#    indexed) against readpst alone writing them out (`readpst -D -M -b -8`). Dossier runs
#    readpst itself (see crates/extract/src/outlook/pst.rs), so this ratio shows what the
#    rest of the pipeline costs on top of it; it cannot exceed 1x.
#
# usage: benches/outlook-vs-python.sh PATH/TO/dossier [ROUNDS]
set -euo pipefail
dossier=$1
rounds=${2:-5}
corpus=${DOSSIER_CORPUS:-$(cd "$(dirname "$0")/.." && pwd)/../shared/corpus}
outlook="$corpus/outlook"
[ -d "$outlook" ] || { echo "SKIPPED: no corpus at $outlook" >&2; exit 0; }
python3 -c 'import extract_msg' 2>/dev/null || { echo "SKIPPED: pip extract-msg is not installed" >&2; exit 0; }
command -v readpst >/dev/null || { echo "SKIPPED: readpst (pst-utils) is not installed" >&2; exit 0; }
work=$(mktemp -d)
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT

# The .msg files (extract_msg rejects the one that is not an OLE2 file; so does Dossier).
mkdir "$work/msg" "$work/pst"
for f in "$outlook"/*.msg; do ln -s "$f" "$work/msg/"; done
for f in "$outlook"/*.pst; do ln -s "$f" "$work/pst/"; done
msgs=$(ls "$work/msg" | wc -l)
psts=$(ls "$work/pst" | wc -l)

cat >"$work/read_msg.py" <<'PY'
import os, sys, logging
import extract_msg
logging.disable(logging.CRITICAL)
count = 0
for name in sorted(os.listdir(sys.argv[1])):
    try:
        m = extract_msg.openMsg(os.path.join(sys.argv[1], name), strict=False)
    except Exception:
        count += 1
        continue
    for field in ("subject", "sender", "to", "cc", "date", "body"):
        getattr(m, field, None)
    for a in getattr(m, "attachments", []):
        getattr(a, "data", None)
    m.close()
    count += 1
print(count)
PY

now() { date +%s.%N; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# Follows symlinks: ingest is given the folder of links to the corpus files.
py=() ours=() ratios=() rp=() pst=() pst_ratios=()
for i in $(seq "$rounds"); do
  t0=$(now)
  read=$(python3 "$work/read_msg.py" "$work/msg")
  t1=$(now)
  "$dossier" init "$work/msgcase$i" >/dev/null
  "$dossier" ingest "$work/msgcase$i" "$outlook" --include '*.msg' >/dev/null || [ $? -eq 1 ]
  t2=$(now)
  [ "$read" = "$msgs" ] || { echo "extract_msg read $read of $msgs" >&2; exit 1; }
  py+=("$(echo "$t1 - $t0" | bc)"); ours+=("$(echo "$t2 - $t1" | bc)")
  ratios+=("$(echo "${py[-1]} / ${ours[-1]}" | bc -l)")

  t0=$(now)
  for f in "$work/pst"/*; do
    out="$work/readpst$i/$(basename "$f")"; mkdir -p "$out"
    readpst -D -M -b -8 -q -o "$out" "$f" >/dev/null 2>&1
  done
  t1=$(now)
  "$dossier" init "$work/pstcase$i" >/dev/null
  "$dossier" ingest "$work/pstcase$i" "$outlook" --include '*.pst' >/dev/null || [ $? -eq 1 ]
  t2=$(now)
  rm -rf "$work/readpst$i"
  rp+=("$(echo "$t1 - $t0" | bc)"); pst+=("$(echo "$t2 - $t1" | bc)")
  pst_ratios+=("$(echo "${rp[-1]} / ${pst[-1]}" | bc -l)")
done
mp=$(median "${py[@]}"); mo=$(median "${ours[@]}")
printf '.msg: %s files, %s rounds, medians:\n' "$msgs" "$rounds"
printf '  extract_msg (read fields, body, attachments) : %.3f s  %6.1f files/s\n' "$mp" "$(echo "$msgs / $mp" | bc -l)"
printf '  dossier init + ingest (full)                 : %.3f s  %6.1f files/s\n' "$mo" "$(echo "$msgs / $mo" | bc -l)"
printf '  dossier / extract_msg                        : %.2fx median of the rounds'"'"' ratios (%s) (goal: at least 3x)\n' \
  "$(median "${ratios[@]}")" "$(printf '%.2f ' "${ratios[@]}" | sed 's/ $//')"
mr=$(median "${rp[@]}"); ms=$(median "${pst[@]}")
printf '.pst: %s stores, medians:\n' "$psts"
printf '  readpst alone                                : %.3f s\n' "$mr"
printf '  dossier init + ingest (readpst inside)       : %.3f s\n' "$ms"
printf '  dossier / readpst                            : %.2fx (%s)\n' \
  "$(median "${pst_ratios[@]}")" "$(printf '%.2f ' "${pst_ratios[@]}" | sed 's/ $//')"
