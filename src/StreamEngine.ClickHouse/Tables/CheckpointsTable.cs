namespace StreamEngine.ClickHouse.Tables;

/// <summary>
/// <c>engine_checkpoints</c>: the newest long-lived state of each partition per consumer group (the engine's own
/// bookkeeping, not for BI). One row per (group, partition) survives merges; <c>version</c> is the write time in ms, raised
/// above the image it replaces when the writer's clock is behind (so the newest image always wins).
/// The state is an opaque, checksummed, compressed image; <c>positions</c> shows the input offsets it covers.
/// </summary>
public static class CheckpointsTable
{
    public static readonly ClickHouseTableDefinition Definition = new(
        "engine_checkpoints",
        [
            new("group_id", "String"),
            new("partition", "UInt16"),
            new("version", "UInt64"),
            new("written_at", "DateTime"),
            new("positions", "String"),
            new("state", "String"),
        ],
        engine: "ReplacingMergeTree(version)",
        orderBy: "(group_id, partition)");
}
