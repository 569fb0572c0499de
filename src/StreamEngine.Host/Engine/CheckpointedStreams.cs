using System.Reactive.Linq;
using StreamEngine.Core.Events;
using StreamEngine.Core.Inventory;
using StreamEngine.Core.Time;

namespace StreamEngine.Host.Engine;

/// <summary>
/// A partition's inputs as seen by checkpointed state: records the restored checkpoint already contains are left out,
/// so the replay from the committed offset (which windows need) never folds an event into that state twice.
/// Watermark punctuations always pass.
/// </summary>
public sealed class CheckpointedStreams
{
    private readonly PartitionStreams _streams;
    private readonly long[]? _positions;

    internal CheckpointedStreams(PartitionStreams streams, long[]? positions)
    {
        _streams = streams;
        _positions = positions;
        Clicks = After(streams.Clicks, InputTopic.Clickstream);
        Payments = After(streams.Payments, InputTopic.Transactions);
        Inventory = After(streams.Inventory, InputTopic.Inventory);
        Demand = After(streams.Demand, InputTopic.Demand);
    }

    public int Partition => _streams.Partition;

    public IObservable<StreamItem<ClickEvent>> Clicks { get; }

    public IObservable<StreamItem<PaymentEvent>> Payments { get; }

    public IObservable<StreamItem<InventoryEvent>> Inventory { get; }

    public IObservable<StreamItem<DemandEvent>> Demand { get; }

    private IObservable<StreamItem<T>> After<T>(IObservable<StreamItem<T>> source, InputTopic topic)
    {
        // Punctuations carry offset long.MaxValue, so they are never filtered.
        var position = _positions?[(int)topic] ?? -1;
        return position <= 0 ? source : source.Where(item => item.Offset >= position);
    }
}
