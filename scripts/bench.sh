#!/usr/bin/env bash
# Every benchmark in one go (called by `./run.sh bench`; expects a Release build and scripts/setup.sh done):
#   1. BenchmarkDotNet suites (benchmarks/StreamEngine.Benchmarks, all classes, short job, in process)
#   2. the fraud path latency loop (raw bytes -> fraud-scores message, every sample)
#   3. `streamengine bench`: in memory on 1 and 2 threads, --breakdown, --state-memory
#   4. `streamengine bench --kafka` through the mock cluster and a ClickHouse of its own (ports 18191/19091)
# Output goes to the terminal and to .state/bench/<UTC time>/ (one log per step, BenchmarkDotNet's reports beside).
# BENCH_FILTER narrows step 1 (e.g. BENCH_FILTER='*WindowKernel*'); BENCH_EVENTS sizes step 3 (default 1000000).
# Takes about 30-40 minutes on 2 cores; figures are only comparable on a quiet machine (the logs carry `uptime`).
set -euo pipefail
cd "$(dirname "$0")/.."
out=".state/bench/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
host="$PWD/src/StreamEngine.Host/bin/Release/net10.0/streamengine.dll"
events="${BENCH_EVENTS:-1000000}"

step() {
  local name="$1"; shift
  echo "== $name" | tee "$out/$name.log"
  uptime | tee -a "$out/$name.log"
  "$@" 2>&1 | tee -a "$out/$name.log"
}

step benchmarkdotnet dotnet run -c Release --no-build --project benchmarks/StreamEngine.Benchmarks -- \
  --filter "${BENCH_FILTER:-*}" --job short --inProcess --artifacts "$out/BenchmarkDotNet.Artifacts"
step fraud-latency dotnet run -c Release --no-build --project benchmarks/StreamEngine.Benchmarks -- fraud-latency
step in-memory dotnet "$host" bench --events "$events" --StreamEngine:Http:Url=
step breakdown dotnet "$host" bench --events 300000 --breakdown --StreamEngine:Http:Url=
step state-memory dotnet "$host" bench --state-memory --users 1000000 --events 3000000 --StreamEngine:Http:Url=

export STREAMENGINE_CLICKHOUSE_HTTP_PORT=18191 STREAMENGINE_CLICKHOUSE_TCP_PORT=19091
export STREAMENGINE_CLICKHOUSE_STATE_DIR="$PWD/.state/bench/clickhouse"
bash scripts/clickhouse-local.sh start
trap 'bash scripts/clickhouse-local.sh stop' EXIT
step kafka dotnet "$host" bench --kafka --events 200000 --StreamEngine:Http:Url= \
  --StreamEngine:ClickHouse:Url="http://127.0.0.1:$STREAMENGINE_CLICKHOUSE_HTTP_PORT/"
echo "bench: logs in $out"
