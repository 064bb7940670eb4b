#!/usr/bin/env bash
# Benchmark: latency of `dossier serve` on a large case, through HTTP as the UI calls it.
#
# Builds (or reuses) a case from the ~1 GB, ~302,000-message mbox that email-vs-python.sh
# ingests (the same generator, benches/big-mbox.py), starts `dossier serve` on it, and times
# many calls over one keep-alive connection: searches (a term, phrases with common words,
# AND, OR, a prefix, and a term filtered by kind and date), `summary`, `show` and `timeline`.
# Prints p50 and p99 per kind of call: the whole HTTP round trip, and the server's own share
# when the server reports it (its `Server-Timing: dispatch;dur=MS` header; servers built
# before that header existed show "-"). A request for a file the UI does not have, answered
# without running any command, gives the floor of an HTTP round trip on this machine.
#
# usage: benches/serve-latency.sh PATH/TO/dossier [MESSAGES]
#   MESSAGES: messages in the generated mbox (default: the whole 1 GB, ~302,000);
#             `demo` instead builds the small sample case (`dossier demo`) to check the logic.
# env:  SERVE_LATENCY_DIR  folder that keeps the mbox and the case between runs (reused when
#                          present, so two binaries are measured on the same case; without
#                          it, a temporary folder removed at the end)
#       CALLS              calls per kind (default 200)
#       DOSSIER_CORPUS     the shared corpus (default ../shared/corpus)
set -euo pipefail
dossier=$(realpath "$1")
messages=${2:-0}
calls=${CALLS:-200}
here=$(cd "$(dirname "$0")" && pwd)
corpus=${DOSSIER_CORPUS:-$here/../../shared/corpus}
command -v python3 >/dev/null || { echo "SKIPPED: python3 is not installed" >&2; exit 0; }
if [ -n "${SERVE_LATENCY_DIR:-}" ]; then
  work=$SERVE_LATENCY_DIR
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

if [ "$messages" = demo ]; then
  case_dir=$work/demo-case
  [ -d "$case_dir" ] || "$dossier" demo "$case_dir" >/dev/null
  mode=demo
else
  [ -d "$corpus/emails" ] || { echo "SKIPPED: no corpus at $corpus" >&2; exit 0; }
  case_dir=$work/case-$messages
  if [ ! -f "$case_dir/dossier.sqlite" ] || [ ! -f "$case_dir.built" ]; then
    rm -rf "$case_dir"
    [ -f "$work/big-$messages.mbox" ] ||
      python3 "$here/big-mbox.py" "$corpus/emails" "$work/big-$messages.mbox" 1024 "$messages"
    "$dossier" init "$case_dir" >/dev/null
    t0=$(date +%s.%N)
    # Exit 1 means some items are listed as failed (the corpus's one broken PDF attachment).
    "$dossier" ingest "$case_dir" "$work/big-$messages.mbox" --json >"$work/ingest.json" || [ $? -eq 1 ]
    printf 'case built by %s in %.0f s\n' "$dossier" "$(echo "$(date +%s.%N) - $t0" | bc)"
    echo "$dossier" >"$case_dir.built"
  fi
  mode=mail
fi

"$dossier" serve "$case_dir" >"$work/serve.out" 2>"$work/serve.err" &
server=$!
for _ in $(seq 600); do
  grep -q '^http' "$work/serve.out" 2>/dev/null && break
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.err" >&2; exit 1; }
  sleep 0.1
done
url=$(grep -m1 '^http' "$work/serve.out")

python3 - "$url" "$calls" "$mode" <<'PY'
import http.client, json, random, sys, time, urllib.parse

url, calls, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
parts = urllib.parse.urlsplit(url)
token = urllib.parse.parse_qs(parts.query)["token"][0]
conn = http.client.HTTPConnection(parts.hostname, parts.port)

def call(command, args):
    body = json.dumps(args).encode()
    headers = {"Content-Type": "application/json", "Host": parts.netloc}
    headers["Authorization"] = "Bearer " + token
    t0 = time.perf_counter()
    conn.request("POST", "/api/" + command, body, headers)
    response = conn.getresponse()
    data = response.read()
    elapsed = (time.perf_counter() - t0) * 1000
    server = None
    for part in (response.getheader("Server-Timing") or "").split(","):
        name, _, rest = part.strip().partition(";")
        if name == "dispatch" and rest.startswith("dur="):
            server = float(rest[4:])
    if response.status != 200:
        sys.exit(f"{command} {args}: HTTP {response.status}: {data[:300]!r}")
    return elapsed, server, json.loads(data)

if mode == "demo":
    searches = {
        "search term": {"query": "linkwise"},
        "search phrase": {"query": '"opted in"'},
        "search AND": {"query": "privacy AND training"},
        "search OR": {"query": "consent OR policy"},
        "search prefix": {"query": "train*"},
        "search kind+since": {"query": "linkwise", "kind": "email", "since": "2020-01-01"},
    }
else:
    searches = {
        "search term": {"query": "pipeline"},
        "search phrase": {"query": '"please let me know if you have any questions"'},
        "search AND": {"query": "gas AND price"},
        "search OR": {"query": "california OR texas"},
        "search prefix": {"query": "transmi*"},
        "search kind+since": {"query": "energy", "kind": "email", "since": "2001-01-01"},
    }

summary = call("summary", {})[2]
documents = summary["documents"]
rng = random.Random(7)
results = {}
def measure(name, make_args, command):
    rows = []
    for _ in range(calls):
        command_name, args = command, make_args()
        elapsed, server, out = call(command_name, args)
        rows.append((elapsed, server, out))
    results[name] = rows

def static_miss():
    t0 = time.perf_counter()
    conn.request("GET", "/no-such-file", headers={"Host": parts.netloc})
    conn.getresponse().read()
    return (time.perf_counter() - t0) * 1000

floor = [static_miss() for _ in range(calls)]
for name, args in searches.items():
    call("search", args)  # once before timing: the first search opens the index
    measure(name, lambda a=args: a, "search")
measure("summary", lambda: {}, "summary")
measure("show", lambda: {"doc": rng.randint(1, documents)}, "show")
measure("timeline", lambda: {}, "timeline")

def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]

print(f"dossier serve on {documents} documents, {calls} calls per kind, one keep-alive connection")
print(f"{'call':<20}{'HTTP p50':>10}{'HTTP p99':>10}{'server p50':>12}{'server p99':>12}  notes")
fmt = lambda v: "-" if v is None else f"{v:.1f}"
print(f"{'(static miss)':<20}{fmt(pct(floor, 50)):>10}{fmt(pct(floor, 99)):>10}{'-':>12}{'-':>12}  HTTP floor")
for name, rows in results.items():
    http_ms = [r[0] for r in rows]
    server_ms = [r[1] for r in rows if r[1] is not None]
    out = rows[-1][2]
    notes = ""
    if name.startswith("search"):
        notes = f"total {out['total']}" + (", INDEX BEHIND" if out.get("index_behind") else "")
    print(f"{name:<20}{fmt(pct(http_ms, 50)):>10}{fmt(pct(http_ms, 99)):>10}"
          f"{fmt(pct(server_ms, 50) if server_ms else None):>12}{fmt(pct(server_ms, 99) if server_ms else None):>12}  {notes}")
print("milliseconds; goals: server share of a search < 10 ms p50; summary, show, timeline < 20 ms;"
      " HTTP search p50 <= 20 ms, p99 <= 100 ms")
PY
