using Confluent.Kafka;

namespace StreamEngine.IntegrationTests.Support;

/// <summary>
/// Reads a topic from the beginning on a background thread while a run is going on (the mock cluster keeps only the
/// newest 5 MB per partition, so reading afterwards could miss data). Disposing reads up to the end, then stops.
/// </summary>
internal sealed class TopicWatcher : IAsyncDisposable
{
    private readonly List<ConsumeResult<byte[], byte[]>> _records = [];
    private readonly Thread _thread;
    private readonly IConsumer<byte[], byte[]> _consumer;
    private volatile bool _finishing;

    public TopicWatcher(string bootstrapServers, string topic)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"watcher-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
            EnablePartitionEof = true,
            FetchWaitMaxMs = 10,
        };
        _consumer = new ConsumerBuilder<byte[], byte[]>(config).SetLogHandler((_, _) => { }).Build();
        _consumer.Subscribe(topic);
        _thread = new Thread(Read) { Name = $"watch-{topic}", IsBackground = true };
        _thread.Start();
    }

    /// <summary>Everything read; complete once disposed.</summary>
    public IReadOnlyList<ConsumeResult<byte[], byte[]>> Records => _records;

    public ValueTask DisposeAsync()
    {
        _finishing = true;
        _thread.Join(TimeSpan.FromMinutes(2));
        _consumer.Close();
        _consumer.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Read()
    {
        while (true)
        {
            var result = _consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result is null || result.IsPartitionEOF)
            {
                // An end-of-partition event only says where the end was then: once the run is over, stop only when every
                // partition's position has reached the broker's current end.
                if (_finishing && IsAtEnd())
                {
                    return;
                }

                continue;
            }

            _records.Add(result);
        }
    }

    private bool IsAtEnd()
    {
        var assignment = _consumer.Assignment;
        return assignment.Count > 0 && assignment.All(tp =>
        {
            var end = _consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(5)).High;
            var position = _consumer.Position(tp);
            return end.Value == 0 || (position != Offset.Unset && position.Value >= end.Value);
        });
    }
}
