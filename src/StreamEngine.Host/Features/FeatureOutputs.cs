using System.Reactive;
using Microsoft.Extensions.Logging;
using StreamEngine.ClickHouse;
using StreamEngine.Core.Events;
using StreamEngine.Core.Metrics;
using StreamEngine.Core.Time;
using StreamEngine.Host.Engine;
using StreamEngine.Host.Http;
using StreamEngine.Kafka;

namespace StreamEngine.Host.Features;

/// <summary>
/// Where features send results: ClickHouse table writers (batched by the sink, flushed before each commit), Kafka
/// output topics and the late-events table. One instance per engine, used on the consume thread.
/// </summary>
public sealed class FeatureOutputs
{
    private readonly ClickHouseSink _sink;
    private readonly Dictionary<string, object> _writers = new(StringComparer.Ordinal);

    internal FeatureOutputs(
        ClickHouseSink sink, KafkaOutput kafka, InputTopicLayout topics, EngineMetrics metrics, LateEventWriter lateEvents, StatusBoard status, ILogger logger, TimeProvider time)
    {
        Logger = logger;
        Topics = topics;
        Time = time;
        _sink = sink;
        Status = status;
        Kafka = kafka;
        Metrics = metrics;
        LateEvents = lateEvents;
    }

    public KafkaOutput Kafka { get; }

    /// <summary>Partition counts of the input topics, checked at start-up (e.g. to write into every demand partition).</summary>
    public InputTopicLayout Topics { get; }

    /// <summary>The engine's wall clock (for output pacing, never for event time).</summary>
    public TimeProvider Time { get; }

    public EngineMetrics Metrics { get; }

    /// <summary>What the status page shows besides metrics (top products, risky payments, low stock); thread-safe.</summary>
    public StatusBoard Status { get; }

    /// <summary>The engine's logger, for rare events of a feature (never per record).</summary>
    public ILogger Logger { get; }

    private LateEventWriter LateEvents { get; }

    /// <summary>
    /// The late observer for a clickstream pipeline of one partition task: rows in <c>late_events</c> (event type,
    /// windows missed) and <c>streamengine_pipeline_late_events_total{pipeline}</c>.
    /// </summary>
    public IObserver<LateEvent<ClickEvent>> LateClicks(string pipeline, int partition) =>
        LateEvents.For<ClickEvent>(pipeline, "clickstream", partition, static e => e.Type.ToString());

    /// <summary>The writer of a table, created on first use; every partition task shares it.</summary>
    public ClickHouseTableWriter<TRow> Table<TRow>(ClickHouseTableDefinition definition, IRowEncoder<TRow> encoder)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (!_writers.TryGetValue(definition.Name, out var writer))
        {
            writer = _sink.AddTable(definition, encoder);
            _writers.Add(definition.Name, writer);
        }

        return (ClickHouseTableWriter<TRow>)writer;
    }

    /// <summary>An observer that writes every event row to <paramref name="writer"/> and ignores punctuations.</summary>
    public static IObserver<StreamItem<TRow>> Rows<TRow>(ClickHouseTableWriter<TRow> writer) =>
        Observer.Create<StreamItem<TRow>>(
            item =>
            {
                if (!item.IsPunctuation)
                {
                    writer.Add(item.Value);
                }
            },
            error => throw new InvalidOperationException($"Pipeline feeding table '{writer.Definition.Name}' failed.", error));
}
