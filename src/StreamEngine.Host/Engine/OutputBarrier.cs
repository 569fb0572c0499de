using StreamEngine.ClickHouse;
using StreamEngine.Kafka;

namespace StreamEngine.Host.Engine;

/// <summary>Before offsets are committed: every buffered ClickHouse row is inserted and every Kafka output acknowledged.</summary>
internal sealed class OutputBarrier(ClickHouseSink sink, KafkaOutput kafka) : IOutputBarrier
{
    public bool FlushDue => sink.ShouldFlush;

    public void Flush(CancellationToken cancellationToken)
    {
        // The consume thread blocks here on purpose: while ClickHouse is slow or down nothing more is consumed.
        sink.FlushAsync(cancellationToken).GetAwaiter().GetResult();
        kafka.Flush(cancellationToken);
    }
}
