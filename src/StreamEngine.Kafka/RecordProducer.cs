using System.Diagnostics;
using Confluent.Kafka;

namespace StreamEngine.Kafka;

/// <summary>
/// Writes pre-serialised records to Kafka as fast as allowed: at an optional target rate, and never more than
/// <c>maxAhead</c> records or <c>maxBytesAhead</c> bytes ahead of a consumer's progress when one is given (the mock
/// cluster keeps only 5 MB per partition, so an unbounded producer would overwrite data the engine has not read yet).
/// Runs on the calling thread.
/// </summary>
public sealed class RecordProducer : IDisposable
{
    private readonly IProducer<byte[], byte[]> _producer;
    private readonly Action<DeliveryReport<byte[], byte[]>> _onDelivery;
    private Error? _error;

    public RecordProducer(ProducerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.LingerMs ??= 5;
        config.BatchNumMessages ??= 10_000;
        _producer = new ProducerBuilder<byte[], byte[]>(config).SetLogHandler((_, _) => { }).Build();
        _onDelivery = report =>
        {
            if (report.Error.IsError)
            {
                _error = report.Error;
            }
        };
    }

    /// <summary>
    /// Produces every record. <paramref name="ratePerSecond"/> 0 means as fast as possible; <paramref name="consumed"/>
    /// (optional) reports how much the reader has consumed, to bound how far ahead production may run.
    /// Returns the number of records produced.
    /// </summary>
    public long Produce(
        IEnumerable<(string Topic, byte[] Key, byte[] Value, long TimestampMs)> records,
        double ratePerSecond,
        Func<ConsumerProgress>? consumed,
        long maxAhead,
        long maxBytesAhead,
        Action<long>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var clock = Stopwatch.StartNew();
        long produced = 0;
        long producedBytes = 0;
        foreach (var (topic, key, value, timestampMs) in records)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_error is { } error)
            {
                throw new KafkaException(error);
            }

            if (ratePerSecond > 0)
            {
                // Read the clock once: comparing and then subtracting a second reading can give a negative sleep.
                var wait = TimeSpan.FromSeconds(produced / ratePerSecond) - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    Thread.Sleep(wait);
                }
            }

            while (consumed is not null && IsTooFarAhead(consumed(), produced, producedBytes, maxAhead, maxBytesAhead))
            {
                _producer.Poll(TimeSpan.FromMilliseconds(5));
                cancellationToken.ThrowIfCancellationRequested();
            }

            var message = new Message<byte[], byte[]> { Key = key, Value = value, Timestamp = new Timestamp(timestampMs, TimestampType.CreateTime) };
            while (true)
            {
                try
                {
                    _producer.Produce(topic, message, _onDelivery);
                    break;
                }
                catch (ProduceException<byte[], byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
                {
                    _producer.Poll(TimeSpan.FromMilliseconds(20));
                }
            }

            produced++;
            producedBytes += key.Length + value.Length;
            if (progress is not null && produced % 10_000 == 0)
            {
                progress(produced);
            }
        }

        _producer.Flush(cancellationToken);
        if (_error is { } last)
        {
            throw new KafkaException(last);
        }

        progress?.Invoke(produced);
        return produced;
    }

    public void Dispose() => _producer.Dispose();

    private static bool IsTooFarAhead(ConsumerProgress consumed, long produced, long producedBytes, long maxAhead, long maxBytesAhead) =>
        produced - consumed.Records > maxAhead || producedBytes - consumed.Bytes > maxBytesAhead;
}
