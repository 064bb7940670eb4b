#!/usr/bin/env bash
# Desktop smoke test: opens the real Dossier window on a case, headless, and screenshots it.
#
# usage: tests/desktop/smoke.sh APP CASE SCREENSHOT
#   APP         the built binary, e.g. target/debug/dossier-desktop
#   CASE        a case folder (make one with `dossier init CASE`)
#   SCREENSHOT  where to save the PNG, e.g. target/artifacts/desktop-smoke.png
#
# It passes when, within DOSSIER_SMOKE_TIMEOUT seconds (default 60):
#   1. a window titled "Dossier — <case folder name>" appears (the shell names the case), and
#   2. the title becomes "Dossier — <case name> — N documents", which the UI sets only after the
#      case summary came back from Rust through Tauri IPC and was rendered.
# It runs its own Xvfb (through xvfb-run), so it never touches the caller's display.
set -euo pipefail

usage() {
  echo "usage: $0 APP CASE SCREENSHOT" >&2
  exit 2
}
fail() {
  echo "desktop smoke: FAIL: $*" >&2
  exit 1
}

[ $# -eq 3 ] || usage
app=$1
case_dir=$2
shot=$3
timeout=${DOSSIER_SMOKE_TIMEOUT:-60}

[ -x "$app" ] || fail "no executable at $app (build it with: cargo build -p dossier-desktop)"
[ -d "$case_dir" ] || fail "no case folder at $case_dir (make one with: dossier init CASE)"

# Re-run this script inside a fresh X server on a free display (-a) with a fixed screen size.
if [ "${DOSSIER_SMOKE_IN_XVFB:-}" != 1 ]; then
  for tool in xvfb-run xdotool import; do
    command -v "$tool" >/dev/null || fail "$tool is missing (run scripts/install-system-deps.sh)"
  done
  export DOSSIER_SMOKE_IN_XVFB=1
  exec xvfb-run -a -s '-screen 0 1280x800x24' "$0" "$@"
fi

app=$(cd "$(dirname "$app")" && pwd -P)/$(basename "$app")
case_dir=$(cd "$case_dir" && pwd -P)
case_name=$(basename "$case_dir")
mkdir -p "$(dirname "$shot")"

# xdotool matches window names with extended regular expressions: quote the case name.
regex_quote() {
  printf '%s' "$1" | sed -e 's/[][\\.^$*+?(){}|]/\\&/g'
}
name_re=$(regex_quote "$case_name")

# Known fix for blank WebKitGTK windows on machines with a GPU; harmless under Xvfb.
export WEBKIT_DISABLE_DMABUF_RENDERER=${WEBKIT_DISABLE_DMABUF_RENDERER:-1}
export WEBKIT_DISABLE_COMPOSITING_MODE=${WEBKIT_DISABLE_COMPOSITING_MODE:-1}

log=$(mktemp)
"$app" "$case_dir" >"$log" 2>&1 &
app_pid=$!

cleanup() {
  if kill -0 "$app_pid" 2>/dev/null; then
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  rm -f "$log"
}
trap cleanup EXIT

# The title of the app's window, or nothing; for failure messages.
# (xdotool matches names case-insensitively, so '^Dossier' alone would also find GTK's hidden
# "dossier-desktop" leader window.)
current_title() {
  local id=${window:-}
  [ -n "$id" ] || id=$(xdotool search --name '^Dossier — ' 2>/dev/null | head -n 1) || true
  if [ -n "$id" ]; then
    xdotool getwindowname "$id" 2>/dev/null || true
  fi
}

show_app_output() {
  echo "--- app output ---" >&2
  if [ -s "$log" ]; then cat "$log" >&2; else echo "(none)" >&2; fi
  echo "---" >&2
}

# Fails after saving what the screen showed, for whoever reads the CI log.
fail_with_screenshot() {
  if import -window root "$shot" 2>/dev/null; then
    echo "desktop smoke: screenshot of the failure at $shot" >&2
  fi
  fail "$@"
}

# Polls until a window whose name matches $1 exists; prints its id.
wait_for_window() {
  local pattern=$1 what=$2 id
  local deadline=$((SECONDS + timeout))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if ! kill -0 "$app_pid" 2>/dev/null; then
      show_app_output
      fail_with_screenshot "the app exited while waiting for $what"
    fi
    id=$(xdotool search --name "$pattern" 2>/dev/null | head -n 1) || true
    if [ -n "$id" ]; then
      printf '%s\n' "$id"
      return 0
    fi
    sleep 0.2
  done
  show_app_output
  fail_with_screenshot "timed out after ${timeout}s waiting for $what (window title now: '$(current_title)')"
}

started=$SECONDS
window=
window=$(wait_for_window "^Dossier — ${name_re}" "a window titled 'Dossier — $case_name'")
echo "desktop smoke: window $window appeared after $((SECONDS - started))s"
wait_for_window "^Dossier — ${name_re} — [0-9][^ ]* documents?\$" \
  "the UI to show the case summary (title 'Dossier — $case_name — N documents')" >/dev/null
title=$(xdotool getwindowname "$window")
echo "desktop smoke: UI rendered the case after $((SECONDS - started))s: $title"

# WebKit paints a frame or two after the DOM changes: settle briefly before the screenshot.
sleep 0.5
import -window root "$shot"
echo "desktop smoke: PASS, screenshot at $shot"
