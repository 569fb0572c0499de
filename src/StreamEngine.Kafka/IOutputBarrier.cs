namespace StreamEngine.Kafka;

/// <summary>Makes everything emitted so far durable (sink flush, producer flush) before offsets are committed.</summary>
public interface IOutputBarrier
{
    /// <summary>Whether buffered output should be flushed now (size or age), checked after every record.</summary>
    bool FlushDue { get; }

    /// <summary>Blocks until all buffered output is durably written; throws if it cannot be (the engine stops).</summary>
    void Flush(CancellationToken cancellationToken);
}
