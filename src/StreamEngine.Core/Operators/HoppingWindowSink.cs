using System.Runtime.InteropServices;
using StreamEngine.Core.Aggregates;
using StreamEngine.Core.Time;
using StreamEngine.Core.Windows;

namespace StreamEngine.Core.Operators;

/// <summary>
/// Keyed hopping windows over panes (Li et al., "No pane, no gain"): time is cut into panes of gcd(size, hop); each
/// event updates exactly one (pane, key) state, and a window's result merges its size/pane panes when it fires.
/// Window k is [k·hop, k·hop + size). It fires when the watermark reaches its end, accepts late events (and re-emits)
/// while watermark &lt; end + grace, and a pane is freed once every window containing it is final. An event missing
/// some of its windows (already final) is reported late with the count it missed and still updates the rest.
/// </summary>
internal sealed partial class HoppingWindowSink<TIn, TKey, TState, TOut, TAggregate> : WindowOperatorSink<TIn, WindowResult<TKey, TOut>>
    where TKey : notnull
    where TAggregate : IWindowAggregate<TIn, TState, TOut>
{
    private readonly Func<TIn, TKey> _keySelector;
    private readonly long _sizeMs, _hopMs, _paneMs, _graceMs;
    private readonly long _panesPerWindow, _panesPerHop;
    private readonly IObserver<LateEvent<TIn>>? _lateObserver;
    private readonly List<Pane<TKey, TState>> _panes = [];           // open panes, ascending by index; a handful at a time
    private readonly Stack<Pane<TKey, TState>> _freePanes = new();   // cleared panes keep their dictionary capacity: no steady-state allocation
    private readonly Dictionary<TKey, PaneEntry<TState>> _scratch = [];
    private TAggregate _aggregate;                       // not readonly: avoids defensive copies of a mutable struct
    private Pane<TKey, TState>? _lastPane;
    private long _lastPaneStartMs = long.MaxValue, _lastPaneEndMs = long.MinValue;
    private long _watermarkMs = long.MinValue, _emittedWatermarkMs = long.MinValue;
    private long _nextWindow = long.MinValue;          // first window not yet fired
    private long _nextFireAtMs = long.MaxValue;        // watermark at which a window may fire (cached)
    private long _nextFreeAtMs = long.MaxValue;        // watermark at which the oldest pane becomes final (cached)

    public HoppingWindowSink(
        IObserver<StreamItem<WindowResult<TKey, TOut>>> downstream,
        Func<TIn, TKey> keySelector,
        TAggregate aggregate,
        long sizeMs,
        long hopMs,
        long graceMs,
        IObserver<LateEvent<TIn>>? lateObserver)
        : base(downstream)
    {
        _keySelector = keySelector;
        _aggregate = aggregate;
        _sizeMs = sizeMs;
        _hopMs = hopMs;
        _graceMs = graceMs;
        _lateObserver = lateObserver;
        _paneMs = EventTime.Gcd(sizeMs, hopMs);
        _panesPerWindow = sizeMs / _paneMs;
        _panesPerHop = hopMs / _paneMs;
    }

    public override long OldestOpenOffset
    {
        get
        {
            var min = long.MaxValue;
            foreach (var pane in _panes)
            {
                min = Math.Min(min, pane.MinOffset);
            }

            return min;
        }
    }

    public override int StateCount
    {
        get
        {
            var count = 0;
            foreach (var pane in _panes)
            {
                count += pane.Entries.Count;
            }

            return count;
        }
    }

    protected override void Process(in StreamItem<TIn> item)
    {
        if (item.WatermarkMs > _watermarkMs)
        {
            AdvanceWatermark(item.WatermarkMs, item.IsPunctuation);
        }

        if (item.IsPunctuation)
        {
            return;
        }

        var timeMs = item.TimeMs;
        if (timeMs < _watermarkMs && !AcceptLate(item))
        {
            return;
        }

        // Fast path: same pane as the previous event, no division. A pane is freed once all its windows are final, so
        // an event that reaches an open pane has at least one window still open.
        var pane = timeMs >= _lastPaneStartMs && timeMs < _lastPaneEndMs ? _lastPane! : GetOrAddPane(EventTime.FloorDiv(timeMs, _paneMs));

        var key = _keySelector(item.Value);
        ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(pane.Entries, key, out var exists);
        if (!exists)
        {
            entry.State = _aggregate.Initial();
            entry.MinOffset = item.Offset;
        }

        _aggregate.Add(ref entry.State, item.Value);
        entry.Count++;
        entry.MinOffset = Math.Min(entry.MinOffset, item.Offset);
        pane.MinOffset = Math.Min(pane.MinOffset, item.Offset);

        if (timeMs < _watermarkMs)
        {
            ReemitFiredWindows(timeMs, key);
        }
    }

    protected override void Flush()
    {
        FireUpTo(long.MaxValue);
        while (_panes.Count > 0)
        {
            FreeOldestPane();
        }
    }

    /// <summary>
    /// An event behind the watermark: windows of it already final cannot take it, the others still do (Flink's rule).
    /// Missing any window makes it late: reported once with how many of its windows it missed, and counted. Returns
    /// whether it still belongs to an open window.
    /// </summary>
    private bool AcceptLate(in StreamItem<TIn> item)
    {
        var first = FirstWindow(item.TimeMs);
        var last = EventTime.FloorDiv(item.TimeMs, _hopMs);
        var lastFinal = EventTime.FloorDiv(_watermarkMs - _sizeMs - _graceMs, _hopMs); // windows up to it end + grace ≤ watermark
        var missed = Math.Min(last, lastFinal) - first + 1;
        if (missed <= 0)
        {
            return true;
        }

        var windows = last - first + 1;
        LateEventCount++;
        _lateObserver?.OnNext(LateEvent.Of(item, (int)missed, (int)windows));
        return missed < windows;
    }

    private long WindowStart(long k) => k * _hopMs;

    // Last (latest-ending) window containing timeMs.
    private long LastWindowEnd(long timeMs) => (EventTime.FloorDiv(timeMs, _hopMs) * _hopMs) + _sizeMs;

    // First window containing timeMs.
    private long FirstWindow(long timeMs) => EventTime.FloorDiv(timeMs - _sizeMs, _hopMs) + 1;

    // First window not fired yet: windows ending by the watermark count as fired even when they were empty then, so a
    // late event for one of them is an update within grace, never a first firing after the fact.
    private long FirstOpenWindow() =>
        _watermarkMs == long.MinValue ? _nextWindow : Math.Max(_nextWindow, FirstWindow(_watermarkMs));

    private void AdvanceWatermark(long watermarkMs, bool forward)
    {
        var fired = false;
        if (watermarkMs >= _nextFireAtMs)
        {
            fired = FireUpTo(watermarkMs); // before _watermarkMs moves: FirstOpenWindow() uses the previous one
        }

        _watermarkMs = watermarkMs;

        while (_panes.Count > 0 && watermarkMs >= _nextFreeAtMs)
        {
            FreeOldestPane();
        }

        if ((fired || forward) && watermarkMs > _emittedWatermarkMs)
        {
            // Results carry the watermark from before this advance and the new one follows them, so a downstream window
            // operator sees the results before the watermark that passes their time (Flink's order).
            _emittedWatermarkMs = watermarkMs;
            Downstream.OnNext(StreamItem.Punctuation<WindowResult<TKey, TOut>>(watermarkMs));
        }
    }

    private bool FireUpTo(long watermarkMs)
    {
        var fired = false;
        while (true)
        {
            var k = NextFireCandidate();
            if (k == long.MaxValue || WindowStart(k) + _sizeMs > watermarkMs)
            {
                _nextFireAtMs = k == long.MaxValue ? long.MaxValue : WindowStart(k) + _sizeMs;
                return fired;
            }

            FireWindow(k);
            _nextWindow = k + 1;
            fired = true;
        }
    }

    // The first window at or after _nextWindow that holds a pane (skips empty stretches of time).
    private long NextFireCandidate()
    {
        var next = FirstOpenWindow();
        var i = FindPane(next == long.MinValue ? long.MinValue : next * _panesPerHop);
        return i < _panes.Count ? Math.Max(next, FirstWindow(_panes[i].Index * _paneMs)) : long.MaxValue;
    }

    private void FireWindow(long k)
    {
        var window = new Window(WindowStart(k), WindowStart(k) + _sizeMs);
        var first = k * _panesPerHop;
        var i = FindPane(first);
        if (_panesPerWindow == 1)
        {
            // Tumbling: the pane is the window, no merge.
            if (i < _panes.Count && _panes[i].Index == first)
            {
                foreach (var (key, entry) in _panes[i].Entries)
                {
                    Emit(window, key, entry, isUpdate: false);
                }
            }

            return;
        }

        _scratch.Clear();
        for (; i < _panes.Count && _panes[i].Index < first + _panesPerWindow; i++)
        {
            foreach (var (key, entry) in _panes[i].Entries)
            {
                ref var acc = ref CollectionsMarshal.GetValueRefOrAddDefault(_scratch, key, out var exists);
                if (!exists)
                {
                    acc.State = _aggregate.Initial();
                    acc.MinOffset = long.MaxValue;
                }

                MergeInto(ref acc, entry);
            }
        }

        foreach (var (key, acc) in _scratch)
        {
            Emit(window, key, acc, isUpdate: false);
        }
    }

    // A late event (within grace) changed a pane: re-emit this key in every window that already fired and is not final.
    private void ReemitFiredWindows(long timeMs, TKey key)
    {
        for (var k = FirstWindow(timeMs); WindowStart(k) <= timeMs; k++)
        {
            var end = WindowStart(k) + _sizeMs;
            if (end > _watermarkMs)
            {
                return; // this and later windows have not fired yet
            }

            if (end + _graceMs <= _watermarkMs)
            {
                continue; // final: the event does not change it
            }

            PaneEntry<TState> acc = default;
            acc.State = _aggregate.Initial();
            acc.MinOffset = long.MaxValue;
            var first = k * _panesPerHop;
            for (var i = FindPane(first); i < _panes.Count && _panes[i].Index < first + _panesPerWindow; i++)
            {
                if (_panes[i].Entries.TryGetValue(key, out var entry))
                {
                    MergeInto(ref acc, entry);
                }
            }

            Emit(new Window(WindowStart(k), end), key, acc, isUpdate: acc.Count > 1);
        }
    }

    private void MergeInto(ref PaneEntry<TState> acc, in PaneEntry<TState> entry)
    {
        _aggregate.Merge(ref acc.State, entry.State);
        acc.Count += entry.Count;
        acc.MinOffset = Math.Min(acc.MinOffset, entry.MinOffset);
    }

    private void Emit(Window window, TKey key, in PaneEntry<TState> entry, bool isUpdate) =>
        Downstream.OnNext(StreamItem.Event(
            new WindowResult<TKey, TOut>(window, key, _aggregate.Result(entry.State), entry.Count, isUpdate),
            window.EndMs - 1,
            _emittedWatermarkMs,
            entry.MinOffset));
}
