namespace StreamEngine.Core.Metrics;

/// <summary>
/// Every metric StreamEngine exports, in one place so names and label cardinality are reviewed together. Names follow
/// <c>streamengine_&lt;area&gt;_&lt;name&gt;_&lt;unit&gt;</c>, counters end in <c>_total</c>. Labels only ever hold values
/// from small fixed sets (topic, partition number, pipeline, reason, table, decision, warehouse, GC generation, anomaly metric), never
/// user, card, IP or SKU values. Resolve series with <c>WithLabels</c> once at start-up or on partition assignment and
/// keep the handles; the consume thread then updates them without lookups or allocation.
/// </summary>
public sealed class EngineMetrics
{
    private static readonly string[] Topic = ["topic"];
    private static readonly string[] TopicReason = ["topic", "reason"];
    private static readonly string[] TopicPartition = ["topic", "partition"];
    private static readonly string[] Pipeline = ["pipeline"];
    private static readonly string[] Table = ["table"];
    private static readonly string[] Warehouse = ["warehouse"];

    private readonly TimeProvider _time;

    /// <summary>Registers all metrics, including process metrics read at scrape time.</summary>
    public EngineMetrics(MetricRegistry registry, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _time = timeProvider ?? TimeProvider.System;
        Registry = registry;
        MetricRegistry r = registry;

        // Engine and process.
        Up = r.CreateGauge("streamengine_engine_up", "1 while the engine process runs.");
        Up.Set(1);
        StartTime = r.CreateGauge("streamengine_engine_start_time_seconds", "Start time of the engine, seconds since the Unix epoch.");
        StartTime.Set(_time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0);
        r.CreateCounter("streamengine_process_cpu_seconds_total", "User and system CPU time spent by the process, in seconds.", static () => Environment.CpuUsage.TotalTime.TotalSeconds);
        r.CreateGauge("streamengine_process_resident_memory_bytes", "Resident memory (working set) of the process, in bytes.", static () => Environment.WorkingSet);
        r.CreateGauge("streamengine_process_gc_heap_bytes", "Bytes currently thought to be allocated on the managed heap.", static () => GC.GetTotalMemory(false));
        MetricFamily<Counter> gc = r.CreateCounterFamily("streamengine_process_gc_collections_total", "Garbage collections per generation.", ["generation"], 3);
        for (int generation = 0; generation <= 2; generation++)
        {
            int g = generation;
            gc.WithLabels(g.ToString(System.Globalization.CultureInfo.InvariantCulture)).Bind(() => GC.CollectionCount(g));
        }

        // Kafka input and output.
        EventsConsumed = r.CreateCounterFamily("streamengine_kafka_events_consumed_total", "Records consumed from Kafka, per topic.", Topic, 16);
        DecodeErrors = r.CreateCounterFamily("streamengine_kafka_decode_errors_total", "Records that could not be decoded, per topic and DecodeStatus reason.", TopicReason, 256);
        DeadLetterRecords = r.CreateCounterFamily("streamengine_kafka_dead_letter_records_total", "Records sent to the dead-letter topic, per source topic and reason.", TopicReason, 256);
        ConsumerLag = r.CreateGaugeFamily("streamengine_kafka_consumer_lag_messages", "High watermark minus the consumer position, per assigned topic partition.", TopicPartition, 512);
        AssignedPartitions = r.CreateGaugeFamily("streamengine_kafka_assigned_partitions", "Partitions currently assigned to this engine, per topic.", Topic, 16);
        OutputMessages = r.CreateCounterFamily("streamengine_kafka_output_messages_total", "Messages produced to Kafka output topics (decisions, signals), per topic.", Topic, 16);
        OutputErrors = r.CreateCounterFamily("streamengine_kafka_output_errors_total", "Messages that could not be delivered to a Kafka output topic, per topic.", Topic, 16);
        KafkaUp = r.CreateGauge("streamengine_kafka_up", "0 while librdkafka reports every broker down, 1 otherwise.");
        Commits = r.CreateCounter("streamengine_kafka_commits_total", "Successful offset commits.");
        CommitErrors = r.CreateCounter("streamengine_kafka_commit_errors_total", "Failed offset commits.");
        SkippedRecords = r.CreateCounter("streamengine_kafka_skipped_records_total", "Offsets skipped between consecutive records: deleted by retention before they were read (data loss unless the topic is compacted).");

        // Pipelines (event time).
        PipelineEvents = r.CreateCounterFamily("streamengine_pipeline_events_processed_total", "Events that entered a pipeline, per pipeline.", Pipeline, 32);
        Watermark = r.CreateGaugeFamily("streamengine_pipeline_watermark_seconds", "Current event-time watermark of a pipeline, seconds since the Unix epoch.", Pipeline, 32);
        WatermarkLag = r.CreateGaugeFamily("streamengine_pipeline_watermark_lag_seconds", "Wall-clock time minus the pipeline watermark, in seconds (computed at scrape time).", Pipeline, 32);
        LateEvents = r.CreateCounterFamily("streamengine_pipeline_late_events_total", "Events that missed at least one of their windows (behind the watermark beyond the allowed lateness), per pipeline.", Pipeline, 32);
        ProcessingLatency = r.CreateHistogramFamily("streamengine_pipeline_processing_latency_seconds", "Time from consuming a record to emitting its output, per pipeline.", HistogramBuckets.Exponential(0.0005, 2, 16), Pipeline, 32);
        OpenWindows = r.CreateGaugeFamily("streamengine_pipeline_open_windows", "Windows currently open (not yet closed by the watermark), per pipeline.", Pipeline, 32);
        StateEntries = r.CreateGaugeFamily("streamengine_pipeline_state_entries", "Keyed state entries held, per pipeline.", Pipeline, 32);
        StateBytes = r.CreateGaugeFamily("streamengine_pipeline_state_bytes", "Estimated bytes of keyed state held, per pipeline.", Pipeline, 32);

        // Checkpoints of long-lived partition state.
        CheckpointWrites = r.CreateCounter("streamengine_checkpoint_writes_total", "Partition checkpoints written.");
        CheckpointBytes = r.CreateGauge("streamengine_checkpoint_last_size_bytes", "Size of the last partition checkpoint written, compressed, in bytes.");
        CheckpointWriteDuration = r.CreateHistogram("streamengine_checkpoint_write_duration_seconds", "Time to capture and store one partition checkpoint, in seconds.", HistogramBuckets.Exponential(0.001, 2, 15));
        CheckpointRestores = r.CreateCounterFamily("streamengine_checkpoint_restores_total", "Partition tasks started, per checkpoint outcome (restored, missing, corrupt).", ["outcome"], 4);

        // ClickHouse sink.
        ClickHouseUp = r.CreateGauge("streamengine_clickhouse_up", "1 when the last ClickHouse request succeeded, 0 otherwise.");
        ClickHouseBatchRows = r.CreateHistogramFamily("streamengine_clickhouse_batch_rows", "Rows per ClickHouse insert batch, per table.", HistogramBuckets.Exponential(1, 4, 10), Table, 64);
        ClickHouseRowsWritten = r.CreateCounterFamily("streamengine_clickhouse_rows_written_total", "Rows durably written to ClickHouse, per table.", Table, 64);
        ClickHouseFlushDuration = r.CreateHistogramFamily("streamengine_clickhouse_flush_duration_seconds", "Duration of a ClickHouse batch insert including retries, per table.", HistogramBuckets.Exponential(0.001, 2, 15), Table, 64);
        ClickHouseFlushErrors = r.CreateCounterFamily("streamengine_clickhouse_flush_errors_total", "Failed ClickHouse insert attempts, per table.", Table, 64);
        ClickHouseFlushRetries = r.CreateCounterFamily("streamengine_clickhouse_flush_retries_total", "Retried ClickHouse insert attempts, per table.", Table, 64);

        // Fraud.
        FraudScore = r.CreateHistogram("streamengine_fraud_score_ratio", "Fraud scores of payments, between 0 and 1.", HistogramBuckets.Linear(0.1, 0.1, 10));
        FraudDecisions = r.CreateCounterFamily("streamengine_fraud_decisions_total", "Fraud decisions, per decision (approve, review, decline).", ["decision"], 8);
        FraudScoringLatency = r.CreateHistogram("streamengine_fraud_scoring_duration_seconds", "Time from receiving a payment record to handing its fraud score to the Kafka producer, in seconds.", HistogramBuckets.Exponential(0.00001, 2, 16));

        // Inventory.
        SkusBelowReorderPoint = r.CreateGaugeFamily("streamengine_inventory_skus_below_reorder_point", "SKUs whose available stock is below their reorder point, per warehouse.", Warehouse, 256);
        SkusOutOfStock = r.CreateGaugeFamily("streamengine_inventory_skus_out_of_stock", "SKUs with zero available stock, per warehouse.", Warehouse, 256);
        ReplenishmentSignals = r.CreateCounter("streamengine_inventory_replenishment_signals_total", "Replenishment signals emitted.");
        DemandRedeliveries = r.CreateCounter("streamengine_inventory_demand_redeliveries_total", "Demand records a producing task wrote again after a restart, dropped (not counted twice).");

        // Clickstream features.
        IntentSignals = r.CreateCounter("streamengine_intent_signals_total", "Purchase-intent signals emitted.");
        FeatureAnomalies = r.CreateCounterFamily("streamengine_features_anomalies_total", "Baseline anomalies emitted (category and country traffic or conversion), per metric (traffic, conversion).", ["metric"], 4);
    }

