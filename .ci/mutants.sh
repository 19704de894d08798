#!/usr/bin/env bash
# Mutation testing of the core lines a submission changes (TESTING.md).
# Runs cargo-mutants 27.1.0 (installed if missing) with .cargo/mutants.toml
# (the core, the tests that pin it) on the mutants in lines that differ from
# the previous landed commit, and fails when a mutant is missed: a new or
# changed rule must arrive with a test that notices when it changes.
#
#   .ci/mutants.sh
#
# MUTANTS_BASE   the commit to compare with. Default: the newest commit on
#                HEAD's first-parent line made more than 3 hours (a session's
#                length) before HEAD. A submission is one session's work, so
#                that commit had landed before the session began; a few
#                earlier commits may be included too, never fewer.
# MUTANTS_MAX    at most this many mutants are tested (default 60). When the
#                diff holds more, a round-robin sample of about this many,
#                spread over every changed file, is tested, and the run says
#                how many were left out; the lead runs the rest by hand
#                (TESTING.md). A sample's misses are printed as MISSED but do
#                not fail the run: a sample of a large change is a spot check,
#                not the gate; a submission small enough to be tested whole is
#                gated.
# MUTANTS_TIME   a limit on the whole step, in minutes (default 25). When it
#                is reached the mutants tested so far still count: a missed
#                one fails, otherwise the run says what was not reached.
set -euo pipefail
cd "$(dirname "$0")/.."

MAX="${MUTANTS_MAX:-60}"
MINUTES="${MUTANTS_TIME:-25}"
OUT="target/mutants-ci"
rm -rf "$OUT"
mkdir -p "$OUT"

# No pipe into an early-exiting reader anywhere here: under pipefail a
# writer cut off by it (SIGPIPE, exit 141) would fail the step.
if [ "$(cargo mutants --version 2>/dev/null || true)" != "cargo-mutants 27.1.0" ]; then
  cargo install --locked cargo-mutants --version 27.1.0
fi
cargo mutants --version

base="${MUTANTS_BASE:-}"
if [ -z "$base" ]; then
  head_time=$(git log -1 --format=%ct HEAD)
  base=$(git rev-list -1 --first-parent --before="@$((head_time - 3 * 3600 - 1))" HEAD)
fi
if [ -z "$base" ]; then
  echo "mutants: no commit older than this session's; nothing to compare with, step skipped"
  exit 0
fi
echo "mutants: comparing with $(git log -1 --format='%h %ci %<(60,trunc)%s' "$base")"
git diff "$base" HEAD -- src/ > "$OUT/diff.patch"
if [ ! -s "$OUT/diff.patch" ]; then
  echo "mutants: src/ is unchanged since then; nothing to test"
  exit 0
fi

cargo mutants --list --in-diff "$OUT/diff.patch" > "$OUT/list.txt"
total=$(grep -c . "$OUT/list.txt" || true)
echo "mutants: $total mutants in the changed core lines"
if [ "$total" -eq 0 ]; then
  exit 0
fi
shard=()
sampled=0
if [ "$total" -gt "$MAX" ]; then
  sampled=1
  k=$(((total + MAX - 1) / MAX))
  shard=(--shard "0/$k" --sharding round-robin)
  echo "mutants: more than $MAX; testing one in $k (round-robin over the list), $((total - (total + k - 1) / k)) left out"
fi

set +e
timeout --signal=INT "${MINUTES}m" cargo mutants --in-diff "$OUT/diff.patch" "${shard[@]}" --jobs 1 -o "$OUT"
rc=$?
set -e
missed="$OUT/mutants.out/missed.txt"
if [ -s "$missed" ]; then
  echo "mutants: MISSED (no test notices these changes; pin them or explain them in TESTING.md):"
  cat "$missed"
  if [ "$sampled" -eq 1 ]; then
    echo "mutants: these come from a sample of a change too large to test whole; not failing the run (TESTING.md: run the rest by hand)"
    exit 0
  else
    exit 1
  fi
fi
case "$rc" in
  0) echo "mutants: every tested mutant was caught" ;;
  3) echo "mutants: none missed; some made the tests time out (caught):"; cat "$OUT/mutants.out/timeout.txt" ;;
  124)
    tested=$(cat "$OUT"/mutants.out/{caught,unviable,timeout}.txt 2>/dev/null | grep -c . || true)
    echo "mutants: the ${MINUTES}-minute limit was reached after $tested mutants, none missed; the rest were not tested"
    ;;
  *)
    echo "mutants: cargo-mutants failed (exit $rc)"
    exit "$rc"
    ;;
esac
