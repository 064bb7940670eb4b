#!/usr/bin/env bash
# Benchmark: text of very long PDFs (1,000, 5,000 and 20,000 pages), Dossier's PDF worker
# (`dossier-pdf-worker`, the process the app runs per PDF, under the app's memory limit)
# against `pdftotext` on the same files, side by side in every round.
#
# The files are a real court filing from the corpus (58 pages, three fonts) repeated by
# `qpdf --empty --pages` until it has the page count, as a merged production would be.
# Both tools write every page's text to a file; a run counts only when its output holds
# every page (the worker's `meta.page_count` and end record, pdftotext's form feeds).
# Rounds alternate the order of the two tools; each round's ratio is taken within the
# round (on a shared machine the load changes between minutes more than between two runs
# seconds apart), and the table shows medians. Goal: at most 3x pdftotext's time at every
# size, and never near the app's limits per PDF (120 s, 2048 MiB).
#
# usage: benches/large-pdf-vs-pdftotext.sh PATH/TO/dossier-pdf-worker [ROUNDS] [SOURCE_PDF]
#   SIZES="1000 5000 20000" (default) sets the page counts.
set -euo pipefail
worker=$1
rounds=${2:-3}
corpus=${DOSSIER_CORPUS:-$(cd "$(dirname "$0")/.." && pwd)/../shared/corpus}
source_pdf=${3:-$corpus/pdfs/legal/district/gov.uscourts.cacd.630322.94.0.pdf}
sizes=${SIZES:-1000 5000 20000}
limit_secs=120
limit_mb=2048
[ -f "$source_pdf" ] || { echo "SKIPPED: no source PDF at $source_pdf" >&2; exit 0; }
for tool in qpdf pdftotext bc; do
  command -v "$tool" >/dev/null || { echo "SKIPPED: $tool is not installed" >&2; exit 0; }
done
[ -x /usr/bin/time ] || { echo "SKIPPED: /usr/bin/time is not installed" >&2; exit 0; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A PDF of exactly $1 pages: the source's pages over and over, the last copy cut short.
make_pdf() {
  local pages=$1 out=$2 per left k args=()
  per=$(qpdf --show-npages "$source_pdf")
  left=$pages
  while [ "$left" -gt 0 ]; do
    k=$((left < per ? left : per))
    args+=("$source_pdf" "1-$k")
    left=$((left - k))
  done
  # Warnings about the source's cross-reference table are qpdf's (exit 3), not failures.
  qpdf --empty --pages "${args[@]}" -- "$out" 2>/dev/null || [ $? -eq 3 ]
  [ "$(qpdf --show-npages "$out")" -eq "$pages" ]
}

# The worker's request (the framed format of dossier_extract::pdf_frame): one `pdf` record.
make_request() {
  local pdf=$1 out=$2
  {
    printf 'DOSSIER-PDF 1\npdf %s\n' "$(stat -c %s "$pdf")"
    cat "$pdf"
    printf '\nend 0\n\n'
  } >"$out"
}

now() { date +%s.%N; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
most() { printf '%s\n' "$@" | sort -n | tail -1; }

printf 'source: %s (%s pages); %s rounds per size\n' "$(basename "$source_pdf")" "$(qpdf --show-npages "$source_pdf")" "$rounds"
printf '%8s  %14s  %14s  %16s  %12s  %s\n' pages "pdftotext s" "dossier s" "dossier/pdftotext" "peak RSS MB" "ratio per round"
worst_ratio=0 worst_secs=0 worst_mb=0
for pages in $sizes; do
  pdf="$work/$pages.pdf"
  make_pdf "$pages" "$pdf"
  make_request "$pdf" "$work/$pages.request"
  peer=() ours=() ratios=() rss=()
  for i in $(seq "$rounds"); do
    run_peer() {
      local t0 t1
      t0=$(now)
      pdftotext "$pdf" "$work/peer.txt"
      t1=$(now)
      peer+=("$(echo "$t1 - $t0" | bc)")
      # pdftotext ends every page with a form feed.
      local got
      got=$(tr -cd '\f' <"$work/peer.txt" | wc -c)
      [ "$got" -eq "$pages" ] || { echo "pdftotext gave $got of $pages pages" >&2; exit 1; }
    }
    run_ours() {
      local t0 t1
      t0=$(now)
      /usr/bin/time -f %M -o "$work/rss" \
        "$worker" --memory-mb "$limit_mb" <"$work/$pages.request" >"$work/ours.reply"
      t1=$(now)
      ours+=("$(echo "$t1 - $t0" | bc)")
      rss+=("$(($(cat "$work/rss") / 1024))")
      local count
      count=$(grep -a -m1 -A1 '^meta.page_count ' "$work/ours.reply" | tail -1)
      [ "$count" = "$pages" ] && tail -c 7 "$work/ours.reply" | cmp -s - <(printf 'end 0\n\n') ||
        { echo "the worker's reply does not hold $pages pages" >&2; exit 1; }
    }
    if ((i % 2)); then run_peer; run_ours; else run_ours; run_peer; fi
    ratios+=("$(echo "${ours[-1]} / ${peer[-1]}" | bc -l)")
  done
  ratio=$(median "${ratios[@]}")
  printf '%8s  %14.2f  %14.2f  %16.2fx  %12s  %s\n' "$pages" "$(median "${peer[@]}")" "$(median "${ours[@]}")" \
    "$ratio" "$(most "${rss[@]}")" "$(printf '%.2f ' "${ratios[@]}" | sed 's/ $//')"
  worst_ratio=$(printf '%s\n' "$worst_ratio" "$ratio" | sort -n | tail -1)
  worst_secs=$(printf '%s\n' "$worst_secs" "${ours[@]}" | sort -n | tail -1)
  worst_mb=$(most "$worst_mb" "${rss[@]}")
  rm -f "$pdf" "$work/$pages.request" "$work/peer.txt" "$work/ours.reply"
done
over=$(echo "$worst_secs > $limit_secs" | bc)
printf 'worst: %.2fx pdftotext (goal: at most 3x at every size); slowest run %.1f s of the %s s limit%s; peak RSS %s MB of the %s MiB limit\n' \
  "$worst_ratio" "$worst_secs" "$limit_secs" "$([ "$over" = 1 ] && echo ' (OVER: the app would have killed it)')" "$worst_mb" "$limit_mb"
