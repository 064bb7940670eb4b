#!/usr/bin/env bash
# Benchmark: email, measured side by side in one run.
#
# 1. Speed: Dossier's full ingest (parse, store every original fsynced, extract, record,
#    index for search) of the Enron folder (3,329 messages), against Python's `email`
#    package only parsing the same files (BytesParser with the modern default policy, plus
#    reading Subject/From/Date, which is where that policy does its header work). Rounds
#    alternate; medians, messages per second and the ratio are printed (goal: >= 2x).
# 2. Memory: peak resident memory (/usr/bin/time -v, "Maximum resident set size") of
#    `dossier ingest` of a ~1 GB mbox generated in a temporary folder from the corpus's
#    messages, each copy made unique by an X-Bench-Copy header so that none is deduplicated
#    away (goal: < 500 MB).
#
# 3. For context, when the release examples are built (cargo build --release -p
#    dossier-extract --example parse_emails; the same for -p dossier-ingest --example
#    ingest_timing): the email parser alone (one thread, nothing stored), and the pipeline
#    without the search index (originals fsynced, SQLite), to show where the time goes.
#
# usage: benches/email-vs-python.sh PATH/TO/dossier [ROUNDS] [MBOX_MB]   (MBOX_MB=0: no mbox)
set -euo pipefail
dossier=$1
rounds=${2:-3}
mbox_mb=${3:-1024}
corpus=${DOSSIER_CORPUS:-$(cd "$(dirname "$0")/.." && pwd)/../shared/corpus}
enron="$corpus/emails/enron"
[ -d "$enron" ] || { echo "SKIPPED: no corpus at $enron" >&2; exit 0; }
command -v python3 >/dev/null || { echo "SKIPPED: python3 is not installed" >&2; exit 0; }
work=$(mktemp -d)
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT

messages=$(find "$enron" -type f | wc -l)
cat >"$work/parse.py" <<'PY'
import os, sys
from email import policy
from email.parser import BytesParser

parser = BytesParser(policy=policy.default)
count = 0
for root, _, files in os.walk(sys.argv[1]):
    for name in files:
        with open(os.path.join(root, name), "rb") as f:
            msg = parser.parse(f)
        msg["subject"], msg["from"], msg["date"]
        count += 1
print(count)
PY

now() { date +%s.%N; }
py=() ours=() ratios=()
for i in $(seq "$rounds"); do
  t0=$(now)
  parsed=$(python3 "$work/parse.py" "$enron")
  t1=$(now)
  "$dossier" init "$work/case$i" >/dev/null
  "$dossier" ingest "$work/case$i" "$enron" >/dev/null
  t2=$(now)
  [ "$parsed" = "$messages" ] || { echo "python parsed $parsed of $messages" >&2; exit 1; }
  py+=("$(echo "$t1 - $t0" | bc)")
  ours+=("$(echo "$t2 - $t1" | bc)")
  # Each round's own ratio: on a shared machine the load changes more between minutes than
  # between two runs seconds apart.
  ratios+=("$(echo "${py[-1]} / ${ours[-1]}" | bc -l)")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
mp=$(median "${py[@]}")
mo=$(median "${ours[@]}")
printf 'Enron folder: %s messages, %s rounds, medians:\n' "$messages" "$rounds"
printf '  python3 email (parse only)       : %.3f s  %8.0f messages/s\n' "$mp" "$(echo "$messages / $mp" | bc -l)"
printf '  dossier init + ingest (full)     : %.3f s  %8.0f messages/s\n' "$mo" "$(echo "$messages / $mo" | bc -l)"
printf '  dossier speed / python speed     : %.2fx of the medians; %.2fx median of the rounds'"'"' ratios (%s) (goal: at least 2x)\n' \
  "$(echo "$mp / $mo" | bc -l)" "$(median "${ratios[@]}")" "$(printf '%.2f ' "${ratios[@]}" | sed 's/ $//')"
parser_only="$(dirname "$dossier")/examples/parse_emails"
if [ -x "$parser_only" ]; then
  printf '  dossier email parser alone       : %s\n' "$("$parser_only" "$enron")"
fi
pipeline_only="$(dirname "$dossier")/examples/ingest_timing"
if [ -x "$pipeline_only" ]; then
  printf '  dossier ingest without the index : %s\n' "$("$pipeline_only" "$enron")"
fi
[ "$mbox_mb" -gt 0 ] || exit 0

# A ~1 GB mbox of unique messages, mboxrd-quoted, from every message file of the corpus.
python3 "$(dirname "$0")/big-mbox.py" "$corpus/emails" "$work/big.mbox" "$mbox_mb"
mbox_bytes=$(stat -c %s "$work/big.mbox")
"$dossier" init "$work/bigcase" >/dev/null
t0=$(now)
# Exit 1 means some items are listed as failed (the corpus's one broken PDF attachment, whose
# text cannot be extracted): counted below, not an error of the benchmark.
/usr/bin/time -v "$dossier" ingest "$work/bigcase" "$work/big.mbox" --json >"$work/big.json" 2>"$work/time.txt" ||
  [ $? -eq 1 ]
t1=$(now)
rss_kb=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$work/time.txt")
added=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["added"], len(d["failed"]))' "$work/big.json")
printf 'mbox of %s bytes: ingested in %.1f s; added, failed: %s\n' "$mbox_bytes" "$(echo "$t1 - $t0" | bc)" "$added"
printf '  peak resident memory             : %.0f MB (goal: under 500 MB)\n' "$(echo "$rss_kb / 1024" | bc -l)"
