using System.Collections.Concurrent;
using StreamEngine.ClickHouse.Tables;
using StreamEngine.Core.Events;
using StreamEngine.Core.Inventory;
using StreamEngine.Core.Metrics;
using StreamEngine.Core.Privacy;
using StreamEngine.Core.Time;
using StreamEngine.Host.Checkpoints;
using StreamEngine.Host.Configuration;
using StreamEngine.Host.Features;
using StreamEngine.Kafka;

namespace StreamEngine.Host.Engine;

/// <summary>What every partition task shares: decoders, outputs, features and metric handles. Consume thread only.</summary>
internal sealed class EngineContext : IPartitionTaskFactory
{
    private readonly Dictionary<string, InputTopic> _topics;
    private readonly Counter[] _consumed;
    private readonly Histogram[] _latency;
    private readonly Dictionary<(InputTopic, DecodeStatus), Counter> _deadLettered = [];
    private readonly long[] _deadLetteredByTopic = new long[Enum.GetValues<InputTopic>().Length];
    private readonly string[] _topicNames;
    private readonly ConcurrentDictionary<int, EnginePartitionTask> _live = new();
    private long _retiredWatermark;

    public EngineContext(
        EngineOptions options, FeatureSet features, FeatureOutputs outputs, DeadLetterPublisher deadLetters, EngineMetrics metrics, TimeProvider time, ICheckpointStore? checkpoints)
    {
        Options = options;
        Checkpoints = checkpoints;
        Features = features;
        Outputs = outputs;
        DeadLetters = deadLetters;
        Metrics = metrics;
        Time = time;
        var pseudonymizer = new Pseudonymizer(options.Privacy.ResolveSecret());
        var interner = new Utf8Interner();
        var rawFields = options.Privacy.RawFields();
        var rawRelease = rawFields.Count == 0
            ? null
            : new RawIdentifierRelease(rawFields, new RawIdentifierWriter(outputs.Table(RawIdentifiersTable.Definition, RawIdentifiersTable.Encoder)));
        ClickDecoder = new ClickEventDecoder(pseudonymizer, interner, options.Decoding, rawRelease);
        PaymentDecoder = new PaymentEventDecoder(pseudonymizer, interner, options.Decoding, rawRelease);
        InventoryDecoder = new InventoryEventDecoder(pseudonymizer, interner, options.Decoding);
        DemandDecoder = new DemandEventDecoder(pseudonymizer, interner, options.Decoding);
        _topicNames = [.. options.Kafka.InputTopics];
        _topics = new Dictionary<string, InputTopic>(StringComparer.Ordinal)
        {
            [options.Kafka.ClickstreamTopic] = InputTopic.Clickstream,
            [options.Kafka.TransactionsTopic] = InputTopic.Transactions,
            [options.Kafka.InventoryTopic] = InputTopic.Inventory,
            [options.Kafka.DemandTopic] = InputTopic.Demand,
        };
        _consumed = _topicNames.Select(t => metrics.EventsConsumed.WithLabels(t)).ToArray();
        _latency = _topicNames.Select(t => metrics.ProcessingLatency.WithLabels(t)).ToArray();

        // Every feature's pipelines run behind the same per-task watermark; the engine is as far as its slowest task.
        // A pipeline's events are its input topics' records that decoded (consumed minus dead-lettered), read at scrape
        // time: the hot path counts a record once per topic, not once per topic and pipeline.
        foreach (var feature in features.Features)
        {
            metrics.WatermarkFor(feature.Name).Bind(() => WatermarkMs / 1000.0);
            InputTopic[] inputs = [.. feature.Inputs];
            var highest = 0.0;
            var gate = new Lock();
            metrics.PipelineEvents.WithLabels(feature.Name).Bind(() =>
            {
                var decoded = inputs.Sum(t => _consumed[(int)t].Value - Interlocked.Read(ref _deadLetteredByTopic[(int)t]));
                // A record is counted consumed before it can be dead-lettered: a scrape between the two must not make
                // the counter go down later (Prometheus would read a reset).
                lock (gate)
                {
                    return highest = Math.Max(highest, decoded);
                }
            });
        }

        PipelineInputs = features.Features.ToDictionary(f => f.Name, f => (IReadOnlyList<string>)[.. f.Inputs.Select(t => _topicNames[(int)t])], StringComparer.Ordinal);
    }

