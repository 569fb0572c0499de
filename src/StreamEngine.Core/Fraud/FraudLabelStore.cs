namespace StreamEngine.Core.Fraud;

/// <summary>
/// Feature vectors of recently scored payments awaiting a delayed label, bounded by event-time age (label horizon) and
/// by count (oldest dropped first). Plain structs keyed by txn id, so a checkpoint can copy them.
/// </summary>
internal sealed class FraudLabelStore(long horizonMs, int capacity)
{
    private readonly Dictionary<string, PendingLabel> _pending = new(StringComparer.Ordinal);
    private readonly Queue<(long TimeMs, string TxnId)> _order = new();

    public int Count => _pending.Count;

    public void Add(string txnId, long timeMs, in FraudFeatureVector features)
    {
        while (_pending.Count >= capacity && _order.TryDequeue(out var oldest))
        {
            RemoveIfCurrent(oldest.TxnId, oldest.TimeMs, out _);
        }

        _pending[txnId] = new PendingLabel { TimeMs = timeMs, Features = features };
        _order.Enqueue((timeMs, txnId));
    }

    /// <summary>Takes the vector of a scored payment (on its chargeback).</summary>
    public bool TryTake(string txnId, out FraudFeatureVector features)
    {
        var found = _pending.Remove(txnId, out var p);
        features = p.Features;
        return found;
    }

    /// <summary>Takes the next payment older than the horizon at <paramref name="watermarkMs"/> that got no label.</summary>
    public bool TryTakeExpired(long watermarkMs, out string txnId, out FraudFeatureVector features)
    {
        while (_order.TryPeek(out var oldest) && oldest.TimeMs < watermarkMs - horizonMs)
        {
            _order.Dequeue();
            if (RemoveIfCurrent(oldest.TxnId, oldest.TimeMs, out features))
            {
                txnId = oldest.TxnId;
                return true;
            }
        }

        txnId = "";
        features = default;
        return false;
    }

    /// <summary>
    /// Writes the expiry queue as it is (including entries a chargeback or a replay left stale: they still take part
    /// in the capacity drain) and the pending vectors.
    /// </summary>
    public void Save(BinaryWriter writer)
    {
        writer.Write(_order.Count);
        foreach (var (timeMs, txnId) in _order)
        {
            writer.Write7BitEncodedInt64(timeMs);
            writer.Write(txnId);
        }

        writer.Write(_pending.Count);
        foreach (var (txnId, p) in _pending)
        {
            writer.Write(txnId);
            writer.Write7BitEncodedInt64(p.TimeMs);
            FraudStateCodec.WriteFeatures(writer, p.Features);
        }
    }

    /// <summary>Replaces the store with one written by <see cref="Save"/>.</summary>
    public void Restore(BinaryReader reader)
    {
        _order.Clear();
        _pending.Clear();
        var queued = FraudStateCodec.ReadCount(reader, 2);
        for (var i = 0; i < queued; i++)
        {
            var timeMs = reader.Read7BitEncodedInt64();
            _order.Enqueue((timeMs, reader.ReadString()));
        }

        var pending = FraudStateCodec.ReadCount(reader, 2 + FraudFeatureNames.Count);
        for (var i = 0; i < pending; i++)
        {
            var txnId = reader.ReadString();
            var p = new PendingLabel { TimeMs = reader.Read7BitEncodedInt64(), Features = FraudStateCodec.ReadFeatures(reader) };
            FraudStateCodec.Check(_pending.TryAdd(txnId, p), "a pending txn id is listed twice");
        }

        // Add enqueues every vector it keeps: one without its queue entry would never expire.
        var queuedEntries = _order.Select(e => (e.TxnId, e.TimeMs)).ToHashSet();
        foreach (var (txnId, p) in _pending)
        {
            FraudStateCodec.Check(queuedEntries.Contains((txnId, p.TimeMs)), "a pending payment is missing from the expiry queue");
        }
    }

    private bool RemoveIfCurrent(string txnId, long timeMs, out FraudFeatureVector features)
    {
        // A replayed txn id re-enters the queue; only the entry matching the stored time removes it.
        if (_pending.TryGetValue(txnId, out var p) && p.TimeMs == timeMs)
        {
            _pending.Remove(txnId);
            features = p.Features;
            return true;
        }

        features = default;
        return false;
    }

    private struct PendingLabel
    {
        public long TimeMs;
        public FraudFeatureVector Features;
    }
}
