#!/usr/bin/env bash
# Benchmark: reading web archives, Dossier against warcio, side by side in one run.
#
# Both read every record of the same files with digests checked and every payload decoded
# (HTTP de-chunked and decompressed): warcio 1.8.2's ArchiveIterator(check_digests=True)
# reading each record's content_stream(), against the `warc_read` example of dossier-extract
# (the reader the WARC container uses in ingest). The input is the corpus's WARC and ARC files that warcio
# reads without error, plus a larger file made in a temporary folder by concatenating
# pywb_iana.warc.gz COPIES times (gzip members concatenate into a valid .warc.gz), so the
# times are long enough to measure; then that file uncompressed. Rounds alternate; medians
# of wall and CPU time (user + system, /usr/bin/time) and their ratios are printed (goal:
# >= 5x). Both sides must count the same records and payload bytes.
#
# usage: benches/warc-vs-warcio.sh PATH/TO/warc_read [ROUNDS] [COPIES]
#   (build it: cargo build --release -p dossier-extract --example warc_read; it is then
#   target/release/examples/warc_read)
#
# Tuning (3 rounds, 16 copies, one run each on a loaded 2-core machine, so wall times are noisy):
#   before: gzip 3.57x wall, 4.06x CPU; plain 6.07x wall, 6.12x CPU.
#   gzip members read with one reused raw-inflate state and output buffer instead of a new
#   GzDecoder and 64 KiB BufReader per member (crates/extract/src/warc/source.rs):
#   gzip 4.60x wall, 4.33x CPU. perf then: inflate ~40% of cycles, SHA-256 (Dossier's own
#   record hash) ~14%, SHA-1 (the declared block and payload digests, as warcio checks)
#   ~12%, copies ~4%; allocation and zeroing per member are gone.
set -euo pipefail
reader=$1
rounds=${2:-3}
copies=${3:-16}
corpus=${DOSSIER_CORPUS:-$(cd "$(dirname "$0")/.." && pwd)/../shared/corpus}
dir="$corpus/warc"
[ -d "$dir" ] || { echo "SKIPPED: no corpus at $dir" >&2; exit 0; }
python3 -c 'import warcio' 2>/dev/null || { echo "SKIPPED: warcio is not installed (pip install warcio)" >&2; exit 0; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

files=()
while IFS=$'\t' read -r name kind summary; do
  [ "$kind" = "warc/arc" ] || continue
  case "$summary" in *'"error": null'*) files+=("$dir/$name") ;; esac
done < <(tail -n +2 "$dir/expected/INDEX.tsv")
for _ in $(seq "$copies"); do cat "$dir/pywb_iana.warc.gz"; done >"$work/iana-x$copies.warc.gz"
files+=("$work/iana-x$copies.warc.gz")

cat >"$work/read.py" <<'PY'
import sys
from warcio.archiveiterator import ArchiveIterator

records = payload = 0
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        for record in ArchiveIterator(f, check_digests=True):
            records += 1
            payload += len(record.content_stream().read())
print(records, payload)
PY

now() { date +%s.%N; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# CPU seconds (user + system) of a command, from /usr/bin/time: on a shared machine the wall
# clock also counts other processes' turns, the CPU time only the command's own work.
cpu() { /usr/bin/time -f '%U %S' -o "$work/cpu" "$@" >"$work/out"; awk '{print $1 + $2}' "$work/cpu"; }
# Runs both readers ROUNDS times over the files given; prints wall and CPU medians and ratios.
compare() {
  local label=$1; shift
  local bytes py=() ours=() pyc=() oursc=() ratios=() cratios=() theirs mine
  bytes=$(cat "$@" | wc -c)
  for _ in $(seq "$rounds"); do
    t0=$(now); pyc+=("$(cpu python3 "$work/read.py" "$@" 2>/dev/null)"); t1=$(now); theirs=$(cat "$work/out")
    oursc+=("$(cpu "$reader" "$@")"); t2=$(now); mine=$(cat "$work/out")
    [ "${theirs%% *}" = "${mine%% *}" ] || { echo "records differ: warcio $theirs, dossier $mine" >&2; exit 1; }
    py+=("$(echo "$t1 - $t0" | bc)"); ours+=("$(echo "$t2 - $t1" | bc)")
    ratios+=("$(echo "${py[-1]} / ${ours[-1]}" | bc -l)")
    cratios+=("$(echo "${pyc[-1]} / ${oursc[-1]}" | bc -l)")
  done
  local mp mo
  mp=$(median "${py[@]}"); mo=$(median "${ours[@]}")
  printf '%s: %s files, %s bytes, %s records on both sides (decoded payload bytes: dossier %s, warcio %s), %s rounds, medians:\n' \
    "$label" "$#" "$bytes" "${mine%% *}" "${mine##* }" "${theirs##* }" "$rounds"
  printf '  warcio (check_digests + content_stream): %.3f s wall, %.3f s CPU, %6.1f MB/s wall\n' "$mp" "$(median "${pyc[@]}")" "$(echo "$bytes / $mp / 1000000" | bc -l)"
  printf '  dossier warc_read (the ingest reader)  : %.3f s wall, %.3f s CPU, %6.1f MB/s wall\n' "$mo" "$(median "${oursc[@]}")" "$(echo "$bytes / $mo / 1000000" | bc -l)"
  printf '  dossier / warcio speed: %.2fx wall (rounds %s), %.2fx CPU (rounds %s) (goal: at least 5x)\n' \
    "$(median "${ratios[@]}")" "$(printf '%.2f ' "${ratios[@]}" | sed 's/ $//')" \
    "$(median "${cratios[@]}")" "$(printf '%.2f ' "${cratios[@]}" | sed 's/ $//')"
}
compare "gzip (per-record members, the usual .warc.gz)" "${files[@]}"
# The same records uncompressed: no inflating, which both sides leave to zlib-class code,
# so this is the readers' own work.
gzip -dc "$work/iana-x$copies.warc.gz" >"$work/iana-x$copies.warc"
compare "plain .warc" "$work/iana-x$copies.warc"
