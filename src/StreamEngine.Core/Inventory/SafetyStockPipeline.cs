using System.Reactive.Disposables;
using System.Reactive.Linq;
using StreamEngine.Core.Events;
using StreamEngine.Core.Time;

namespace StreamEngine.Core.Inventory;

/// <summary>
/// Joins the inventory and demand streams of one task into thresholds and replenishment signals. The watermark is the
/// minimum of both inputs' watermarks (an idle input must send punctuations). Subscribe once (a second subscription gets OnError): the subscription owns
/// <see cref="State"/>, whose gauges the metrics endpoint reads. The two inputs may call from different threads; a
/// gate serialises them, and outputs are emitted on the calling thread.
/// </summary>
public sealed class SafetyStockPipeline
{
    private readonly IObservable<StreamItem<InventoryEvent>> _inventory;
    private readonly IObservable<StreamItem<DemandEvent>> _demand;
    private int _subscribed;

    private SafetyStockPipeline(
        IObservable<StreamItem<InventoryEvent>> inventory, IObservable<StreamItem<DemandEvent>> demand, SafetyStockState state)
    {
        _inventory = inventory;
        _demand = demand;
        State = state;
        Output = Observable.Create<StreamItem<SafetyStockOutput>>(Subscribe);
    }

    /// <summary>Thresholds (one per SKU and warehouse per closed bucket) and signals, in production order.</summary>
    public IObservable<StreamItem<SafetyStockOutput>> Output { get; }

    /// <summary>The task's state: gauges (<see cref="SafetyStockState.GetGauges"/>) and counters for metrics.</summary>
    public SafetyStockState State { get; }

    /// <summary>Builds the pipeline; options are validated here.</summary>
    public static SafetyStockPipeline Build(
        IObservable<StreamItem<InventoryEvent>> inventory, IObservable<StreamItem<DemandEvent>> demand, SafetyStockOptions options)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(demand);
        ArgumentNullException.ThrowIfNull(options);
        return new SafetyStockPipeline(inventory, demand, new SafetyStockState(options));
    }

    /// <summary>Builds the pipeline over an existing state, e.g. one just restored from a checkpoint.</summary>
    public static SafetyStockPipeline Build(
        IObservable<StreamItem<InventoryEvent>> inventory, IObservable<StreamItem<DemandEvent>> demand, SafetyStockState state)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(demand);
        ArgumentNullException.ThrowIfNull(state);
        return new SafetyStockPipeline(inventory, demand, state);
    }

    private IDisposable Subscribe(IObserver<StreamItem<SafetyStockOutput>> observer)
    {
        if (Interlocked.Exchange(ref _subscribed, 1) != 0)
        {
            observer.OnError(new InvalidOperationException("SafetyStockPipeline.Output supports a single subscription (it owns the task's state)."));
            return Disposable.Empty;
        }

        var sink = new Sink(State, observer);
        var inventory = _inventory.Subscribe(sink.OnInventory, sink.OnError, sink.OnInventoryCompleted);
        var demand = _demand.Subscribe(sink.OnDemand, sink.OnError, sink.OnDemandCompleted);
        return StableCompositeDisposable.Create(inventory, demand);
    }

    private sealed class Sink(SafetyStockState state, IObserver<StreamItem<SafetyStockOutput>> observer)
    {
        private readonly Lock _gate = new();
        private readonly List<StreamItem<SafetyStockOutput>> _buffer = [];
        private int _completed;
        private bool _stopped;

        public void OnInventory(StreamItem<InventoryEvent> item)
        {
            lock (_gate)
            {
                if (_stopped)
                {
                    return;
                }

                var watermark = state.ObserveInventoryWatermark(item.WatermarkMs);
                Process(item.IsPunctuation, item.Value, default, item.Offset, isDemand: false, item.TimeMs, watermark);
            }
        }

        public void OnDemand(StreamItem<DemandEvent> item)
        {
            lock (_gate)
            {
                if (_stopped)
                {
                    return;
                }

                var watermark = state.ObserveDemandWatermark(item.WatermarkMs);
                Process(item.IsPunctuation, default, item.Value, item.Offset, isDemand: true, item.TimeMs, watermark);
            }
        }

        public void OnError(Exception error)
        {
            lock (_gate)
            {
                if (!_stopped)
                {
                    _stopped = true;
                    observer.OnError(error);
                }
            }
        }

        public void OnInventoryCompleted() => Complete();

        public void OnDemandCompleted() => Complete();

        private void Complete()
        {
            lock (_gate)
            {
                if (!_stopped && ++_completed == 2)
                {
                    _stopped = true;
                    observer.OnCompleted();
                }
            }
        }

        private void Process(bool isPunctuation, InventoryEvent inventory, DemandEvent demand, long offset, bool isDemand, long timeMs, long watermark)
        {
            try
            {
                if (!isPunctuation)
                {
                    if (isDemand)
                    {
                        state.OnDemand(demand, timeMs, watermark, offset, _buffer);
                    }
                    else
                    {
                        state.OnInventory(inventory, watermark, offset, _buffer);
                    }
                }

                state.AdvanceWatermark(watermark, offset, _buffer);
            }
#pragma warning disable CA1031 // any failure in the state must reach the subscriber as OnError (Rx Scan), not kill the consume loop
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _buffer.Clear();
                OnErrorLocked(ex);
                return;
            }

            foreach (var output in _buffer)
            {
                observer.OnNext(output);
            }

            _buffer.Clear();
        }

        private void OnErrorLocked(Exception error)
        {
            _stopped = true;
            observer.OnError(error);
        }
    }
}
