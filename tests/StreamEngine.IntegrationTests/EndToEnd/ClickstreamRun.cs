using System.Text.Json;
using Confluent.Kafka;
using StreamEngine.ClickHouse;
using StreamEngine.Core.Features;
using StreamEngine.Core.Simulation;
using StreamEngine.Host.Configuration;
using StreamEngine.IntegrationTests.ClickHouse;

namespace StreamEngine.IntegrationTests.EndToEnd;

/// <summary>
/// One engine run shared by the clickstream end-to-end tests (a run takes tens of seconds on the shared machine):
/// simulator -> mock Kafka -> engine -> the fixture's ClickHouse in a database of its own, dropped afterwards; plus the
/// brute-force reference, the engine's metrics and the intent topic's messages read before the run's cluster goes away.
/// </summary>
public sealed class ClickstreamRun(ClickHouseFixture fixture) : IAsyncLifetime
{
    public const string IntentTopic = "it-intent-signals";
    public static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset StepAt = Start.AddMinutes(100);

    public string Database { get; } = $"it_{Guid.NewGuid():N}";

    internal ClickHouseClient Client { get; private set; } = null!;

    internal ClickstreamReference Reference { get; private set; } = null!;

    public double IntentSignalsCounted { get; private set; }

    public double IntentMessagesCounted { get; private set; }

    public double TrafficAnomaliesCounted { get; private set; }

    public double ConversionAnomaliesCounted { get; private set; }

    /// <summary>The intent topic's messages: key and parsed value.</summary>
    public List<(string Key, JsonElement Value)> IntentMessages { get; } = [];

    public static SimulatorOptions Simulation() => new()
    {
        EventCount = 30_000,
        Seed = 2026,
        Users = 1_500,
        Products = 200,
        Start = Start,
        Duration = TimeSpan.FromHours(3),
        DemandStep = new DemandStep { SkuIndex = 7, At = StepAt, Factor = 40 },
    };

    public async Task InitializeAsync()
    {
        Client = new ClickHouseClient(fixture.CreateOptions(Database));
        await Client.ExecuteAsync($"CREATE DATABASE IF NOT EXISTS {Database}");
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["StreamEngine:Kafka:IntentTopic"] = IntentTopic,
        };
        await EngineRun.ExecuteAsync(fixture, Database, Simulation(), settings, inspect: async (host, mock) =>
        {
            IntentSignalsCounted = host.Metrics.IntentSignals.Value;
            IntentMessagesCounted = host.Metrics.OutputMessages.WithLabels(IntentTopic).Value;
            TrafficAnomaliesCounted = host.Metrics.FeatureAnomalies.WithLabels("traffic").Value;
            ConversionAnomaliesCounted = host.Metrics.FeatureAnomalies.WithLabels("conversion").Value;
            await Task.Run(() => ReadIntentTopic(mock.BootstrapServers, (long)IntentMessagesCounted));
        });
        Reference = new ClickstreamReference(Simulation(), PrivacyOptions.DevelopmentSecret, new FeatureOptions());
    }

    public async Task DisposeAsync()
    {
        try
        {
            await Client.ExecuteAsync($"DROP DATABASE IF EXISTS {Database}");
        }
        finally
        {
            Client.Dispose();
        }
    }

    private void ReadIntentTopic(string bootstrapServers, long expected)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"it-intent-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        };
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).SetLogHandler((_, _) => { }).Build();
        consumer.Subscribe(IntentTopic);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (IntentMessages.Count < expected && DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result?.Message is { } message)
            {
                IntentMessages.Add((System.Text.Encoding.ASCII.GetString(message.Key), JsonDocument.Parse(message.Value).RootElement.Clone()));
            }
        }

        consumer.Close();
    }
}
