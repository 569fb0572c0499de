using System.Text;
using Confluent.Kafka;

namespace StreamEngine.Kafka;

/// <summary>
/// The engine's one idempotent producer for output topics and the dead-letter topic. <see cref="Produce"/> is called
/// on the consume thread; <see cref="Flush"/> is part of the commit barrier and throws if any delivery failed, so no
/// offset is committed past output that did not reach Kafka.
/// </summary>
public sealed class KafkaOutput : IDisposable
{
    private readonly IProducer<byte[], byte[]> _producer;
    private readonly Action<DeliveryReport<byte[], byte[]>> _onDelivery;
    private static readonly TimeSpan FlushSlice = TimeSpan.FromMilliseconds(1);
    private Error? _deliveryError;
    private long _produced;

    public KafkaOutput(ProducerConfig config)
    {
        _producer = new ProducerBuilder<byte[], byte[]>(config).SetLogHandler((_, _) => { }).Build();
        _onDelivery = report =>
        {
            if (report.Error.IsError)
            {
                _deliveryError = report.Error;
            }
        };
    }

    /// <summary>Messages handed to the producer so far, per process.</summary>
    public long Produced => Interlocked.Read(ref _produced);

    /// <summary>Raised on the consume thread for each message produced, with its topic (for metrics).</summary>
    public event Action<string>? MessageProduced;

    public void Produce(string topic, byte[]? key, byte[] value, Headers? headers = null) =>
        Produce(topic, key, value, Timestamp.Default, headers);

    /// <summary>Produces with an explicit CreateTime timestamp (event time, e.g. for the internal demand topic).</summary>
    public void Produce(string topic, byte[]? key, byte[] value, long timestampMs, Headers? headers = null) =>
        Produce(topic, key, value, new Timestamp(timestampMs, TimestampType.CreateTime), headers);

    private void Produce(string topic, byte[]? key, byte[] value, Timestamp timestamp, Headers? headers)
    {
        var message = new Message<byte[], byte[]> { Key = key!, Value = value, Headers = headers, Timestamp = timestamp };
        while (true)
        {
            try
            {
                _producer.Produce(topic, message, _onDelivery);
                break;
            }
            catch (ProduceException<byte[], byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                // Back-pressure from librdkafka's queue: serve delivery reports until there is room.
                _producer.Poll(TimeSpan.FromMilliseconds(50));
            }
        }

        Interlocked.Increment(ref _produced);
        MessageProduced?.Invoke(topic);
    }

    /// <summary>Waits for every produced message to be acknowledged; throws if any failed or the wait was cancelled.</summary>
    public void Flush(CancellationToken cancellationToken)
    {
        // Short flush slices instead of Flush(CancellationToken)'s 100 ms ones: librdkafka polls in 10 ms steps, and when
        // the background poll thread takes the last delivery report a step waits out its full 10 ms; 1 ms slices cut the
        // commit barrier's wait for acknowledgements from ~15 ms to ~RTT (KafkaOutputBenchmarks, bench --breakdown).
        while (_producer.Flush(FlushSlice) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        if (_deliveryError is { } error)
        {
            _deliveryError = null;
            throw new KafkaException(error);
        }
    }

    public void Dispose()
    {
        _producer.Flush(TimeSpan.FromSeconds(10));
        _producer.Dispose();
    }

    internal static byte[] Utf8(string value) => Encoding.UTF8.GetBytes(value);
}
