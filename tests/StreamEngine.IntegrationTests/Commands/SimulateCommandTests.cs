using System.Globalization;
using System.Text.RegularExpressions;
using Confluent.Kafka;
using StreamEngine.Core.Simulation;
using StreamEngine.Host.Commands;
using StreamEngine.Host.Configuration;
using StreamEngine.Kafka;

namespace StreamEngine.IntegrationTests.Commands;

/// <summary>
/// <c>streamengine simulate</c> as its own process against a mock Kafka cluster hosted by the test: pacing by --rate,
/// the progress display, and the ground truth it prints, checked against the same seeded simulation run here and
/// against what arrived in Kafka.
/// </summary>
public sealed partial class SimulateCommandTests
{
    private const int Events = 25_000;
    private const int Rate = 10_000;
    private const int Seed = 5;

    [Fact]
    public async Task SimulateAtRate_TakesAtLeastEventsOverRate_ShowsProgress_AndPrintsTheGroundTruthThatReachedKafka()
    {
        using var mock = new MockKafkaCluster(brokers: 1);
        var kafka = new KafkaOptions();
        mock.EnsureTopics(kafka.InputTopics);

        var run = await EngineCommand.RunAsync(
            ["simulate", "--events", $"{Events}", "--rate", $"{Rate}", "--seed", $"{Seed}", $"--StreamEngine:Kafka:BootstrapServers={mock.BootstrapServers}"],
            TimeSpan.FromMinutes(2));

        Assert.True(run.ExitCode == 0, run.Describe());

        // Pacing: record n is not produced before n / rate seconds, so the last one not before (Events - 1) / Rate.
        var minimum = TimeSpan.FromSeconds((Events - 1) / (double)Rate);
        var summary = run.Lines.Select(l => ProducedLine().Match(l)).Single(m => m.Success);
        Assert.Equal(Events, Number(summary.Groups[1].Value));
        Assert.Equal(mock.BootstrapServers, summary.Groups[2].Value);
        Assert.True(double.Parse(summary.Groups[3].Value, CultureInfo.InvariantCulture) >= minimum.TotalSeconds, summary.Value);
        Assert.True(run.Elapsed >= minimum, $"{run.Elapsed} < {minimum}");

        // Progress on stderr, overwritten in place: every 10,000 records and at the end, never faster than the rate.
        var progress = run.Stderr.Split('\r').Select(p => ProgressLine().Match(p)).Where(m => m.Success).ToList();
        Assert.Equal([10_000, 20_000, Events], progress.Select(m => Number(m.Groups[1].Value)));
        Assert.All(progress, m => Assert.Equal(Events, Number(m.Groups[2].Value)));
        Assert.All(progress, m => Assert.InRange(Number(m.Groups[3].Value), 1, Rate * 1.01));

        // The ground truth printed equals this process's run of the same simulation, and what the topics hold.
        var truth = EngineCommand.SimulateHere(Events, Seed);
        var printed = run.Lines.Select(l => CountLine().Match(l)).Where(m => m.Success)
            .ToLookup(m => m.Groups[1].Value, m => (Name: m.Groups[2].Value, Count: Number(m.Groups[3].Value)));
        Assert.Equal(truth.RecordsByTopic.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)), printed["topic"]);
        Assert.Equal(truth.EventsByType.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)), printed["type"]);
        Assert.Contains($"  fraud payments {truth.FraudPayments:N0}, sessions {truth.Sessions:N0}, orders {truth.Orders:N0}", run.Lines);
        foreach (var (topic, count) in printed["topic"])
        {
            Assert.Equal(count, RecordsIn(mock.BootstrapServers, topic));
        }

        Assert.Equal(Events, truth.TotalRecords);
    }

    [Fact]
    public async Task SimulateWithoutBootstrapServers_FailsNamingTheKey()
    {
        var run = await EngineCommand.RunAsync(["simulate", "--events", "10"], TimeSpan.FromMinutes(1));

        Assert.True(run.ExitCode == 2, run.Describe());
        Assert.Contains("StreamEngine:Kafka:BootstrapServers", run.Stderr, StringComparison.Ordinal);
    }


    /// <summary>Records ever written to <paramref name="topic"/>: the sum of its partitions' high watermarks.</summary>
    private static long RecordsIn(string bootstrapServers, string topic)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = $"check-{Guid.NewGuid():N}" }).Build();
        return Enumerable.Range(0, MockKafkaCluster.PartitionsPerTopic)
            .Sum(p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10)).High.Value);
    }

    private static long Number(string text) => long.Parse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^produced ([\d,]+) records to (\S+) in ([\d.]+) s \(([\d,]+) records/s, --rate ([\d,]+)\) \(seed \d+\)$")]
    private static partial Regex ProducedLine();

    [GeneratedRegex(@"^\s*([\d,]+) / ([\d,]+) records \(([\d,]+)/s\)")]
    private static partial Regex ProgressLine();

    [GeneratedRegex(@"^  (topic|type)\s+(\S+)\s+([\d,]+)$")]
    private static partial Regex CountLine();
}
