using System.Reactive.Disposables;
using System.Reactive.Linq;
using StreamEngine.Core.Events;
using StreamEngine.Core.Time;

namespace StreamEngine.Core.Inventory;

/// <summary>
/// Delivery time p50/p95 and late rate per carrier and destination country in tumbling event-time windows, fired by
/// the watermark carried in each item. Pure: each subscription owns its own <see cref="LogisticsState"/>, unless the
/// pipeline is built over a given (e.g. restored) state, which then allows a single subscription.
/// </summary>
public static class LogisticsPipeline
{
    /// <summary>Builds the pipeline over the inventory topic (only shipment_delivered events are used).</summary>
    public static IObservable<StreamItem<DeliveryStats>> Build(IObservable<StreamItem<InventoryEvent>> inventory, LogisticsOptions options)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return Observable.Create<StreamItem<DeliveryStats>>(observer => Run(inventory, new LogisticsState(options), observer));
    }

    /// <summary>Builds the pipeline over an existing state; a second subscription gets OnError (it would share the state).</summary>
    public static IObservable<StreamItem<DeliveryStats>> Build(IObservable<StreamItem<InventoryEvent>> inventory, LogisticsState state)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(state);
        var subscribed = 0;
        return Observable.Create<StreamItem<DeliveryStats>>(observer =>
        {
            if (Interlocked.Exchange(ref subscribed, 1) != 0)
            {
                observer.OnError(new InvalidOperationException("A logistics pipeline built over a given state supports a single subscription."));
                return Disposable.Empty;
            }

            return Run(inventory, state, observer);
        });
    }

    private static IDisposable Run(IObservable<StreamItem<InventoryEvent>> inventory, LogisticsState state, IObserver<StreamItem<DeliveryStats>> observer)
    {
        var buffer = new List<StreamItem<DeliveryStats>>();
        return inventory.Subscribe(
            item =>
            {
                try
                {
                    if (!item.IsPunctuation)
                    {
                        state.OnEvent(item.Value);
                    }

                    state.AdvanceWatermark(item.WatermarkMs, item.Offset, buffer);
                }
#pragma warning disable CA1031 // any failure in the state must reach the subscriber as OnError (Rx Scan), not kill the consume loop
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    buffer.Clear();
                    observer.OnError(ex);
                    return;
                }

                foreach (var output in buffer)
                {
                    observer.OnNext(output);
                }

                buffer.Clear();
            },
            observer.OnError,
            observer.OnCompleted);
    }
}
