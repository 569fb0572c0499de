using StreamEngine.Core.Metrics;

namespace StreamEngine.Core.Tests.Metrics;

public sealed class EngineMetricsTests
{
    private static readonly string[] ForbiddenLabels = ["user", "user_id", "session", "session_id", "device", "device_id", "ip", "card", "card_token", "sku", "order_id", "txn_id", "email"];

    [Fact]
    public void EveryName_FollowsTheNamingConvention()
    {
        var metrics = new EngineMetrics(new MetricRegistry());
        Assert.NotEmpty(metrics.Registry.Families);
        Assert.All(metrics.Registry.Families, family =>
        {
            Assert.Matches("^streamengine_(engine|process|kafka|pipeline|checkpoint|clickhouse|fraud|inventory|intent|features)_[a-z0-9_]+$", family.Name);
            Assert.Equal(family.Type == MetricType.Counter, family.Name.EndsWith("_total", StringComparison.Ordinal));
            Assert.False(family.Name.EndsWith("_count", StringComparison.Ordinal) || family.Name.EndsWith("_sum", StringComparison.Ordinal) || family.Name.EndsWith("_bucket", StringComparison.Ordinal));
            Assert.False(string.IsNullOrWhiteSpace(family.Help));
        });
    }

    [Fact]
    public void NoLabel_CarriesPersonalOrUnboundedValues()
    {
        var metrics = new EngineMetrics(new MetricRegistry());
        string[] labels = metrics.Registry.Families.SelectMany(f => f.LabelNames).Distinct().Order().ToArray();

        Assert.Empty(labels.Intersect(ForbiddenLabels));
        Assert.Equal(["decision", "generation", "metric", "outcome", "partition", "pipeline", "reason", "table", "topic", "warehouse"], labels);
    }

    [Fact]
    public void RequiredMetrics_AreRegistered()
    {
        var metrics = new EngineMetrics(new MetricRegistry());
        string[] names = metrics.Registry.Families.Select(f => f.Name).ToArray();
        string[] required =
        [
            "streamengine_kafka_events_consumed_total", "streamengine_kafka_decode_errors_total", "streamengine_kafka_dead_letter_records_total",
            "streamengine_kafka_consumer_lag_messages", "streamengine_kafka_assigned_partitions", "streamengine_kafka_output_messages_total",
            "streamengine_kafka_commits_total", "streamengine_pipeline_watermark_seconds", "streamengine_pipeline_watermark_lag_seconds",
            "streamengine_pipeline_late_events_total", "streamengine_pipeline_processing_latency_seconds", "streamengine_pipeline_open_windows",
            "streamengine_pipeline_state_entries", "streamengine_pipeline_state_bytes", "streamengine_checkpoint_writes_total",
            "streamengine_checkpoint_restores_total",
            "streamengine_clickhouse_batch_rows", "streamengine_clickhouse_flush_duration_seconds", "streamengine_clickhouse_flush_errors_total",
            "streamengine_clickhouse_flush_retries_total", "streamengine_clickhouse_up", "streamengine_fraud_score_ratio",
            "streamengine_fraud_decisions_total", "streamengine_fraud_scoring_duration_seconds", "streamengine_inventory_skus_below_reorder_point",
            "streamengine_inventory_skus_out_of_stock", "streamengine_inventory_replenishment_signals_total", "streamengine_intent_signals_total",
            "streamengine_features_anomalies_total", "streamengine_process_cpu_seconds_total", "streamengine_process_resident_memory_bytes",
            "streamengine_process_gc_collections_total", "streamengine_process_gc_heap_bytes", "streamengine_engine_up", "streamengine_engine_start_time_seconds",
        ];
        Assert.Empty(required.Except(names));
    }

    [Fact]
    public void WatermarkLag_IsWallClockMinusWatermark_AtScrapeTime()
    {
        var time = new ManualTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_000));
        var metrics = new EngineMetrics(new MetricRegistry(), time);
        Gauge watermark = metrics.WatermarkFor("fraud");
        Gauge lag = metrics.WatermarkLag.WithLabels("fraud");
        Assert.Equal(0, lag.Value);

        watermark.Set(940);
        Assert.Equal(60, lag.Value);
        time.Now = time.Now.AddSeconds(30); // no new events: the lag keeps growing
        Assert.Equal(90, lag.Value);
        Assert.Contains("streamengine_pipeline_watermark_lag_seconds{pipeline=\"fraud\"} 90", metrics.Registry.Samples());
    }

    [Fact]
    public void ProcessMetrics_ReportThisProcess()
    {
        var metrics = new EngineMetrics(new MetricRegistry());
        GC.Collect(0);
        string[] samples = metrics.Registry.Samples();

        Assert.Contains("streamengine_engine_up 1", samples);
        Assert.True(Value(samples, "streamengine_process_cpu_seconds_total") > 0);
        Assert.True(Value(samples, "streamengine_process_resident_memory_bytes") > 1_000_000);
        Assert.True(Value(samples, "streamengine_process_gc_heap_bytes") > 0);
        Assert.True(Value(samples, "streamengine_process_gc_collections_total{generation=\"0\"}") >= 1);
    }

    private static double Value(string[] samples, string series) =>
        double.Parse(samples.Single(s => s.StartsWith(series + " ", StringComparison.Ordinal))[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    private sealed class ManualTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
