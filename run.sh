#!/usr/bin/env bash
# StreamEngine's two entry points on a fresh Debian 12 machine:
#   ./run.sh demo   install what is needed, build, start a local ClickHouse, run the end-to-end demo
#   ./run.sh test   install what is needed, build, start a local ClickHouse, run the whole test suite
#   ./run.sh bench  install what is needed, build, run every benchmark (scripts/bench.sh; ClickHouse of its own)
# Anything after the verb is passed to the demo (e.g. ./run.sh demo --events 200000).
set -euo pipefail
cd "$(dirname "$0")"
verb="${1:-demo}"; shift || true

bash scripts/setup.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

started_clickhouse=0
# Quiet when the stop succeeds, so the test command's last line stays its "N passed, N failed" totals; the script's
# exit status is the verb's (an EXIT trap that does not call exit keeps it).
cleanup() {
  if [ "$started_clickhouse" = 1 ]; then
    local output
    output="$(bash scripts/clickhouse-local.sh stop 2>&1)" || echo "$output" >&2
  fi
}
trap cleanup EXIT

# ClickHouse is configured when either the engine's own setting (StreamEngine__ClickHouse__Url) or the tests'
# STREAMENGINE_CLICKHOUSE_URL is set; each fills in the other. Only when neither is set is a local server started.
start_clickhouse() {
  if [ -z "${STREAMENGINE_CLICKHOUSE_URL:-}" ] && [ -z "${StreamEngine__ClickHouse__Url:-}" ]; then
    bash scripts/clickhouse-local.sh start
    started_clickhouse=1
    export STREAMENGINE_CLICKHOUSE_URL="http://127.0.0.1:${STREAMENGINE_CLICKHOUSE_HTTP_PORT:-18123}"
  fi
  export STREAMENGINE_CLICKHOUSE_URL="${STREAMENGINE_CLICKHOUSE_URL:-$StreamEngine__ClickHouse__Url}"
  export StreamEngine__ClickHouse__Url="${StreamEngine__ClickHouse__Url:-$STREAMENGINE_CLICKHOUSE_URL}"
}

case "$verb" in
  demo)
    dotnet build StreamEngine.sln -c Release -v quiet -nologo
    start_clickhouse
    dotnet src/StreamEngine.Host/bin/Release/net10.0/streamengine.dll demo "$@"
    ;;
  test)
    dotnet build StreamEngine.sln -c Release -v quiet -nologo
    start_clickhouse
    bash scripts/test.sh
    ;;
  bench)
    dotnet build StreamEngine.sln -c Release -v quiet -nologo
    bash scripts/bench.sh
    ;;
  *)
    echo "usage: ./run.sh demo|test|bench [demo options]" >&2
    exit 2
    ;;
esac
