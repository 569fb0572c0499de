using System.Runtime.InteropServices;
using StreamEngine.Core.Events;
using StreamEngine.Core.Time;

namespace StreamEngine.Core.Features;

/// <summary>
/// Per (user, category), in event-time order: keeps the times of the last N qualifying events (product_view of the
/// category, or a search naming it) since the user's last purchase in the category; when the oldest of them is within
/// the window of the newest, and no signal for the pair was emitted within the cooldown, emits a signal. All state
/// lives in the <see cref="PurchaseIntentStore"/>.
/// </summary>
internal sealed class PurchaseIntentSink(
    IObserver<StreamItem<IntentSignal>> downstream,
    PurchaseIntentStore store,
    int partition,
    IObserver<StreamItem<ClickEvent>>? late)
    : OrderedClickSink<IntentSignal>(downstream, store.Buffer, late)
{
    private readonly Dictionary<(ulong User, string Category), IntentEvidence> _states = store.Evidence;
    private readonly int _threshold = store.Options.IntentThreshold;
    private readonly long _windowMs = (long)store.Options.IntentWindow.TotalMilliseconds;
    private readonly long _cooldownMs = (long)store.Options.IntentCooldown.TotalMilliseconds;

    protected override int KeyCount => _states.Count;

    protected override void OnEvent(in StreamItem<ClickEvent> item)
    {
        var e = item.Value;
        if (e.Category is null)
        {
            return;
        }

        var qualifies = e.Type is ClickEventType.ProductView or ClickEventType.Search;
        if (!qualifies && e.Type != ClickEventType.Purchase)
        {
            return;
        }

        ref var state = ref CollectionsMarshal.GetValueRefOrAddDefault(_states, (e.UserId, e.Category), out var exists);
        if (!exists)
        {
            state = new IntentEvidence(_threshold);
        }

        state.LastMs = e.TimeMs;
        if (!qualifies)
        {
            state.Count = 0; // a purchase in the category resets the evidence
            return;
        }

        // Ring of the last N qualifying times: slot Count % N is the oldest once the ring is full.
        state.Times[state.Count % _threshold] = e.TimeMs;
        state.Count++;
        if (state.Count < _threshold)
        {
            return;
        }

        var oldest = state.Times[state.Count % _threshold];
        var inCooldown = state.LastSignalMs != long.MinValue && e.TimeMs - state.LastSignalMs < _cooldownMs;
        if (e.TimeMs - oldest < _windowMs && !inCooldown)
        {
            state.LastSignalMs = e.TimeMs;
            Emit(new IntentSignal(e.UserId, e.Category, _threshold, oldest, e.TimeMs, partition, 1), e.TimeMs, item.Offset);
        }
    }

    protected override void OnWatermark(long watermarkMs)
    {
        if (watermarkMs < store.NextSweepMs)
        {
            return;
        }

        store.NextSweepMs = watermarkMs == long.MaxValue ? long.MaxValue : watermarkMs + Math.Max(1, _windowMs / 2);
        foreach (var (key, state) in _states)
        {
            var cooledDown = state.LastSignalMs == long.MinValue || state.LastSignalMs + _cooldownMs <= watermarkMs;
            if (cooledDown && state.LastMs + _windowMs <= watermarkMs)
            {
                _states.Remove(key);
            }
        }
    }
}
