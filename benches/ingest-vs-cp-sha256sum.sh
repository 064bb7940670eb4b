#!/usr/bin/env bash
# Benchmark: `dossier ingest --no-extract` of the 4,000-file email folder as opaque files
# (each original hashed, deduplicated, stored content-addressed and durable, recorded with its
# source and audit row; no text extracted), against the floor a user could do by hand —
# `cp -r` of the same folder plus `sha256sum` of every copied file.
# Both run in every round, in alternating order; the median of the rounds' ratios is the figure.
#
# usage: benches/ingest-vs-cp-sha256sum.sh PATH/TO/dossier [ROUNDS]
set -euo pipefail
dossier=$1
rounds=${2:-5}
corpus=${DOSSIER_CORPUS:-$(cd "$(dirname "$0")/.." && pwd)/../shared/corpus}
src="$corpus/emails"
[ -d "$src" ] || { echo "SKIPPED: no corpus at $src" >&2; exit 0; }
work=$(mktemp -d)
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT

files=$(find "$src" -type f | wc -l)
bytes=$(du -sb "$src" | cut -f1)
now() { date +%s.%N; }
# One round runs both, in alternating order (so neither always meets a disk or a page cache
# the other left busy), and its ratio is taken within the round: on a shared machine the
# load changes from one minute to the next far more than between two runs seconds apart.
floor=() durable=() ours=() ratios=()
for i in $(seq "$rounds"); do
  copy() {
    local t0 t1 t2
    t0=$(now)
    cp -r "$src" "$work/copy$i"
    find "$work/copy$i" -type f -print0 | xargs -0 sha256sum >/dev/null
    t1=$(now)
    # Dossier fsyncs every original before recording it; the same durability for the copy:
    sync -f "$work/copy$i"
    t2=$(now)
    floor+=("$(echo "$t1 - $t0" | bc)")
    durable+=("$(echo "$t2 - $t0" | bc)")
  }
  ingest() {
    local t0 t1
    t0=$(now)
    "$dossier" init "$work/case$i" >/dev/null
    "$dossier" ingest "$work/case$i" "$src" --no-extract >/dev/null
    t1=$(now)
    ours+=("$(echo "$t1 - $t0" | bc)")
  }
  if ((i % 2)); then copy; ingest; else ingest; copy; fi
  ratios+=("$(echo "${ours[-1]} / ${floor[-1]}" | bc -l)")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
least() { printf '%s\n' "$@" | sort -n | head -1; }
mf=$(median "${floor[@]}")
md=$(median "${durable[@]}")
mo=$(median "${ours[@]}")
printf 'ingest of %s files (%s bytes), %s rounds, medians (fastest in brackets):\n' "$files" "$bytes" "$rounds"
printf '  cp -r + sha256sum          : %.3f s (%.3f)\n' "$mf" "$(least "${floor[@]}")"
printf '  cp -r + sha256sum + sync   : %.3f s (%.3f)\n' "$md" "$(least "${durable[@]}")"
printf '  dossier init + ingest      : %.3f s (%.3f) (--no-extract: every original durable, recorded, audited)\n' "$mo" "$(least "${ours[@]}")"
printf '  ratio to cp + sha256sum    : %.2fx median of the rounds'"'"' ratios (%s), %.2fx fastest to fastest (goal: at most 2x)\n' \
  "$(median "${ratios[@]}")" "$(printf '%.2f ' "${ratios[@]}" | sed 's/ $//')" "$(echo "$(least "${ours[@]}") / $(least "${floor[@]}")" | bc -l)"
printf '  ratio to the durable copy  : %.2fx (medians)\n' "$(echo "$mo / $md" | bc -l)"