    /// <summary>The registry these metrics are written to.</summary>
    public MetricRegistry Registry { get; }

    /// <summary><c>streamengine_engine_up</c>: 1 while the process runs.</summary>
    public Gauge Up { get; }

    /// <summary><c>streamengine_engine_start_time_seconds</c>.</summary>
    public Gauge StartTime { get; }

    /// <summary><c>streamengine_kafka_events_consumed_total{topic}</c>.</summary>
    public MetricFamily<Counter> EventsConsumed { get; }

    /// <summary><c>streamengine_kafka_decode_errors_total{topic,reason}</c>; reason = <c>DecodeStatus</c> name.</summary>
    public MetricFamily<Counter> DecodeErrors { get; }

    /// <summary><c>streamengine_kafka_dead_letter_records_total{topic,reason}</c>.</summary>
    public MetricFamily<Counter> DeadLetterRecords { get; }

    /// <summary><c>streamengine_kafka_consumer_lag_messages{topic,partition}</c>; remove the series when a partition is revoked.</summary>
    public MetricFamily<Gauge> ConsumerLag { get; }

    /// <summary><c>streamengine_kafka_assigned_partitions{topic}</c>.</summary>
    public MetricFamily<Gauge> AssignedPartitions { get; }

    /// <summary><c>streamengine_kafka_output_messages_total{topic}</c>.</summary>
    public MetricFamily<Counter> OutputMessages { get; }

