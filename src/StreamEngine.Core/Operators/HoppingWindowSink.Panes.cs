using StreamEngine.Core.Aggregates;

namespace StreamEngine.Core.Operators;

/// <summary>Pane bookkeeping of the hopping window operator: lookup, creation (from a free list) and release.</summary>
internal sealed partial class HoppingWindowSink<TIn, TKey, TState, TOut, TAggregate>
{
    // Index of the first open pane with Index >= paneIndex (binary search; the list is short).
    private int FindPane(long paneIndex)
    {
        int lo = 0, hi = _panes.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_panes[mid].Index < paneIndex)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private Pane<TKey, TState> GetOrAddPane(long index)
    {
        var i = FindPane(index);
        Pane<TKey, TState> pane;
        if (i < _panes.Count && _panes[i].Index == index)
        {
            pane = _panes[i];
        }
        else
        {
            pane = _freePanes.Count > 0 ? _freePanes.Pop() : new Pane<TKey, TState>();
            pane.Index = index;
            pane.MinOffset = long.MaxValue;
            _panes.Insert(i, pane);
            var startMs = index * _paneMs;
            _nextFreeAtMs = Math.Min(_nextFreeAtMs, LastWindowEnd(startMs) + _graceMs);
            _nextFireAtMs = Math.Min(_nextFireAtMs, WindowStart(Math.Max(FirstOpenWindow(), FirstWindow(startMs))) + _sizeMs);
        }

        _lastPane = pane;
        _lastPaneStartMs = index * _paneMs;
        _lastPaneEndMs = _lastPaneStartMs + _paneMs;
        return pane;
    }

    private void FreeOldestPane()
    {
        var pane = _panes[0];
        _panes.RemoveAt(0);
        if (ReferenceEquals(pane, _lastPane))
        {
            _lastPane = null;
            _lastPaneStartMs = long.MaxValue;
            _lastPaneEndMs = long.MinValue;
        }

        pane.Entries.Clear();
        _freePanes.Push(pane);
        _nextFreeAtMs = _panes.Count > 0 ? LastWindowEnd(_panes[0].Index * _paneMs) + _graceMs : long.MaxValue;
    }
}