    /// <summary>
    /// The smallest event-time watermark over the live tasks that have one; with none live (after the run, between
    /// assignments), the last one a removed task reached; 0 before any. Any thread.
    /// </summary>
    public long WatermarkMs
    {
        get
        {
            var min = long.MaxValue;
            foreach (var task in _live.Values)
            {
                var watermark = task.WatermarkMs;
                if (watermark > 0)
                {
                    min = Math.Min(min, watermark);
                }
            }

            return min == long.MaxValue ? Volatile.Read(ref _retiredWatermark) : min;
        }
    }

    public EngineOptions Options { get; }

    public EventTimeOptions EventTime => Options.EventTime;

    public DecoderOptions Decoding => Options.Decoding;

    public FeatureSet Features { get; }

    public FeatureOutputs Outputs { get; }

    /// <summary>Partition counts of the input topics (clickstream partitions = producers of the demand topic).</summary>
    public InputTopicLayout Topics => Outputs.Topics;

    public DeadLetterPublisher DeadLetters { get; }

    public EngineMetrics Metrics { get; }

    public TimeProvider Time { get; }

    /// <summary>Where partition tasks save and restore their long-lived state; null when checkpoints are off.</summary>
    public ICheckpointStore? Checkpoints { get; }

    public ClickEventDecoder ClickDecoder { get; }

    public PaymentEventDecoder PaymentDecoder { get; }

    public InventoryEventDecoder InventoryDecoder { get; }

    public DemandEventDecoder DemandDecoder { get; }

    public IPartitionTask Create(int partition)
    {
        var task = new EnginePartitionTask(partition, this);
        _live[partition] = task;
        return task;
    }

    internal void Removed(EnginePartitionTask task)
    {
        _live.TryRemove(KeyValuePair.Create(task.Partition, task));
        Volatile.Write(ref _retiredWatermark, Math.Max(Volatile.Read(ref _retiredWatermark), task.WatermarkMs));
    }

    public InputTopic InputTopicOf(string topic) =>
        _topics.TryGetValue(topic, out var input) ? input : throw new InvalidOperationException($"'{topic}' is not an input topic.");

    /// <summary>Each pipeline's input topic names, by pipeline (feature) name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> PipelineInputs { get; }

    public void CountConsumed(InputTopic topic) => _consumed[(int)topic].Inc();

    /// <summary>Time from receiving a record to the end of everything it triggered synchronously (rows encoded, messages produced).</summary>
    public void ObserveProcessing(InputTopic topic, long startTimestamp) => _latency[(int)topic].ObserveElapsed(startTimestamp);

    /// <summary>Counts a quarantined record (rare path: the labelled handle is created on first use).</summary>
    public void CountDeadLettered(InputTopic topic, DecodeStatus reason)
    {
        Interlocked.Increment(ref _deadLetteredByTopic[(int)topic]);
        if (!_deadLettered.TryGetValue((topic, reason), out var counter))
        {
            var labels = new[] { _topicNames[(int)topic], DeadLetterPublisher.ReasonName(reason) };
            counter = Metrics.DeadLetterRecords.WithLabels(labels);
            Metrics.DecodeErrors.WithLabels(labels);
            _deadLettered.Add((topic, reason), counter);
        }

        counter.Inc();
        if (reason != DecodeStatus.Duplicate)
        {
            Metrics.DecodeErrors.WithLabels(_topicNames[(int)topic], DeadLetterPublisher.ReasonName(reason)).Inc();
        }
    }
}