    /// <summary><c>streamengine_kafka_output_errors_total{topic}</c>.</summary>
    public MetricFamily<Counter> OutputErrors { get; }

    /// <summary><c>streamengine_kafka_commits_total</c>.</summary>
    public Counter Commits { get; }

    /// <summary><c>streamengine_kafka_up</c>.</summary>
    public Gauge KafkaUp { get; }

    /// <summary><c>streamengine_kafka_commit_errors_total</c>.</summary>
    public Counter CommitErrors { get; }

    /// <summary>Offsets jumped over by the consumer (records lost to retention before they were read).</summary>
    public Counter SkippedRecords { get; }

    /// <summary><c>streamengine_pipeline_events_processed_total{pipeline}</c>.</summary>
    public MetricFamily<Counter> PipelineEvents { get; }

    /// <summary><c>streamengine_pipeline_watermark_seconds{pipeline}</c>; prefer <see cref="WatermarkFor"/>, which also binds the lag.</summary>
    public MetricFamily<Gauge> Watermark { get; }

    /// <summary><c>streamengine_pipeline_watermark_lag_seconds{pipeline}</c>, bound by <see cref="WatermarkFor"/>.</summary>
    public MetricFamily<Gauge> WatermarkLag { get; }

    /// <summary><c>streamengine_pipeline_late_events_total{pipeline}</c>.</summary>
    public MetricFamily<Counter> LateEvents { get; }

    /// <summary><c>streamengine_pipeline_processing_latency_seconds{pipeline}</c> (consume to output).</summary>
    public MetricFamily<Histogram> ProcessingLatency { get; }

