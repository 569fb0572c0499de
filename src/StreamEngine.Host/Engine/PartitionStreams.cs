using System.Reactive.Subjects;
using StreamEngine.Core.Checkpoints;
using StreamEngine.Core.Events;
using StreamEngine.Core.Inventory;
using StreamEngine.Core.Time;
using StreamEngine.Core.Windows;
using StreamEngine.Host.Checkpoints;

namespace StreamEngine.Host.Engine;

/// <summary>
/// The decoded inputs of one partition task, handed to every feature when the task is created. Features subscribe
/// their pipelines here and register any operator that holds state, so the task commits no offset past that state.
/// </summary>
public sealed class PartitionStreams : IDisposable
{
    private readonly Subject<StreamItem<ClickEvent>> _clicks = new();
    private readonly Subject<StreamItem<PaymentEvent>> _payments = new();
    private readonly Subject<StreamItem<InventoryEvent>> _inventory = new();
    private readonly Subject<StreamItem<DemandEvent>> _demand = new();
    private readonly List<(InputTopic Topic, IOffsetTracking State)> _state = [];
    private readonly List<(string Name, ICheckpointState State)> _checkpointed = [];
    private readonly PartitionCheckpoint? _restored;

    public PartitionStreams(int partition) => Partition = partition;

    /// <summary>Streams whose checkpointed state is restored from <paramref name="restored"/> as features register it.</summary>
    internal PartitionStreams(int partition, PartitionCheckpoint? restored)
        : this(partition) => _restored = restored;

    public int Partition { get; }

    public IObservable<StreamItem<ClickEvent>> Clicks => _clicks;

    public IObservable<StreamItem<PaymentEvent>> Payments => _payments;

    public IObservable<StreamItem<InventoryEvent>> Inventory => _inventory;

    /// <summary>
    /// Demand per SKU from the internal repartition topic (same partition number as <see cref="Inventory"/>). Its items
    /// carry the demand watermark (the minimum over the producing tasks), not the task's: join it with the other inputs
    /// at the minimum of both.
    /// </summary>
    public IObservable<StreamItem<DemandEvent>> Demand => _demand;

    /// <summary>
    /// <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> when the task received the record now being pushed
    /// (set before decoding), so features can measure consume-to-output latency. 0 before the first record.
    /// </summary>
    public long CurrentRecordTimestamp { get; internal set; }

    internal IObserver<StreamItem<ClickEvent>> ClickInput => _clicks;

    internal IObserver<StreamItem<PaymentEvent>> PaymentInput => _payments;

    internal IObserver<StreamItem<InventoryEvent>> InventoryInput => _inventory;

    internal IObserver<StreamItem<DemandEvent>> DemandInput => _demand;

    /// <summary>
    /// Registers long-lived state to be saved in the partition's checkpoint under <paramref name="name"/> and, when the
    /// task started from a checkpoint, restores it now. Call before subscribing anything or registering metrics: a
    /// checkpoint that lacks the state or cannot be read throws <see cref="InvalidDataException"/>, and the task
    /// then starts over without it (a replay from the start of retention). Feed the state from the returned streams.
    /// </summary>
    public CheckpointedStreams Checkpointed(string name, ICheckpointState state)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(state);
        if (_checkpointed.Exists(c => c.Name == name))
        {
            throw new InvalidOperationException($"Checkpointed state '{name}' is registered twice.");
        }

        if (_restored is not null)
        {
            if (!_restored.States.TryGetValue(name, out var bytes))
            {
                throw new InvalidDataException($"The checkpoint has no state '{name}'.");
            }

            try
            {
                StateSnapshot.Restore(state, bytes);
            }
            catch (InvalidDataException ex)
            {
                throw new InvalidDataException($"Checkpointed state '{name}': {ex.Message}", ex);
            }
        }

        _checkpointed.Add((name, state));
        return new CheckpointedStreams(this, _restored?.Positions);
    }

    internal bool HasCheckpointedState => _checkpointed.Count > 0;

    /// <summary>Every registered state's bytes, with the input positions they correspond to.</summary>
    internal PartitionCheckpoint Capture(long[] positions) =>
        new(positions, _checkpointed.ToDictionary(c => c.Name, c => StateSnapshot.Capture(c.State), StringComparer.Ordinal));

    /// <summary>Registers state fed by <paramref name="topic"/> that may still change: offsets are committed only below it.</summary>
    public void TrackState(InputTopic topic, IOffsetTracking state) => _state.Add((topic, state));

    /// <summary>The oldest offset of <paramref name="topic"/> that open state depends on, or <see cref="long.MaxValue"/>.</summary>
    internal long OldestOpenOffset(InputTopic topic)
    {
        var oldest = long.MaxValue;
        foreach (var (t, state) in _state)
        {
            if (t == topic)
            {
                oldest = Math.Min(oldest, state.OldestOpenOffset);
            }
        }

        return oldest;
    }

    /// <summary>Keys held by the registered window and session operators (open windows, sessions, per-key state).</summary>
    internal long StateCount
    {
        get
        {
            long count = 0;
            foreach (var (_, state) in _state)
            {
                count += state is IWindowOperatorState window ? window.StateCount : 0;
            }

            return count;
        }
    }

    /// <summary>The task's watermark advanced: punctuates clickstream, transactions and inventory.</summary>
    internal void Punctuate(long watermarkMs)
    {
        _clicks.OnNext(StreamItem.Punctuation<ClickEvent>(watermarkMs));
        _payments.OnNext(StreamItem.Punctuation<PaymentEvent>(watermarkMs));
        _inventory.OnNext(StreamItem.Punctuation<InventoryEvent>(watermarkMs));
    }

    /// <summary>The demand watermark advanced: punctuates the demand stream.</summary>
    internal void PunctuateDemand(long watermarkMs) => _demand.OnNext(StreamItem.Punctuation<DemandEvent>(watermarkMs));

    internal void Complete()
    {
        _clicks.OnCompleted();
        _payments.OnCompleted();
        _inventory.OnCompleted();
        _demand.OnCompleted();
    }

    public void Dispose()
    {
        _clicks.Dispose();
        _payments.Dispose();
        _inventory.Dispose();
        _demand.Dispose();
    }
}
