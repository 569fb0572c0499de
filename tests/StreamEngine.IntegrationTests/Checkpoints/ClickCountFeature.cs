using System.Collections.Concurrent;
using StreamEngine.ClickHouse;
using StreamEngine.Host.Engine;
using StreamEngine.Host.Features;

namespace StreamEngine.IntegrationTests.Checkpoints;

/// <summary>
/// A feature that registers a <see cref="ClickCountState"/> per partition task the documented way (Checkpointed first,
/// then fed only from its streams) and keeps the latest task's state per partition for the test to read.
/// </summary>
internal sealed class ClickCountFeature : IFeature
{
    public const string StateName = "test-click-count";

    public ConcurrentDictionary<int, ClickCountState> States { get; } = new();

    public string Name => "click_count";

    public InputTopic StateInput => InputTopic.Clickstream;


    public IReadOnlyList<InputTopic> Inputs { get; } = [InputTopic.Clickstream];

    public IReadOnlyList<ClickHouseTableDefinition> Tables => [];

    public long Count => States.Values.Sum(s => s.Count);

    public long Refolded => States.Values.Sum(s => s.Refolded);

    public IDisposable Attach(PartitionStreams streams, FeatureOutputs outputs)
    {
        var state = new ClickCountState();
        var inputs = streams.Checkpointed(StateName, state);
        States[streams.Partition] = state;
        return inputs.Clicks.Subscribe(
            item =>
            {
                if (!item.IsPunctuation)
                {
                    state.Fold(item.Offset);
                }
            },
            ex => throw new InvalidOperationException("click count failed", ex));
    }
}
