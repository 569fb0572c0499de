using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using StreamEngine.Host.Commands;
using StreamEngine.Host.Configuration;
using StreamEngine.Kafka;

namespace StreamEngine.IntegrationTests.Commands;

/// <summary>
/// <c>simulate --live</c>, the docker stack's storefront, against a mock Kafka cluster: current timestamps, until
/// stopped, and a restart (the container's restart policy) neither replays old timestamps nor repeats ids. The command
/// runs on a clock 60 times faster than the wall clock: a storefront's traffic builds up over the first simulated
/// minutes (sessions take minutes to reach checkout), which then pass in seconds. <see cref="EventTimePacerTests"/>
/// checks the pacing on the real clock.
/// </summary>
public sealed class SimulateLiveTests : IDisposable
{
    private readonly MockKafkaCluster _mock = new(brokers: 1);

    [Fact]
    public async Task Live_ProducesCurrentTimestampsUntilStopped_AndARestartRepeatsNoIds()
    {
        var options = EngineOptions.Load(Configuration());
        _mock.EnsureTopics(options.Kafka.InputTopics);

        var clock = new FastClock(60);
        var first = await RunForAsync(clock, TimeSpan.FromSeconds(3));
        var second = await RunForAsync(clock, TimeSpan.FromSeconds(2));

        var records = ReadAll(options.Kafka);
        var firstRun = records.Where(r => r.TimestampMs >= first.StartMs && r.TimestampMs <= first.StopMs).ToList();
        var secondRun = records.Where(r => r.TimestampMs >= second.StartMs && r.TimestampMs <= second.StopMs).ToList();
        // Every record carries a time of the run that produced it on the command's clock (not the simulator's default
        // 2026-11-01 start), no later than when that run was stopped: produced as it happens.
        Assert.Equal(records.Count, firstRun.Count + secondRun.Count);
        Assert.True(firstRun.Count > 500, $"first run: {firstRun.Count} records in 3 simulated minutes at about 20/s");
        Assert.True(secondRun.Count > 300, $"second run: {secondRun.Count} records in 2 simulated minutes at about 20/s");
        Assert.All(records, r => Assert.Equal(r.TimestampMs, TimeMs(r.Json)));
        foreach (var field in (string[])["event_id", "session_id", "order_id", "txn_id"])
        {
            var before = firstRun.Select(r => Field(r.Json, field)).OfType<string>().ToHashSet();
            var after = secondRun.Select(r => Field(r.Json, field)).OfType<string>().ToHashSet();
            Assert.NotEmpty(after);
            Assert.Empty(before.Intersect(after));
        }
    }

    [Fact]
    public void Live_WithoutAPositiveRate_IsRejectedNamingTheFlag()
    {
        var configuration = Configuration();
        var (flags, _) = CommandLine.Split(["--live", "--rate", "0"]);

        var error = Assert.Throws<Core.OptionsException>(() => SimulateCommand.ProduceLive(configuration, EngineOptions.Load(configuration), flags, TimeProvider.System, CancellationToken.None));

        Assert.Contains("--rate", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _mock.Dispose();

    private IConfiguration Configuration() => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["StreamEngine:Kafka:BootstrapServers"] = _mock.BootstrapServers,
    }).Build();

    /// <summary>Runs the storefront for <paramref name="duration"/> of real time, then stops it as SIGTERM would (cancellation).</summary>
    private async Task<(long StartMs, long StopMs)> RunForAsync(TimeProvider clock, TimeSpan duration)
    {
        var configuration = Configuration();
        var (flags, _) = CommandLine.Split(["--live", "--rate", "20"]);
        using var stop = new CancellationTokenSource(duration);
        var startMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var run = Task.Run(() => SimulateCommand.ProduceLive(configuration, EngineOptions.Load(configuration), flags, clock, stop.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        return (startMs, clock.GetUtcNow().ToUnixTimeMilliseconds());
    }

    private List<(long TimestampMs, JsonElement Json)> ReadAll(KafkaOptions kafka)
    {
        var config = new ConsumerConfig { BootstrapServers = _mock.BootstrapServers, GroupId = $"check-{Guid.NewGuid():N}", AutoOffsetReset = AutoOffsetReset.Earliest, FetchWaitMaxMs = 5 };
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).SetLogHandler((_, _) => { }).Build();
        var topics = (string[])[kafka.ClickstreamTopic, kafka.TransactionsTopic, kafka.InventoryTopic];
        var expected = 0L;
        var partitions = new List<TopicPartitionOffset>();
        foreach (var topic in topics)
        {
            for (var partition = 0; partition < MockKafkaCluster.PartitionsPerTopic; partition++)
            {
                expected += consumer.QueryWatermarkOffsets(new TopicPartition(topic, partition), TimeSpan.FromSeconds(10)).High.Value;
                partitions.Add(new TopicPartitionOffset(topic, partition, Offset.Beginning));
            }
        }

        consumer.Assign(partitions);
        var records = new List<(long, JsonElement)>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (records.Count < expected)
        {
            Assert.True(DateTime.UtcNow < deadline, $"read {records.Count} of {expected} records within 30 s");
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { } result)
            {
                records.Add((result.Message.Timestamp.UnixTimestampMs, JsonDocument.Parse(result.Message.Value).RootElement.Clone()));
            }
        }

        return records;
    }

    private static long TimeMs(JsonElement json)
    {
        var ts = json.GetProperty("ts");
        return ts.ValueKind == JsonValueKind.Number ? ts.GetInt64() : DateTimeOffset.Parse(ts.GetString()!, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
    }

    private static string? Field(JsonElement json, string name) => json.TryGetProperty(name, out var value) ? value.GetString() : null;
}
