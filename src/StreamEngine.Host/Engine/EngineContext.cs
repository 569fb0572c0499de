using StreamEngine.Core.Events;
using StreamEngine.Core.Inventory;
using StreamEngine.Core.Metrics;
using StreamEngine.Core.Privacy;
using StreamEngine.Core.Time;
using StreamEngine.Host.Configuration;
using StreamEngine.Host.Features;
using StreamEngine.Kafka;

namespace StreamEngine.Host.Engine;

/// <summary>What every partition task shares: decoders, outputs, features and metric handles. Consume thread only.</summary>
internal sealed class EngineContext : IPartitionTaskFactory
{
    private readonly Dictionary<string, InputTopic> _topics;
    private readonly Counter[] _consumed;
    private readonly Dictionary<(InputTopic, DecodeStatus), Counter> _deadLettered = [];
    private readonly string[] _topicNames;

    public EngineContext(EngineOptions options, FeatureSet features, FeatureOutputs outputs, DeadLetterPublisher deadLetters, EngineMetrics metrics, TimeProvider time)
    {
        Options = options;
        Features = features;
        Outputs = outputs;
        DeadLetters = deadLetters;
        Metrics = metrics;
        Time = time;
        var pseudonymizer = new Pseudonymizer(options.Privacy.ResolveSecret());
        var interner = new Utf8Interner();
        ClickDecoder = new ClickEventDecoder(pseudonymizer, interner, options.Decoding);
        PaymentDecoder = new PaymentEventDecoder(pseudonymizer, interner, options.Decoding);
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
    }

    public EngineOptions Options { get; }

    public EventTimeOptions EventTime => Options.EventTime;

    public DecoderOptions Decoding => Options.Decoding;

    public FeatureSet Features { get; }

    public FeatureOutputs Outputs { get; }

    public DeadLetterPublisher DeadLetters { get; }

    public EngineMetrics Metrics { get; }

    public TimeProvider Time { get; }

    public ClickEventDecoder ClickDecoder { get; }

    public PaymentEventDecoder PaymentDecoder { get; }

    public InventoryEventDecoder InventoryDecoder { get; }

    public DemandEventDecoder DemandDecoder { get; }

    public IPartitionTask Create(int partition) => new EnginePartitionTask(partition, this);

    public InputTopic InputTopicOf(string topic) =>
        _topics.TryGetValue(topic, out var input) ? input : throw new InvalidOperationException($"'{topic}' is not an input topic.");

    public void CountConsumed(InputTopic topic) => _consumed[(int)topic].Inc();

    /// <summary>Counts a quarantined record (rare path: the labelled handle is created on first use).</summary>
    public void CountDeadLettered(InputTopic topic, DecodeStatus reason)
    {
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