    /// <summary><c>streamengine_pipeline_open_windows{pipeline}</c>.</summary>
    public MetricFamily<Gauge> OpenWindows { get; }

    /// <summary><c>streamengine_pipeline_state_entries{pipeline}</c>.</summary>
    public MetricFamily<Gauge> StateEntries { get; }

    /// <summary><c>streamengine_pipeline_state_bytes{pipeline}</c>.</summary>
    public MetricFamily<Gauge> StateBytes { get; }

    /// <summary><c>streamengine_checkpoint_writes_total</c>.</summary>
    public Counter CheckpointWrites { get; }

    /// <summary><c>streamengine_checkpoint_last_size_bytes</c>.</summary>
    public Gauge CheckpointBytes { get; }

    /// <summary><c>streamengine_checkpoint_write_duration_seconds</c>.</summary>
    public Histogram CheckpointWriteDuration { get; }

    /// <summary>Outcome "missing" or "corrupt" means the partition was replayed from the start of retention.</summary>
    public MetricFamily<Counter> CheckpointRestores { get; }

    /// <summary><c>streamengine_clickhouse_up</c>.</summary>
    public Gauge ClickHouseUp { get; }

    /// <summary><c>streamengine_clickhouse_batch_rows{table}</c>.</summary>
    public MetricFamily<Histogram> ClickHouseBatchRows { get; }

    /// <summary><c>streamengine_clickhouse_rows_written_total{table}</c>.</summary>
    public MetricFamily<Counter> ClickHouseRowsWritten { get; }

    /// <summary><c>streamengine_clickhouse_flush_duration_seconds{table}</c>.</summary>
    public MetricFamily<Histogram> ClickHouseFlushDuration { get; }

    /// <summary><c>streamengine_clickhouse_flush_errors_total{table}</c>.</summary>
    public MetricFamily<Counter> ClickHouseFlushErrors { get; }

    /// <summary><c>streamengine_clickhouse_flush_retries_total{table}</c>.</summary>
    public MetricFamily<Counter> ClickHouseFlushRetries { get; }

    /// <summary><c>streamengine_fraud_score_ratio</c> (scores in [0, 1]).</summary>
    public Histogram FraudScore { get; }

    /// <summary><c>streamengine_fraud_decisions_total{decision}</c>.</summary>
    public MetricFamily<Counter> FraudDecisions { get; }

    /// <summary><c>streamengine_fraud_scoring_duration_seconds</c>.</summary>
    public Histogram FraudScoringLatency { get; }

    /// <summary><c>streamengine_inventory_skus_below_reorder_point{warehouse}</c>.</summary>
    public MetricFamily<Gauge> SkusBelowReorderPoint { get; }

    /// <summary><c>streamengine_inventory_skus_out_of_stock{warehouse}</c>.</summary>
    public MetricFamily<Gauge> SkusOutOfStock { get; }

    /// <summary><c>streamengine_inventory_replenishment_signals_total</c>.</summary>
    public Counter ReplenishmentSignals { get; }

    /// <summary><c>streamengine_inventory_demand_redeliveries_total</c>.</summary>
    public Counter DemandRedeliveries { get; }

    /// <summary><c>streamengine_intent_signals_total</c>.</summary>
    public Counter IntentSignals { get; }

    /// <summary><c>streamengine_features_anomalies_total{metric}</c>; metric = traffic or conversion.</summary>
    public MetricFamily<Counter> FeatureAnomalies { get; }

    /// <summary>
    /// The watermark gauge of a pipeline (set it in epoch seconds, e.g. <c>watermarkMs / 1000.0</c>); also binds the
    /// pipeline's watermark lag to "now minus watermark" at scrape time, so a stalled watermark shows a growing lag
    /// even when no events arrive. The lag reads 0 until the first watermark is set.
    /// </summary>
    public Gauge WatermarkFor(string pipeline)
    {
        Gauge watermark = Watermark.WithLabels(pipeline);
        WatermarkLag.WithLabels(pipeline).Bind(() =>
        {
            double seconds = watermark.Value;
            return seconds <= 0 ? 0 : (_time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0) - seconds;
        });
        return watermark;
    }
}
