#!/usr/bin/env bash
# Benchmark: whole-process `dossier search CASE QUERY` on a case of the Enron mail against
# `notmuch search QUERY` on the same folder (Debian's notmuch, the tool a mail user already
# has), side by side in one run. Each query runs on both in every round, in alternating order;
# each query's median time counts, and the ratio is the sum of Dossier's medians over
# notmuch's. Both print their default output (Dossier: the top 20 documents with snippets;
# notmuch: every matching thread's summary line) to /dev/null. The hit counts are printed
# beside (they differ: notmuch counts threads, stems no phrase, and searches headers too).
#
# Whole-process time includes opening the case. To show where Dossier's time goes, the same
# rounds also time `dossier --version` (starting the process) and a search refused as
# unreadable (`"unclosed`: starting, opening the case and its index, parsing, no search).
#
# usage: benches/search-vs-notmuch.sh PATH/TO/dossier [ROUNDS]
set -euo pipefail
dossier=$1
rounds=${2:-7}
corpus=${DOSSIER_CORPUS:-$(cd "$(dirname "$0")/.." && pwd)/../shared/corpus}
mail="$corpus/emails/enron"
[ -d "$mail" ] || { echo "SKIPPED: no corpus at $mail" >&2; exit 0; }
command -v notmuch >/dev/null || { echo "notmuch is not installed (scripts/install-system-deps.sh)" >&2; exit 1; }
work=$(mktemp -d)
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT

# notmuch's database lives in the work folder; the mail stays where it is, read only.
export NOTMUCH_CONFIG="$work/notmuch-config"
cat > "$NOTMUCH_CONFIG" <<EOF
[database]
path=$work/notmuch-db
mail_root=$mail
[new]
tags=inbox;
[search]
exclude_tags=
[maildir]
synchronize_flags=false
EOF
mkdir -p "$work/notmuch-db"
now() { date +%s.%N; }
t0=$(now)
notmuch new --quiet >/dev/null 2>&1
t1=$(now)
"$dossier" init "$work/case" >/dev/null
"$dossier" ingest "$work/case" "$mail" >/dev/null 2>&1 || true  # exit 1 lists unreadable items
"$dossier" search "$work/case" warmup >/dev/null  # the index is complete before timing
t2=$(now)
printf 'indexed %s: notmuch new %.1f s (%s messages), dossier init + ingest %.1f s (%s documents)\n' \
  "emails/enron" "$(echo "$t1 - $t0" | bc)" "$(notmuch count '*')" "$(echo "$t2 - $t1" | bc)" \
  "$("$dossier" search "$work/case" '*' --limit 1 --json | sed -n 's/.*"total": *\([0-9]*\).*/\1/p' | head -1)"

queries=(
  'enron'
  'meeting'
  'california power'
  'the meeting'
  'energy AND trading'
  'gas OR electricity'
  'contract -gas'
  '"natural gas"'
  '"in the"'
  '"did not"'
  '"let me know"'
  '"out of the office"'
)

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
time_of() { local a b; a=$(now); "$@" >/dev/null 2>&1 || true; b=$(now); echo "$b - $a" | bc; }

printf '\n%-22s %12s %12s %7s %10s %10s\n' query 'dossier ms' 'notmuch ms' ratio 'dossier n' 'notmuch n'
sum_ours=0 sum_theirs=0 ratios=()
for q in "${queries[@]}"; do
  ours=() theirs=()
  for i in $(seq "$rounds"); do
    if ((i % 2)); then
      ours+=("$(time_of "$dossier" search "$work/case" "$q")")
      theirs+=("$(time_of notmuch search "$q")")
    else
      theirs+=("$(time_of notmuch search "$q")")
      ours+=("$(time_of "$dossier" search "$work/case" "$q")")
    fi
  done
  mo=$(median "${ours[@]}")
  mt=$(median "${theirs[@]}")
  sum_ours=$(echo "$sum_ours + $mo" | bc)
  sum_theirs=$(echo "$sum_theirs + $mt" | bc)
  ratios+=("$(echo "$mo / $mt" | bc -l)")
  n_ours=$("$dossier" search "$work/case" "$q" --limit 1 --json | sed -n 's/.*"total": *\([0-9]*\).*/\1/p' | head -1)
  n_theirs=$(notmuch count "$q")
  printf '%-22s %12.1f %12.1f %6.2fx %10s %10s\n' "$q" "$(echo "$mo * 1000" | bc)" "$(echo "$mt * 1000" | bc)" \
    "$(echo "$mo / $mt" | bc -l)" "$n_ours" "$n_theirs"
done
printf '%-22s %12.1f %12.1f %6.2fx  (dossier / notmuch, summed medians; goal: at most 1.0x)\n' all \
  "$(echo "$sum_ours * 1000" | bc)" "$(echo "$sum_theirs * 1000" | bc)" "$(echo "$sum_ours / $sum_theirs" | bc -l)"
# The sum leans on the queries where notmuch prints thousands of threads; the geometric mean
# of the per-query ratios weighs every query alike.
printf '%-22s %32.2fx  (geometric mean of the per-query ratios)\n' '' \
  "$(printf '%s\n' "${ratios[@]}" | awk '{s += log($1)} END {print exp(s / NR)}')"

start=() refused=()
for i in $(seq "$rounds"); do
  start+=("$(time_of "$dossier" --version)")
  refused+=("$(time_of "$dossier" search "$work/case" '"unclosed')")
done
printf '\nwhere a dossier search spends its time (medians of %s rounds):\n' "$rounds"
printf '  start the process (dossier --version)                 : %6.1f ms\n' "$(echo "$(median "${start[@]}") * 1000" | bc)"
printf '  start, open the case and its index, refuse the query  : %6.1f ms\n' "$(echo "$(median "${refused[@]}") * 1000" | bc)"
printf '  a whole search (the mean of the queries'"'"' medians above) : %6.1f ms\n' "$(echo "$sum_ours * 1000 / ${#queries[@]}" | bc -l)"
