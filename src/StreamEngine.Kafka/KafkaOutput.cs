using System.Collections.Concurrent;
using System.Text;
using Confluent.Kafka;

namespace StreamEngine.Kafka;

/// <summary>
/// The engine's one idempotent producer for output topics and the dead-letter topic. <see cref="Produce"/> is called
/// on the consume thread; <see cref="Flush"/> is part of the commit barrier: it returns only when every message was
/// acknowledged, re-producing messages whose delivery failed transiently (broker down, message timeout) with capped
/// backoff, and throws on a fatal or permanent error, so no offset is committed past output that did not reach Kafka.
/// </summary>
public sealed class KafkaOutput : IDisposable
{
    private static readonly TimeSpan s_firstRetryDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan s_maxRetryDelay = TimeSpan.FromSeconds(10);
    private readonly IProducer<byte[], byte[]> _producer;
    private readonly Action<DeliveryReport<byte[], byte[]>> _onDelivery;
    private readonly ConcurrentQueue<DeliveryReport<byte[], byte[]>> _failed = new();
    private static readonly TimeSpan FlushSlice = TimeSpan.FromMilliseconds(1);
    private long _produced;

    public KafkaOutput(ProducerConfig config)
    {
        _producer = new ProducerBuilder<byte[], byte[]>(config).SetLogHandler((_, _) => { }).Build();
        // Runs on librdkafka's poll thread: only hand the failed report over to the consume thread.
        _onDelivery = report =>
        {
            if (report.Error.IsError)
            {
                _failed.Enqueue(report);
            }
        };
    }

    /// <summary>Messages handed to the producer so far, per process.</summary>
    public long Produced => Interlocked.Read(ref _produced);

    /// <summary>Raised on the consume thread for each message produced, with its topic (for metrics).</summary>
    public event Action<string>? MessageProduced;

    /// <summary>Raised on the consume thread for each message whose delivery failed, with its topic (for metrics).</summary>
    public event Action<string>? DeliveryFailed;

    /// <summary>Raised on the consume thread before failed messages are produced again: how many, why, after which delay.</summary>
    public event Action<int, Error, TimeSpan>? RetryScheduled;

    public void Produce(string topic, byte[]? key, byte[] value, Headers? headers = null) =>
        Produce(topic, key, value, Timestamp.Default, headers);

    /// <summary>Produces with an explicit CreateTime timestamp (event time, e.g. for the internal demand topic).</summary>
    public void Produce(string topic, byte[]? key, byte[] value, long timestampMs, Headers? headers = null) =>
        Produce(topic, key, value, new Timestamp(timestampMs, TimestampType.CreateTime), headers);

    /// <summary>
    /// Produces to one explicit partition with a CreateTime timestamp (a watermark record written into every partition of
    /// a repartition topic). Messages to one partition keep their order unless a failed delivery is produced again.
    /// </summary>
    public void Produce(string topic, int partition, byte[]? key, byte[] value, long timestampMs)
    {
        var message = new Message<byte[], byte[]> { Key = key!, Value = value, Timestamp = new Timestamp(timestampMs, TimestampType.CreateTime) };
        ProduceOnce(new TopicPartition(topic, new Partition(partition)), message);
        Interlocked.Increment(ref _produced);
        MessageProduced?.Invoke(topic);
    }

    private void Produce(string topic, byte[]? key, byte[] value, Timestamp timestamp, Headers? headers)
    {
        ProduceOnce(new TopicPartition(topic, Partition.Any), new Message<byte[], byte[]> { Key = key!, Value = value, Headers = headers, Timestamp = timestamp });
        Interlocked.Increment(ref _produced);
        MessageProduced?.Invoke(topic);
    }

    /// <summary>
    /// Waits until every produced message is acknowledged. Messages that failed with a retriable error are produced
    /// again after a backoff (their order relative to later messages of the same key may change); a fatal or
    /// permanent error (<see cref="IsRetriable"/>) throws. Cancellation throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public void Flush(CancellationToken cancellationToken)
    {
        var delay = s_firstRetryDelay;
        while (true)
        {
            // Short flush slices instead of Flush(CancellationToken)'s 100 ms ones: librdkafka polls in 10 ms steps, and
            // when the background poll thread takes the last delivery report a step waits out its full 10 ms; 1 ms slices
            // cut the commit barrier's wait for acknowledgements from ~15 ms to ~RTT (KafkaOutputBenchmarks).
            while (_producer.Flush(FlushSlice) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (_failed.IsEmpty)
            {
                return;
            }

            var failed = new List<DeliveryReport<byte[], byte[]>>();
            while (_failed.TryDequeue(out var report))
            {
                failed.Add(report);
                DeliveryFailed?.Invoke(report.Topic);
            }

            foreach (var report in failed)
            {
                if (!IsRetriable(report.Error))
                {
                    throw new KafkaException(report.Error);
                }
            }

            RetryScheduled?.Invoke(failed.Count, failed[0].Error, delay);
            if (cancellationToken.WaitHandle.WaitOne(delay))
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            foreach (var report in failed)
            {
                // Back to the partition it was first assigned (the same one the key hashes to, or the explicit one).
                ProduceOnce(report.TopicPartition, report.Message);
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, s_maxRetryDelay.Ticks));
        }
    }

    /// <summary>
    /// False for errors that repeating the same message cannot fix: fatal producer errors (idempotence broken), messages
    /// too large, authorisation failures, unknown or invalid topics (a configuration error: output topics must exist).
    /// Everything else (broker down, timeouts, leader changes) is retried.
    /// </summary>
    public static bool IsRetriable(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return !error.IsFatal && error.Code is not (ErrorCode.MsgSizeTooLarge
            or ErrorCode.TopicAuthorizationFailed or ErrorCode.ClusterAuthorizationFailed or ErrorCode.Local_UnknownTopic
            or ErrorCode.TopicException or ErrorCode.Local_InvalidArg or ErrorCode.InvalidRecord or ErrorCode.Local_Fatal);
    }

    public void Dispose()
    {
        _producer.Flush(TimeSpan.FromSeconds(10));
        _producer.Dispose();
    }

    internal static byte[] Utf8(string value) => Encoding.UTF8.GetBytes(value);

    private void ProduceOnce(TopicPartition partition, Message<byte[], byte[]> message)
    {
        while (true)
        {
            try
            {
                _producer.Produce(partition, message, _onDelivery);
                return;
            }
            catch (ProduceException<byte[], byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                // Back-pressure from librdkafka's queue: serve delivery reports until there is room.
                _producer.Poll(TimeSpan.FromMilliseconds(50));
            }
        }
    }
}
