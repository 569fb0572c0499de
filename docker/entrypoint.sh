#!/usr/bin/env bash
# Container entrypoint: turns Docker/Kubernetes secrets mounted as files into the engine's configuration variables,
# then replaces itself with the command (the engine). For every StreamEngine__..._FILE=/path it passes
# StreamEngine__...=<content of /path> (trailing newlines dropped) and leaves the _FILE variable out, e.g.
#   StreamEngine__ClickHouse__Password_FILE=/run/secrets/clickhouse_password
#   StreamEngine__Kafka__Consumer__sasl.password_FILE=/run/secrets/kafka_password
# Only StreamEngine__ names: other *_FILE variables belong to other programs. Names may contain '.' (librdkafka keys),
# which bash cannot export, so the values are handed over with `env NAME=value`.
set -euo pipefail

if [[ $# -eq 0 ]]; then
    echo "entrypoint: no command given" >&2
    exit 64
fi

declare -A present=()
files=()
while IFS= read -r -d '' entry; do
    name=${entry%%=*}
    present[$name]=1
    [[ $name == StreamEngine__*_FILE ]] && files+=("$name=${entry#*=}")
done < <(env -0)

assignments=()
unsets=()
for file in "${files[@]}"; do
    file_name=${file%%=*}
    path=${file#*=}
    name=${file_name%_FILE}
    if [[ -n ${present[$name]:-} ]]; then
        echo "entrypoint: both $name and $file_name are set; set only one" >&2
        exit 64
    fi
    if [[ ! -r $path || ! -f $path ]]; then
        echo "entrypoint: $file_name names $path, which is not a readable file" >&2
        exit 66
    fi
    assignments+=("$name=$(<"$path")")
    unsets+=(-u "$file_name")
done

exec env "${unsets[@]}" "${assignments[@]}" "$@"
