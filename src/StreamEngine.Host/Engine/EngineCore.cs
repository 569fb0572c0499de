using Microsoft.Extensions.Logging;
using StreamEngine.ClickHouse;
using StreamEngine.ClickHouse.Tables;
using StreamEngine.Core.Metrics;
using StreamEngine.Host.Checkpoints;
using StreamEngine.Host.Configuration;
using StreamEngine.Host.Features;
using StreamEngine.Host.Http;
using StreamEngine.Kafka;

namespace StreamEngine.Host.Engine;

/// <summary>
/// Everything between a consumed record and durable output: the partition-task factory with its decoders and
/// features, the ClickHouse sink, the Kafka producer and the commit barrier. The Kafka source drives it in production;
/// the end-to-end benchmark drives it from memory.
/// </summary>
internal sealed class EngineCore : IDisposable
{
    public EngineCore(
        EngineOptions options,
        ClickHouseClient clickHouse,
        string bootstrapServers,
        InputTopicLayout topics,
        EngineMetrics metrics,
        IClickHouseSinkObserver sinkObserver,
        ILogger logger,
        TimeProvider time,
        FeatureSet? features = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        Sink = new ClickHouseSink(clickHouse, sinkObserver, time);
        Output = new KafkaOutput(options.Kafka.BuildProducerConfig(bootstrapServers));
        Output.MessageProduced += topic => metrics.OutputMessages.WithLabels(topic).Inc();
        var deadLetters = new DeadLetterPublisher(Output, options.Kafka.DeadLetterTopic);
        var lateEvents = new LateEventWriter(Sink.AddTable(LateEventsTable.Definition, LateEventsTable.Encoder), metrics);
        var outputs = new FeatureOutputs(Sink, Output, topics, metrics, lateEvents, Status, logger, time);
        var checkpoints = options.Checkpoints.Enabled ? new ClickHouseCheckpointStore(clickHouse, options.Kafka.GroupId, time) : null;
        Tasks = new EngineContext(options, features ?? FeatureCatalog.Create(options), outputs, deadLetters, metrics, time, checkpoints);
        Barrier = new OutputBarrier(Sink, Output);
    }

    public ClickHouseSink Sink { get; }

    /// <summary>Results for the status page, recorded by the features.</summary>
    public StatusBoard Status { get; } = new();

    public KafkaOutput Output { get; }

    /// <summary>Creates a partition task per assigned partition number.</summary>
    public EngineContext Tasks { get; }

    public IOutputBarrier Barrier { get; }

    public void Dispose()
    {
        Output.Dispose();
        Sink.Dispose();
    }
}
