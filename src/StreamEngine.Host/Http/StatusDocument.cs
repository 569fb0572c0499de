namespace StreamEngine.Host.Http;

// The JSON body of /api/status (camelCase on the wire). Internal records, kept together so the page's contract reads at once.

/// <summary>Everything the status page shows, built by <see cref="StatusReport"/>.</summary>
internal sealed record StatusDocument(
    long NowMs,
    double UptimeSeconds,
    long Consumed,
    IReadOnlyList<TopicStatus> Topics,
    IReadOnlyList<PartitionStatus> Partitions,
    IReadOnlyList<PipelineStatus> Pipelines,
    IReadOnlyList<LabelledCount> DeadLetters,
    IReadOnlyList<LabelledCount> Outputs,
    ClickHouseStatus ClickHouse,
    IReadOnlyList<LabelledCount> FraudDecisions,
    TopProductsView TopProducts,
    IReadOnlyList<RiskyPayment> RiskyPayments,
    long RiskyPaymentsTotal,
    IReadOnlyList<StockAlert> BelowReorderPoint);

/// <summary>One input topic: records consumed and dead-lettered (counters), lag summed over assigned partitions.</summary>
internal sealed record TopicStatus(string Topic, long Consumed, long DeadLettered, long Lag, int Partitions);

/// <summary>One assigned topic partition (offsets; -1 when not known yet).</summary>
internal sealed record PartitionStatus(string Topic, int Partition, long Position, long HighWatermark, long Committed, long Lag);

/// <summary>One pipeline: event-time watermark (0 before the first), its lag behind wall-clock time, late events.</summary>
internal sealed record PipelineStatus(
    string Pipeline, IReadOnlyList<string> Inputs, long EventsProcessed, long Lag, long WatermarkMs, double WatermarkLagSeconds, long LateEvents, long DeadLettered);

/// <summary>A counter value with its labels joined by '/', e.g. <c>clickstream/malformed_json</c>.</summary>
internal sealed record LabelledCount(string Label, long Count);

/// <summary>The ClickHouse sink: reachable, rows written and failed inserts over all tables.</summary>
internal sealed record ClickHouseStatus(bool Up, long RowsWritten, long FlushErrors);
