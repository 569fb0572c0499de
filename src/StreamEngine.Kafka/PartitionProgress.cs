namespace StreamEngine.Kafka;

/// <summary>Position and end of one assigned topic partition; written on the consume thread, read by metrics and health.</summary>
public sealed class PartitionProgress(string topic, int partition)
{
    private long _position = -1;
    private long _highWatermark = -1;
    private long _committed = -1;

    public string Topic { get; } = topic;

    public int Partition { get; } = partition;

    /// <summary>Next offset to be consumed; -1 until the first record or position query.</summary>
    public long Position { get => Volatile.Read(ref _position); set => Volatile.Write(ref _position, value); }

    /// <summary>Log end offset as last reported by the broker; -1 when unknown.</summary>
    public long HighWatermark { get => Volatile.Read(ref _highWatermark); set => Volatile.Write(ref _highWatermark, value); }

    public long Committed { get => Volatile.Read(ref _committed); set => Volatile.Write(ref _committed, value); }

    /// <summary>Records not yet consumed; 0 when unknown.</summary>
    public long Lag
    {
        get
        {
            var high = HighWatermark;
            var position = Position;
            return high < 0 ? 0 : Math.Max(0, high - Math.Max(position, 0));
        }
    }
}
