using StreamEngine.Core.Metrics;
using StreamEngine.Kafka;

namespace StreamEngine.Host.Http;

/// <summary>
/// Builds <c>/api/status</c> from the metric handles (lock-free reads), the Kafka source's partition progress and the
/// <see cref="StatusBoard"/>. Called on HTTP threads while the consume thread writes; every read is a snapshot.
/// A pipeline's lag and dead letters are those of its input topics (<paramref name="pipelineInputs"/>): a record is
/// dead-lettered while decoding, before any pipeline sees it, so no pipeline count of its own exists.
/// </summary>
internal sealed class StatusReport(
    EngineMetrics metrics, Func<IEnumerable<PartitionProgress>> progress, StatusBoard board, IReadOnlyDictionary<string, IReadOnlyList<string>> pipelineInputs, TimeProvider time)
{
    public StatusDocument Build()
    {
        long nowMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        var partitions = progress()
            // The broker's log end is at least the position even when its last reported value is older than that.
            .Select(p => (Progress: p, Position: p.Position))
            .Select(p => new PartitionStatus(p.Progress.Topic, p.Progress.Partition, p.Position, Math.Max(p.Progress.HighWatermark, p.Position), p.Progress.Committed, p.Progress.Lag))
            .OrderBy(p => p.Topic, StringComparer.Ordinal)
            .ThenBy(p => p.Partition)
            .ToArray();

        var consumed = Counts(metrics.EventsConsumed);
        var deadLetters = Counts(metrics.DeadLetterRecords);
        var topicNames = consumed.Select(c => c.Label).Union(partitions.Select(p => p.Topic), StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var topics = topicNames.Select(topic => new TopicStatus(
            topic,
            consumed.Where(c => c.Label == topic).Sum(c => c.Count),
            deadLetters.Where(d => d.Label.StartsWith(topic + "/", StringComparison.Ordinal)).Sum(d => d.Count),
            partitions.Where(p => p.Topic == topic).Sum(p => p.Lag),
            partitions.Count(p => p.Topic == topic))).ToArray();

        var late = Counts(metrics.LateEvents);
        var lags = metrics.WatermarkLag.Series.ToDictionary(s => s.LabelValues[0], s => ((Gauge)s).Value, StringComparer.Ordinal);
        var pipelines = metrics.Watermark.Series
            .Select(s => s.LabelValues[0])
            .Union(late.Select(l => l.Label), StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                // From this document's topic rows (as streamengine_pipeline_events_processed_total is computed), so a
                // pipeline's numbers add up with its inputs' on the page.
                var inputs = pipelineInputs.GetValueOrDefault(name) ?? [];
                var inputTopics = topics.Where(t => inputs.Contains(t.Topic)).ToList();
                return new PipelineStatus(
                    name,
                    inputs,
                    inputTopics.Sum(t => t.Consumed - t.DeadLettered),
                    inputTopics.Sum(t => t.Lag),
                    (long)(GaugeValue(metrics.Watermark, name) * 1000),
                    Math.Round(lags.GetValueOrDefault(name), 1),
                    late.Where(l => l.Label == name).Sum(l => l.Count),
                    inputTopics.Sum(t => t.DeadLettered));
            })
            .ToArray();

        var (risky, riskyTotal) = board.RiskyPayments();
        return new StatusDocument(
            nowMs,
            Math.Round((nowMs / 1000.0) - metrics.StartTime.Value, 1),
            topics.Sum(t => t.Consumed),
            topics,
            partitions,
            pipelines,
            deadLetters,
            Counts(metrics.OutputMessages),
            new ClickHouseStatus(metrics.ClickHouseUp.Value > 0, Counts(metrics.ClickHouseRowsWritten).Sum(c => c.Count), Counts(metrics.ClickHouseFlushErrors).Sum(c => c.Count)),
            Counts(metrics.FraudDecisions),
            board.TopProducts(10),
            risky,
            riskyTotal,
            board.BelowReorderPoint());
    }

    private static LabelledCount[] Counts(MetricFamily<Counter> family) =>
        [.. family.Series.Select(s => new LabelledCount(string.Join('/', s.LabelValues), (long)((Counter)s).Value))];

    private static double GaugeValue(MetricFamily<Gauge> family, string label) =>
        family.Series.FirstOrDefault(s => s.LabelValues[0] == label) is Gauge g ? g.Value : 0;
}
