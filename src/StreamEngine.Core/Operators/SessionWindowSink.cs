using System.Runtime.InteropServices;
using StreamEngine.Core.Aggregates;
using StreamEngine.Core.Time;
using StreamEngine.Core.Windows;

namespace StreamEngine.Core.Operators;

/// <summary>
/// Keyed session windows [first event, last event + gap). A session fires when the watermark reaches its end (no
/// event can join it any more without being late), accepts late events while watermark &lt; end + grace (re-emitting
/// an update), and is freed after that. An event whose interval [t, t + gap) overlaps two sessions merges them.
/// Sessions live in a pooled array of structs, found per key by a linked list and per deadline by a priority queue
/// with lazy re-scheduling (extending a session does not touch the queue). With a <see cref="SessionWindowStore{TKey, TState}"/>
/// it starts from the sessions restored into the store and the store saves its sessions.
/// </summary>
internal sealed class SessionWindowSink<TIn, TKey, TState, TOut, TAggregate>
    : WindowOperatorSink<TIn, WindowResult<TKey, TOut>>, ISessionWindowSnapshot<TKey, TState>
    where TKey : notnull
    where TAggregate : IWindowAggregate<TIn, TState, TOut>
{
    private readonly Func<TIn, TKey> _keySelector;
    private readonly long _gapMs, _graceMs;
    private readonly IObserver<LateEvent<TIn>>? _lateObserver;
    private readonly Dictionary<TKey, int> _heads = [];
    private readonly PriorityQueue<(int Node, int Generation), long> _deadlines = new();
    private TAggregate _aggregate;
    private SessionNode<TKey, TState>[] _nodes = new SessionNode<TKey, TState>[64];
    private int _freeHead = -1, _highWater, _inUse;
    private long _watermarkMs = long.MinValue, _emittedWatermarkMs = long.MinValue;

    public SessionWindowSink(
        IObserver<StreamItem<WindowResult<TKey, TOut>>> downstream,
        Func<TIn, TKey> keySelector,
        TAggregate aggregate,
        long gapMs,
        long graceMs,
        IObserver<LateEvent<TIn>>? lateObserver,
        SessionWindowStore<TKey, TState>? store)
        : base(downstream)
    {
        _keySelector = keySelector;
        _aggregate = aggregate;
        _gapMs = gapMs;
        _graceMs = graceMs;
        _lateObserver = lateObserver;
        if (store is not null)
        {
            Import(store.Attach(this));
        }
    }

    public override long OldestOpenOffset
    {
        get
        {
            var min = long.MaxValue;
            for (var i = 0; i < _highWater; i++)
            {
                min = _nodes[i].InUse ? Math.Min(min, _nodes[i].Entry.MinOffset) : min;
            }

            return min;
        }
    }

    public override int StateCount => _inUse;

    protected override void Process(in StreamItem<TIn> item)
    {
        if (item.WatermarkMs > _watermarkMs)
        {
            _watermarkMs = item.WatermarkMs;
            var fired = ProcessDeadlines();
            if ((fired || item.IsPunctuation) && _watermarkMs > _emittedWatermarkMs)
            {
                _emittedWatermarkMs = _watermarkMs;
                Downstream.OnNext(StreamItem.Punctuation<WindowResult<TKey, TOut>>(_watermarkMs));
            }
        }

        if (!item.IsPunctuation)
        {
            Fold(in item);
        }
    }

    protected override void Flush()
    {
        for (var i = 0; i < _highWater; i++)
        {
            ref var node = ref _nodes[i];
            if (node.InUse && !node.Fired)
            {
                Emit(ref node);
            }
        }

        _heads.Clear();
        _deadlines.Clear();
        Array.Clear(_nodes);
        _freeHead = -1;
        _highWater = _inUse = 0;
    }

    public SessionWindowImage<TKey, TState> Capture()
    {
        var sessions = new List<SavedSession<TKey, TState>>(_inUse);
        foreach (var (key, head) in _heads)
        {
            for (var i = head; i >= 0; i = _nodes[i].Next)
            {
                ref var node = ref _nodes[i];
                sessions.Add(new SavedSession<TKey, TState>(key, node.StartMs, node.EndMs, node.Entry, node.Fired, node.Emitted));
            }
        }

        return new SessionWindowImage<TKey, TState>(_watermarkMs, _emittedWatermarkMs, sessions);
    }

    // Rebuilds the saved sessions (the store checked each key's are ascending and disjoint), each due at its next deadline.
    private void Import(SessionWindowImage<TKey, TState> image)
    {
        _watermarkMs = image.WatermarkMs;
        _emittedWatermarkMs = image.EmittedWatermarkMs;
        var last = new Dictionary<TKey, int>();
        foreach (var saved in image.Sessions)
        {
            var index = Allocate(saved.Key, saved.StartMs, -1);
            ref var node = ref _nodes[index];
            node.EndMs = saved.EndMs;
            node.Entry = saved.Entry;
            node.Fired = saved.Fired;
            node.Emitted = saved.Emitted;
            Schedule(index, saved.Fired ? saved.EndMs + _graceMs : saved.EndMs);
            if (last.TryGetValue(saved.Key, out var previous))
            {
                _nodes[previous].Next = index;
            }
            else
            {
                _heads.Add(saved.Key, index);
            }

            last[saved.Key] = index;
        }
    }

    private void Fold(in StreamItem<TIn> item)
    {
        var timeMs = item.TimeMs;
        var key = _keySelector(item.Value);
        ref var head = ref CollectionsMarshal.GetValueRefOrAddDefault(_heads, key, out var keyExists);
        var previous = -1;
        var current = keyExists ? head : -1;
        while (current >= 0 && _nodes[current].EndMs <= timeMs)
        {
            previous = current;
            current = _nodes[current].Next;
        }

        // current is the first session ending after t; the event joins it if the session starts before t + gap.
        if (current < 0 || _nodes[current].StartMs >= timeMs + _gapMs)
        {
            if (timeMs + _gapMs + _graceMs <= _watermarkMs)
            {
                if (!keyExists)
                {
                    _heads.Remove(key);
                }

                LateEventCount++;
                _lateObserver?.OnNext(LateEvent.Dropped(item));
                return;
            }

            var created = Allocate(key, timeMs, current);
            if (previous < 0)
            {
                head = created;
            }
            else
            {
                _nodes[previous].Next = created;
            }

            current = created;
        }

        ref var session = ref _nodes[current];
        session.StartMs = Math.Min(session.StartMs, timeMs);
        session.EndMs = Math.Max(session.EndMs, timeMs + _gapMs);
        _aggregate.Add(ref session.Entry.State, item.Value);
        session.Entry.Count++;
        session.Entry.MinOffset = Math.Min(session.Entry.MinOffset, item.Offset);

        // The grown session may now reach the next one: a bridging event merges them.
        while (session.Next >= 0 && _nodes[session.Next].StartMs < session.EndMs)
        {
            var absorbed = session.Next;
            ref var other = ref _nodes[absorbed];
            _aggregate.Merge(ref session.Entry.State, other.Entry.State);
            session.Entry.Count += other.Entry.Count;
            session.Entry.MinOffset = Math.Min(session.Entry.MinOffset, other.Entry.MinOffset);
            session.EndMs = Math.Max(session.EndMs, other.EndMs);
            session.Emitted |= other.Emitted;
            session.Next = other.Next;
            Release(absorbed);
        }

        if (session.EndMs <= _watermarkMs)
        {
            Emit(ref session); // late within grace: the session is complete, publish it now
            Schedule(current, session.EndMs + _graceMs);
        }
        else if (session.Fired)
        {
            session.Fired = false; // extended past the watermark: fire again at its new end
            Schedule(current, session.EndMs);
        }
    }

    private bool ProcessDeadlines()
    {
        var fired = false;
        while (_deadlines.TryPeek(out var entry, out var deadline) && deadline <= _watermarkMs)
        {
            _deadlines.Dequeue();
            ref var node = ref _nodes[entry.Node];
            if (!node.InUse || node.Generation != entry.Generation || node.QueuedDeadlineMs != deadline)
            {
                continue; // stale entry
            }

            var due = node.Fired ? node.EndMs + _graceMs : node.EndMs;
            if (due > _watermarkMs)
            {
                Schedule(entry.Node, due); // the session grew since it was queued
            }
            else if (!node.Fired)
            {
                Emit(ref node);
                fired = true;
                Schedule(entry.Node, node.EndMs + _graceMs);
            }
            else
            {
                Unlink(entry.Node);
            }
        }

        return fired;
    }

    private void Emit(ref SessionNode<TKey, TState> node)
    {
        var window = new Window(node.StartMs, node.EndMs);
        var result = new WindowResult<TKey, TOut>(window, node.Key, _aggregate.Result(node.Entry.State), node.Entry.Count, node.Emitted);
        node.Fired = true;
        node.Emitted = true;
        Downstream.OnNext(StreamItem.Event(result, window.EndMs - 1, _emittedWatermarkMs, node.Entry.MinOffset));
    }

    private void Schedule(int index, long deadlineMs)
    {
        ref var node = ref _nodes[index];
        node.QueuedDeadlineMs = deadlineMs;
        _deadlines.Enqueue((index, node.Generation), deadlineMs);
    }

    private int Allocate(TKey key, long timeMs, int next)
    {
        int index;
        if (_freeHead >= 0)
        {
            index = _freeHead;
            _freeHead = _nodes[index].Next;
        }
        else
        {
            if (_highWater == _nodes.Length)
            {
                Array.Resize(ref _nodes, _nodes.Length * 2);
            }

            index = _highWater++;
        }

        ref var node = ref _nodes[index];
        node.Key = key;
        node.StartMs = timeMs;
        node.EndMs = timeMs + _gapMs;
        node.Entry.State = _aggregate.Initial();
        node.Entry.Count = 0;
        node.Entry.MinOffset = long.MaxValue;
        node.Next = next;
        node.InUse = true;
        node.Fired = node.Emitted = false;
        _inUse++;
        Schedule(index, node.EndMs);
        return index;
    }

    // Removes a final session from its key's list (and the key when it has no session left).
    private void Unlink(int index)
    {
        ref var head = ref CollectionsMarshal.GetValueRefOrNullRef(_heads, _nodes[index].Key);
        if (head == index)
        {
            head = _nodes[index].Next;
        }
        else
        {
            var current = head;
            while (_nodes[current].Next != index)
            {
                current = _nodes[current].Next;
            }

            _nodes[current].Next = _nodes[index].Next;
        }

        if (head < 0)
        {
            _heads.Remove(_nodes[index].Key);
        }

        Release(index);
    }

    private void Release(int index)
    {
        ref var node = ref _nodes[index];
        node.Key = default!;
        node.Entry = default;
        node.InUse = false;
        node.Generation++;
        node.Next = _freeHead;
        _freeHead = index;
        _inUse--;
    }
}
