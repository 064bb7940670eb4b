#!/usr/bin/env bash
# Benchmark: the review UI on a large case, driven in headless Chromium through `dossier serve`.
#
# Serves a case (by default the ~302,000-message case that serve-latency.sh builds and keeps in
# SERVE_LATENCY_DIR; a copy is made first, since serving migrates and the bulk tag writes) and
# runs benches/review-ui.mjs on it: the case home's open (navigation to first rows drawn), first
# rows after the screen appears, a re-sort by date, scrolling (wheel-like and to the end: frame
# times, long tasks), and selecting every hit of a ~10,000-hit query, tagging them and one undo,
# with the case checked (verify, tag counts, review counts) to be exactly as before.
#
# usage: benches/review-ui.sh PATH/TO/dossier [CASE]
#   CASE: a case folder to copy and serve (default $SERVE_LATENCY_DIR/case-0)
# env:  SERVE_LATENCY_DIR  where serve-latency.sh keeps its case (default /tmp/serve-latency)
#       REVIEW_UI_DIR      scratch folder for the copy (default: a temporary one, removed at the end)
#       QUERY              the bulk tag's query (default: "california", 11,173 hits on that case)
#       RUNS               runs per measure (default 5)
#       DOSSIER_CHROMIUM   the Chromium to drive (default /usr/bin/chromium)
set -euo pipefail
dossier=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
source_case=${2:-${SERVE_LATENCY_DIR:-/tmp/serve-latency}/case-0}
query=${QUERY:-california}
runs=${RUNS:-5}
[ -f "$source_case/dossier.sqlite" ] || { echo "SKIPPED: no case at $source_case (run benches/serve-latency.sh first)" >&2; exit 0; }
[ -x "${DOSSIER_CHROMIUM:-/usr/bin/chromium}" ] || { echo "SKIPPED: no Chromium" >&2; exit 0; }
[ -d "$here/../ui/dist" ] || { echo "build the UI first: (cd ui && npx vite build)" >&2; exit 1; }

if [ -n "${REVIEW_UI_DIR:-}" ]; then
  work=$REVIEW_UI_DIR
  mkdir -p "$work"
  keep=1
else
  work=$(mktemp -d)
  keep=0
fi
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && { wait "$server" 2>/dev/null || true; }
  [ "$keep" = 1 ] || { chmod -R u+w "$work"; rm -rf "$work"; }
}
trap cleanup EXIT

case_dir=$work/case
if [ ! -f "$case_dir/dossier.sqlite" ]; then
  echo "copying $source_case ($(du -sh "$source_case" | cut -f1)) to $case_dir"
  cp -a "$source_case" "$case_dir"
fi

"$dossier" serve "$case_dir" --ui-dir "$here/../ui/dist" >"$work/serve.out" 2>"$work/serve.err" &
server=$!
for _ in $(seq 600); do
  grep -q '^http' "$work/serve.out" 2>/dev/null && break
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.err" >&2; exit 1; }
  sleep 0.1
done
url=$(grep -m1 '^http' "$work/serve.out")
echo "dossier: $dossier"
echo "case: $source_case (served from a copy), query for the bulk tag: $query, runs: $runs"
node "$here/review-ui.mjs" "$url" "$query" "$runs"
