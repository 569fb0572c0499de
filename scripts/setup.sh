#!/usr/bin/env bash
# Installs what StreamEngine needs on Debian 12 (idempotent): librdkafka, ClickHouse, Prometheus/promtool, Chromium,
# docker-compose (config validation only) and kcat. The .NET 10 SDK must already be on PATH.
set -euo pipefail

# librdkafka-dev provides librdkafka.so: Confluent.Kafka 1.9.3 loads the library by that unversioned name only.
packages=(librdkafka1 librdkafka-dev clickhouse-server clickhouse-client prometheus chromium docker-compose kcat curl)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "setup: the .NET 10 SDK is required (dotnet on PATH); see README.md" >&2
  exit 1
fi
