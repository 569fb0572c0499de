using Confluent.Kafka;

namespace StreamEngine.Kafka;

/// <summary>
/// Whether the consumer can reach the cluster, for the <c>kafka_up</c> metric and readiness. librdkafka reports "all
/// brokers down" but nothing when they return, so while down the consume thread probes one assigned partition's
/// offsets (a broker round trip) about once a second; any record consumed also proves the brokers are back.
/// </summary>
internal sealed class BrokerReachability(TimeProvider time)
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(1);
    private volatile bool _down;
    private long _nextProbe;

    public bool IsUp => !_down;

    public void OnError(Error error)
    {
        if (error.Code == ErrorCode.Local_AllBrokersDown)
        {
            _down = true;
        }
    }

    public void OnRecord()
    {
        if (_down)
        {
            _down = false;
        }
    }

    /// <summary>Consume thread, when a poll returns nothing.</summary>
    public void Probe(IConsumer<byte[], byte[]> consumer, TopicPartition? assigned)
    {
        var now = time.GetTimestamp();
        if (!_down || assigned is null || now < _nextProbe)
        {
            return;
        }

        _nextProbe = now + (long)(ProbeInterval.TotalSeconds * time.TimestampFrequency);
        try
        {
            consumer.QueryWatermarkOffsets(assigned, ProbeInterval);
            _down = false;
        }
        catch (KafkaException)
        {
            // Still unreachable: probed again after the interval.
        }
    }
}
