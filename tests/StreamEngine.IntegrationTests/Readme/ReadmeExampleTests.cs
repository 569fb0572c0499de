using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using StreamEngine.ClickHouse;
using StreamEngine.Core.Events;
using StreamEngine.Core.Metrics;
using StreamEngine.Core.Privacy;
using StreamEngine.Core.Simulation;
using StreamEngine.Host.Benchmarking;
using StreamEngine.Host.Configuration;
using StreamEngine.Host.Engine;
using StreamEngine.Host.Features;
using StreamEngine.IntegrationTests.ClickHouse;
using StreamEngine.Kafka;

namespace StreamEngine.IntegrationTests.Readme;

/// <summary>
/// README.md's "add a feature" example is <see cref="CategorySearchFeature"/> verbatim, and it works: run by the engine's
/// partition tasks over simulated clickstream, its table holds the searches per category and window of the input.
/// </summary>
[Collection(ClickHouseServerGroup.Name)]
public sealed partial class ReadmeExampleTests(ClickHouseFixture fixture) : ClickHouseTestBase(fixture)
{
    [Fact]
    public void ReadmeSnippet_IsTheCompiledExample()
    {
        var readme = File.ReadAllText(RepositoryFile("README.md")).ReplaceLineEndings("\n");
        var section = readme[readme.IndexOf("## Adding a feature", StringComparison.Ordinal)..];
        var snippet = CSharpBlock().Match(section).Groups[1].Value;
        var source = File.ReadAllText(RepositoryFile("tests/StreamEngine.IntegrationTests/Readme/CategorySearchFeature.cs")).ReplaceLineEndings("\n");
        var region = Region().Match(source).Groups[1].Value;

        Assert.NotEmpty(region);
        Assert.Equal(region, snippet);
    }

    [Fact]
    public async Task ReadmeFeature_RunByTheEngine_WritesTheSearchesPerCategoryAndWindowOfTheInput()
    {
        var simulation = new SimulatorOptions { EventCount = 8_000, Seed = 11, Users = 400, Products = 60, Duration = TimeSpan.FromHours(1) };
        var options = EngineOptions.Load(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["StreamEngine:ClickHouse:Url"] = Fixture.Url.ToString(),
            ["StreamEngine:ClickHouse:Database"] = Database,
        }).Build());
        simulation.Topics.Clickstream = options.Kafka.ClickstreamTopic;
        simulation.Topics.Transactions = options.Kafka.TransactionsTopic;
        simulation.Topics.Inventory = options.Kafka.InventoryTopic;
        var feature = new CategorySearchFeature(options.Features);
        var features = new FeatureSet([feature]);
        await new SchemaManager(Client).ApplyAsync(FeatureCatalog.AllTables(features));
        var records = BenchRecords.Create(simulation, MockKafkaCluster.PartitionsPerTopic);
        using (var mock = new MockKafkaCluster(brokers: 1))
        {
            var metrics = new EngineMetrics(new MetricRegistry());
            using var core = new EngineCore(options, Client, mock.BootstrapServers, BenchRecords.Topics, metrics, new SinkMetrics(metrics, NullLogger.Instance), NullLogger.Instance, TimeProvider.System, features);
            var tasks = records.Select(r => r.Partition.Value).Distinct().ToDictionary(p => p, core.Tasks.Create);
            foreach (var record in records)
            {
                tasks[record.Partition.Value].Process(record);
            }

            foreach (var task in tasks.Values)
            {
                task.Drain();
            }

            core.Barrier.Flush(CancellationToken.None);
            foreach (var task in tasks.Values)
            {
                task.Dispose();
            }
        }

        var rows = await Client.QueryAsync(
            $"SELECT category, toUnixTimestamp(window_start), sum(searches) FROM {Database}.category_searches FINAL GROUP BY category, window_start");
        var actual = rows.ToDictionary(r => (r[0], long.Parse(r[1], CultureInfo.InvariantCulture) * 1000), r => long.Parse(r[2], CultureInfo.InvariantCulture));
        var expected = Searches(records.Where(r => r.Topic == simulation.Topics.Clickstream));

        Assert.True(expected.Values.Sum() > 100, "the simulation should search in categories");
        Assert.Equal(expected.OrderBy(p => p.Key).ToList(), actual.OrderBy(p => p.Key).ToList());
        Assert.Equal(0, await Client.ScalarAsync<long>($"SELECT count() FROM {Database}.late_events"));
    }

    /// <summary>Brute force: search events with a category per (category, 5-minute window start in ms).</summary>
    private static Dictionary<(string, long), long> Searches(IEnumerable<Confluent.Kafka.ConsumeResult<byte[], byte[]>> clicks)
    {
        var decoder = new ClickEventDecoder(new Pseudonymizer(PrivacyOptions.DevelopmentSecret), new Utf8Interner(), new DecoderOptions());
        var counts = new Dictionary<(string, long), long>();
        foreach (var record in clicks)
        {
            Assert.True(decoder.TryDecode(record.Message.Value, record.Message.Timestamp.UnixTimestampMs, out var click).IsOk);
            if (click.Type == ClickEventType.Search && click.Category is { } category)
            {
                var key = (category, click.TimeMs / 300_000 * 300_000);
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        return counts;
    }

    private static string RepositoryFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{relative} not found above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex("```csharp\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex("#region README\\n(.*?)#endregion", RegexOptions.Singleline)]
    private static partial Regex Region();
}
