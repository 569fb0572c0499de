#!/bin/bash
# Creates the StreamEngine topics once Kafka answers; idempotent (--if-not-exists). Run by the kafka-init service.
set -euo pipefail
BOOTSTRAP="${BOOTSTRAP:-kafka:9092}"
PARTITIONS="${PARTITIONS:-6}"
TOPICS_BIN=/opt/kafka/bin/kafka-topics.sh

for attempt in $(seq 1 60); do
  if "$TOPICS_BIN" --bootstrap-server "$BOOTSTRAP" --list >/dev/null 2>&1; then break; fi
  echo "waiting for Kafka at $BOOTSTRAP ($attempt)"; sleep 2
done

create() { # name partitions [config...]
  local name="$1" partitions="$2"; shift 2
  "$TOPICS_BIN" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic "$name" \
    --partitions "$partitions" --replication-factor 1 "$@"
}

# Inputs (keys: user_id for clickstream/transactions, sku or shipment_id for inventory).
create clickstream "$PARTITIONS" --config retention.ms=604800000
create transactions "$PARTITIONS" --config retention.ms=604800000
create inventory "$PARTITIONS" --config retention.ms=604800000
# Internal repartition topic (purchases re-keyed by SKU): same partition count as inventory.
create streamengine-demand "$PARTITIONS" --config retention.ms=604800000
# Outputs and dead letters.
create fraud-scores "$PARTITIONS"
create replenishment-signals "$PARTITIONS"
create intent-signals "$PARTITIONS"
create streamengine-dead-letter 3 --config retention.ms=1209600000
"$TOPICS_BIN" --bootstrap-server "$BOOTSTRAP" --list
