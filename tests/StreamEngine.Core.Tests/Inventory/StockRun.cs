using System.Reactive.Subjects;
using StreamEngine.Core.Checkpoints;
using StreamEngine.Core.Events;
using StreamEngine.Core.Inventory;
using StreamEngine.Core.Time;

namespace StreamEngine.Core.Tests.Inventory;

/// <summary>A pipeline output with the index of the input item that produced it.</summary>
internal readonly record struct StockOutput(
    int Input, SafetyStockOutputKind Kind, StockThreshold Threshold, ReplenishmentSignal Signal, long TimeMs, long WatermarkMs, long Offset);

/// <summary>Feeds items through a <see cref="SafetyStockPipeline"/>, moving to a restored state before each given index.</summary>
internal sealed class StockRun
{
    private StockRun(List<StockOutput> outputs, SafetyStockState state, int checkpoints)
    {
        Outputs = outputs;
        State = state;
        Checkpoints = checkpoints;
    }

    public List<StockOutput> Outputs { get; }

    public SafetyStockState State { get; }

    public int Checkpoints { get; }

    public (long, long, long, long, long, int) Counters =>
        (State.LateDemandEvents, State.ExpiredDemandEvents, State.StaleSnapshots, State.LateSnapshots, State.LastClosedBucket, State.SkuCount);

    public static StockRun Feed(IReadOnlyList<StockFeedItem> items, SafetyStockOptions options, HashSet<int> checkpointBefore)
    {
        var outputs = new List<StockOutput>();
        var state = new SafetyStockState(options);
        var checkpoints = 0;
        var input = 0;
        var (inventory, demand, subscription) = Attach(state, outputs, () => input);
        for (; input < items.Count; input++)
        {
            if (checkpointBefore.Contains(input))
            {
                // As in the engine: save, drop the task, restore into a freshly built state, resubscribe.
                var bytes = StateSnapshot.Capture(state);
                subscription.Dispose();
                state = new SafetyStockState(options);
                StateSnapshot.Restore(state, bytes);
                Assert.Equal(bytes, StateSnapshot.Capture(state));
                (inventory, demand, subscription) = Attach(state, outputs, () => input);
                checkpoints++;
            }

            var item = items[input];
            if (item.IsDemand)
            {
                demand.OnNext(item.Demand);
            }
            else
            {
                inventory.OnNext(item.Inventory);
            }
        }

        subscription.Dispose();
        return new StockRun(outputs, state, checkpoints);
    }

    private static (Subject<StreamItem<InventoryEvent>>, Subject<StreamItem<DemandEvent>>, IDisposable) Attach(
        SafetyStockState state, List<StockOutput> outputs, Func<int> input)
    {
        var inventory = new Subject<StreamItem<InventoryEvent>>();
        var demand = new Subject<StreamItem<DemandEvent>>();
        var subscription = SafetyStockPipeline.Build(inventory, demand, state).Output.Subscribe(
            o => outputs.Add(new StockOutput(input(), o.Value.Kind, o.Value.Threshold, o.Value.Signal, o.TimeMs, o.WatermarkMs, o.Offset)),
            e => Assert.Fail(e.ToString()));
        return (inventory, demand, subscription);
    }
}
