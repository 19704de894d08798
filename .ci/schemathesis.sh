#!/usr/bin/env bash
# Runs schemathesis against the demo server: the OpenAPI document must say
# what the server does. Starts `nocure serve --demo` on a fresh data
# directory and a free loopback port, waits until it answers, runs
# schemathesis once per role (the operations that role may use, with its
# token) and once for the pages (with the finance token's cookie) and the
# public routes, a bounded number of examples each, and fails on any 5xx or
# conformance failure. The server and its data are removed however it ends.
#
#   .ci/schemathesis.sh [BINARY]      (default target/debug/nocure)
#
# SCHEMATHESIS_EXAMPLES (default 20) bounds the examples per operation.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"

BIN="${1:-target/debug/nocure}"
EXAMPLES="${SCHEMATHESIS_EXAMPLES:-20}"
OUT="target/schemathesis"
VENV="target/schemathesis-venv"
mkdir -p "$OUT"

# schemathesis and its dependencies, pinned (.ci/schemathesis-requirements.txt).
if ! "$VENV/bin/schemathesis" --version 2>/dev/null | grep -q "version 4.32.5"; then
  if ! python3 -m venv "$VENV" 2>/dev/null; then
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-venv >/dev/null
    python3 -m venv "$VENV"
  fi
  "$VENV/bin/pip" install -q --disable-pip-version-check -r .ci/schemathesis-requirements.txt
fi
"$VENV/bin/schemathesis" --version

DATA="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$DATA"
}
trap cleanup EXIT

KEY="$(python3 -c 'import secrets; print(secrets.token_hex(32))')"
NOCURE_PSEUDONYM_KEY="$KEY" "$BIN" serve --demo --data "$DATA/store" --contracts contracts \
  --listen 127.0.0.1:0 >"$OUT/server.log" 2>&1 &
SERVER_PID=$!

# Ready when it says where it listens and /health answers (at most 60 s).
BASE=""
for _ in $(seq 1 120); do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "the server stopped while starting:" >&2
    cat "$OUT/server.log" >&2
    exit 1
  fi
  BASE="$(grep -m1 -o 'listening on http://127.0.0.1:[0-9]*' "$OUT/server.log" | sed 's/^listening on //')" || true
  if [ -n "$BASE" ] && python3 -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1] + '/health', timeout=2)" "$BASE" 2>/dev/null; then
    break
  fi
  BASE=""
  sleep 0.5
done
if [ -z "$BASE" ]; then
  echo "the server did not become ready within 60 s:" >&2
  cat "$OUT/server.log" >&2
  exit 1
fi
echo "demo server at $BASE (pid $SERVER_PID)"

token() { grep -m1 -o "$1=nc_[0-9a-f]*" "$OUT/server.log" | cut -d= -f2; }

FAILED=0
RUNS=0
run() {
  local name="$1"
  shift
  RUNS=$((RUNS + 1))
  # From target/schemathesis, where it keeps its cache; no example database,
  # so that every run is the same. One worker: hypothesis's lambda
  # descriptions are not thread-safe on Python 3.11 ("AST constructor
  # recursion depth mismatch").
  if (cd "$OUT" && "$ROOT/$VENV/bin/schemathesis" --no-color --config-file "$ROOT/.ci/schemathesis.toml" run \
    "$BASE/openapi.json" --checks all --max-examples "$EXAMPLES" --workers 1 --seed 1 \
    --generation-database none "$@") >"$OUT/$name.txt" 2>&1; then
    echo "schemathesis $name: ok ($(grep -m1 -Eo '[0-9]+ generated' "$OUT/$name.txt") cases)"
  else
    FAILED=$((FAILED + 1))
    echo "schemathesis $name: FAILED (full output in $OUT/$name.txt)"
    sed -n '/= FAILURES =\|= ERRORS =/,$p' "$OUT/$name.txt" >"$OUT/$name.failures.txt"
    sed -n '1,200p' "$OUT/$name.failures.txt"
  fi
}

for pair in procurement:PROC caseworker:CW finance:FIN committee:COM supplier:SUP; do
  role="${pair%%:*}"
  run "$role" -H "Authorization: Bearer $(token "${pair##*:}")" --include-tag "role:$role"
done
run pages -H "Cookie: nocure_token=$(token FIN)" --include-tag pages
run public --exclude-tag-regex 'role:.*|pages'

echo "schemathesis: $((RUNS - FAILED)) runs passed, $FAILED failed ($EXAMPLES examples per operation)"
[ "$FAILED" -eq 0 ]
