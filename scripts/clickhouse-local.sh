#!/usr/bin/env bash
# Runs a project-local ClickHouse server (Debian clickhouse-server package) as a plain background process.
#   scripts/clickhouse-local.sh start|stop|status
# State (config, data, logs, pid) lives under .state/clickhouse/ at the repo root (gitignored). The server gets its own
# minimal config.xml/users.xml there, so it never touches /etc or /var/lib paths and works as root or as a user.
# Environment:
#   STREAMENGINE_CLICKHOUSE_HTTP_PORT  HTTP port (default 18123)
#   STREAMENGINE_CLICKHOUSE_TCP_PORT   native TCP port (default 19000)
#   STREAMENGINE_CLICKHOUSE_STATE_DIR  state directory (default <repo>/.state/clickhouse)
#   STREAMENGINE_CLICKHOUSE_START_TIMEOUT  seconds to wait for `SELECT 1` (default 30)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="${STREAMENGINE_CLICKHOUSE_STATE_DIR:-$ROOT/.state/clickhouse}"
HTTP_PORT="${STREAMENGINE_CLICKHOUSE_HTTP_PORT:-18123}"
TCP_PORT="${STREAMENGINE_CLICKHOUSE_TCP_PORT:-19000}"
TIMEOUT="${STREAMENGINE_CLICKHOUSE_START_TIMEOUT:-30}"
PIDFILE="$STATE/clickhouse.pid"
URL="http://127.0.0.1:$HTTP_PORT/"

log() { echo "clickhouse-local: $*" >&2; }

find_server() {
  if command -v clickhouse-server >/dev/null 2>&1; then command -v clickhouse-server
  elif [ -x /usr/bin/clickhouse-server ]; then echo /usr/bin/clickhouse-server
  elif [ -x /usr/sbin/clickhouse-server ]; then echo /usr/sbin/clickhouse-server
  elif command -v clickhouse >/dev/null 2>&1; then echo "$(command -v clickhouse) server"
  else return 1
  fi
}

# Prints the pid from the pid file if that process is alive and is a ClickHouse server.
running_pid() {
  [ -f "$PIDFILE" ] || return 1
  local pid
  pid="$(cat "$PIDFILE" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  grep -qa clickhouse "/proc/$pid/cmdline" 2>/dev/null || return 1
  echo "$pid"
}

answers() { curl -sf --max-time 2 "${URL}?query=SELECT%201" 2>/dev/null | grep -qx 1; }

write_config() {
  mkdir -p "$STATE/data" "$STATE/tmp" "$STATE/user_files" "$STATE/format_schemas" "$STATE/log"
  # Only loopback, no interserver port, UTC so Date/DateTime round-trips do not depend on the machine's zone.
  cat >"$STATE/config.xml" <<EOF
<?xml version="1.0"?>
<yandex>
    <logger>
        <level>information</level>
        <log>$STATE/log/clickhouse-server.log</log>
        <errorlog>$STATE/log/clickhouse-server.err.log</errorlog>
        <size>100M</size>
        <count>3</count>
    </logger>
    <http_port>$HTTP_PORT</http_port>
    <tcp_port>$TCP_PORT</tcp_port>
    <listen_host>127.0.0.1</listen_host>
    <max_connections>1024</max_connections>
    <keep_alive_timeout>3</keep_alive_timeout>
    <max_concurrent_queries>100</max_concurrent_queries>
    <uncompressed_cache_size>268435456</uncompressed_cache_size>
    <mark_cache_size>268435456</mark_cache_size>
    <path>$STATE/data/</path>
    <tmp_path>$STATE/tmp/</tmp_path>
    <user_files_path>$STATE/user_files/</user_files_path>
    <format_schema_path>$STATE/format_schemas/</format_schema_path>
    <users_config>$STATE/users.xml</users_config>
    <default_profile>default</default_profile>
    <default_database>default</default_database>
    <timezone>UTC</timezone>
    <mlock_executable>false</mlock_executable>
    <builtin_dictionaries_reload_interval>3600</builtin_dictionaries_reload_interval>
    <max_session_timeout>3600</max_session_timeout>
    <default_session_timeout>60</default_session_timeout>
</yandex>
EOF
  cat >"$STATE/users.xml" <<'EOF'
<?xml version="1.0"?>
<yandex>
    <profiles>
        <default>
            <max_memory_usage>4000000000</max_memory_usage>
            <load_balancing>random</load_balancing>
        </default>
    </profiles>
    <users>
        <default>
            <password></password>
            <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
            <profile>default</profile>
            <quota>default</quota>
        </default>
    </users>
    <quotas>
        <default>
            <interval>
                <duration>3600</duration>
                <queries>0</queries>
                <errors>0</errors>
                <result_rows>0</result_rows>
                <read_rows>0</read_rows>
                <execution_time>0</execution_time>
            </interval>
        </default>
    </quotas>
</yandex>
EOF
}

start() {
  if pid="$(running_pid)"; then
    if answers; then log "already running (pid $pid) at $URL"; return 0; fi
    log "pid $pid is alive but $URL does not answer yet; waiting"
  else
    if answers; then
      log "port $HTTP_PORT already answers but not from our pid file ($PIDFILE); refusing to start a second server"
      return 1
    fi
    local server
    server="$(find_server)" || { log "clickhouse-server not found (install the clickhouse-server package)"; return 1; }
    write_config
    rm -f "$PIDFILE"
    # setsid: the server outlives the shell (and test process) that started it; stop is explicit.
    # shellcheck disable=SC2086 # $server may be "clickhouse server"
    setsid $server --config-file="$STATE/config.xml" \
      >"$STATE/log/stdout.log" 2>"$STATE/log/stderr.log" </dev/null &
    pid=$!
    echo "$pid" >"$PIDFILE"
    log "started pid $pid (http $HTTP_PORT, tcp $TCP_PORT, state $STATE)"
  fi
  local deadline=$((SECONDS + TIMEOUT))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if answers; then log "ready at $URL"; return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      log "server exited during start-up; last log lines:"
      tail -n 20 "$STATE/log/clickhouse-server.err.log" "$STATE/log/stderr.log" >&2 2>/dev/null || true
      rm -f "$PIDFILE"
      return 1
    fi
    sleep 0.2
  done
  log "not ready after ${TIMEOUT}s; see $STATE/log/"
  tail -n 20 "$STATE/log/clickhouse-server.err.log" >&2 2>/dev/null || true
  return 1
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$PIDFILE"
    log "not running"
    return 0
  fi
  kill -TERM "$pid"
  local deadline=$((SECONDS + 20))
  while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    log "pid $pid did not stop after SIGTERM; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PIDFILE"
  log "stopped pid $pid"
}

status() {
  local pid
  if pid="$(running_pid)"; then
    if answers; then echo "running pid $pid $URL"; return 0; fi
    echo "starting pid $pid $URL"; return 3
  fi
  echo "stopped"
  return 3
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  restart) stop; start ;;
  *) echo "usage: $0 start|stop|status|restart" >&2; exit 2 ;;
esac
