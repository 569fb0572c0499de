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
