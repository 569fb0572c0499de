#!/usr/bin/env bash
# Runs every test project (already built in Release) and the Prometheus rule tests, then prints one summary line.
set -uo pipefail
cd "$(dirname "$0")/.."
results=".state/test-results"
rm -rf "$results"; mkdir -p "$results"
status=0

for project in tests/StreamEngine.Core.Tests tests/StreamEngine.IntegrationTests; do
  name=$(basename "$project")
  echo "== $name"
  dotnet test "$project" -c Release --no-build --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
    --logger "console;verbosity=normal" > "$results/$name.log" 2>&1
  rc=$?
  # The failures with their messages, then the project's own totals.
  grep -E -A12 "^\s+Failed [A-Za-z]" "$results/$name.log" | grep -v -E "^\s+at " || true
  grep -E "^\s*(Passed!|Failed!|Total tests|Passed: |Failed: |Skipped: |error)" "$results/$name.log" || true
  [ "$rc" -eq 0 ] || status=1
done

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
if ! ls "$results"/*.trx >/dev/null 2>&1; then failed=$((failed + 1)); status=1; fi

[ "$failed" -eq 0 ] || status=1
echo "${passed} passed, ${failed} failed"
exit $status
