using System.Reactive.Disposables;
using StreamEngine.ClickHouse;
using StreamEngine.ClickHouse.Tables;
using StreamEngine.Core.Events;
using StreamEngine.Core.Features;
using StreamEngine.Host.Engine;

namespace StreamEngine.Host.Features;

/// <summary>
/// Purchase-intent signals: each goes to the Kafka intent topic (key = the user pseudonym in hex, so one user's
/// signals stay in order on one partition; value = <see cref="IntentSignalMessage"/> JSON) and to <c>intent_signals</c>.
/// </summary>
internal sealed class PurchaseIntentFeature(FeatureOptions options, string intentTopic) : IFeature
{
    public string Name => "purchase_intent";

    public InputTopic StateInput => InputTopic.Clickstream;


    public IReadOnlyList<InputTopic> Inputs { get; } = [InputTopic.Clickstream];

    public IReadOnlyList<ClickHouseTableDefinition> Tables => [IntentSignalsTable.Definition];

    public IDisposable Attach(PartitionStreams streams, FeatureOutputs outputs)
    {
        // Evidence and cooldowns span up to an hour of clicks: checkpointed, so a restart neither repeats nor misses a signal.
        var store = new PurchaseIntentStore(options);
        var inputs = streams.Checkpointed(Name, store);
        var late = outputs.LateClicks(Name, streams.Partition);
        var table = outputs.Table(IntentSignalsTable.Definition, IntentSignalsTable.Encoder);
        var kafka = outputs.Kafka;
        var signals = outputs.Metrics.IntentSignals;
        var message = new IntentSignalMessage();
        var subscription = PurchaseIntent.Build(inputs.Clicks, store, streams.Partition, late).Subscribe(
            item =>
            {
                if (item.IsPunctuation)
                {
                    return;
                }

                table.Add(item.Value);
                kafka.Produce(intentTopic, IntentSignalMessage.Key(item.Value), message.Encode(item.Value));
                signals.Inc();
            },
            error => throw new InvalidOperationException($"Pipeline feeding '{IntentSignalsTable.Definition.Name}' and '{intentTopic}' failed.", error));
        return new CompositeDisposable(subscription, message);
    }
}
