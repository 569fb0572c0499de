using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Confluent.Kafka;
using StreamEngine.Core.Simulation;
using StreamEngine.IntegrationTests.ClickHouse;

namespace StreamEngine.IntegrationTests.Operations;

/// <summary>
/// The real Prometheus server scrapes a running engine every second with the shipped alert rules loaded: the expected
/// series arrive, and alerts fire when their conditions are forced: one on Prometheus's own <c>up</c> (a dead target),
/// one on a metric the engine exports (dead-lettered records). The rules are a copy of docker/prometheus/alerts.yml with
/// every <c>for:</c> shortened to 1 s (expressions read from the shipped file, unchanged) so the test does not wait
/// minutes; <see cref="ShortenedRules_ChangeOnlyTheForDurations"/> checks that nothing else changes.
/// </summary>
[Collection(ClickHouseServerGroup.Name)]
public sealed partial class PrometheusScrapeTests(ClickHouseFixture fixture) : ClickHouseTestBase(fixture)
{
    private static readonly string[] ExpectedSeries =
    [
        "streamengine_engine_up",
        "streamengine_kafka_events_consumed_total{topic=\"clickstream\"}",
        "streamengine_kafka_events_consumed_total{topic=\"transactions\"}",
        "streamengine_kafka_events_consumed_total{topic=\"inventory\"}",
        "streamengine_kafka_assigned_partitions{topic=\"clickstream\"}",
        "streamengine_kafka_consumer_lag_messages{topic=\"clickstream\",partition=\"0\"}",
        "streamengine_pipeline_events_processed_total{pipeline=\"product_activity\"}",
        "streamengine_pipeline_events_processed_total{pipeline=\"safety_stock\"}",
        "streamengine_pipeline_watermark_seconds{pipeline=\"product_activity\"}",
        "streamengine_pipeline_watermark_lag_seconds{pipeline=\"product_activity\"}",
        "streamengine_clickhouse_up",
        "streamengine_clickhouse_rows_written_total{table=\"product_activity\"}",
        "streamengine_clickhouse_flush_duration_seconds_bucket{table=\"product_activity\",le=\"+Inf\"}",
        "streamengine_process_cpu_seconds_total",
        "streamengine_process_resident_memory_bytes",
        "streamengine_process_gc_collections_total{generation=\"0\"}",
    ];

    [Fact]
    public async Task RealPrometheus_ScrapingTheEngine_GetsTheSeriesAndFiresEngineDownForADeadTarget()
    {
        await using var engine = await LiveEngine.StartAsync(Fixture, Database, new SimulatorOptions { EventCount = 5_000_000, Seed = 3, Users = 2_000, Products = 150 }, eventsPerSecond: 2_000);
        var live = $"127.0.0.1:{engine.BaseUrl.Port.ToString(CultureInfo.InvariantCulture)}";
        var dead = $"127.0.0.1:{PrometheusServer.FreePort().ToString(CultureInfo.InvariantCulture)}";
        await using var prometheus = await StartPrometheusAsync(live, dead);
        var wait = TimeSpan.FromSeconds(90);

        // The engine target is up (and the dead one is down), as Prometheus itself reports.
        await prometheus.WaitUntilAsync(async ct => TargetHealth(await prometheus.ApiAsync("api/v1/targets", ct), live) == "up", wait, $"target {live} was not up");
        var rulesLoaded = await prometheus.ApiAsync("api/v1/rules", CancellationToken.None);
        Assert.Contains(rulesLoaded.GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("rules").EnumerateArray()), r => r.GetProperty("name").GetString() == "StreamEngineDown");

        // Every expected series is stored for the live instance.
        foreach (var series in ExpectedSeries)
        {
            var selector = series.Contains('{', StringComparison.Ordinal)
                ? series.Replace("{", $"{{instance=\"{live}\",", StringComparison.Ordinal)
                : $"{series}{{instance=\"{live}\"}}";
            await prometheus.WaitUntilAsync(async ct => (await prometheus.QueryAsync(selector, ct)).Length == 1, wait, $"series {selector} did not appear");
        }

        // Live numbers: consumption has a positive rate, rows reach ClickHouse and the watermark is in the simulated day.
        await prometheus.WaitUntilAsync(
            async ct =>
            {
                engine.ThrowIfStopped();
                return Value(await prometheus.QueryAsync($"sum(rate(streamengine_kafka_events_consumed_total{{instance=\"{live}\"}}[5s]))", ct)) > 0;
            },
            wait,
            "events consumed did not grow");
        await prometheus.WaitUntilAsync(
            async ct => Value(await prometheus.QueryAsync($"rate(streamengine_pipeline_events_processed_total{{instance=\"{live}\",pipeline=\"fraud\"}}[5s])", ct)) > 0,
            wait,
            "the fraud pipeline's events did not grow");
        await prometheus.WaitUntilAsync(
            async ct => Value(await prometheus.QueryAsync($"sum(streamengine_clickhouse_rows_written_total{{instance=\"{live}\"}})", ct)) > 0,
            wait,
            "no ClickHouse rows were written");
        var watermark = Value(await prometheus.QueryAsync($"streamengine_pipeline_watermark_seconds{{instance=\"{live}\",pipeline=\"product_activity\"}}", CancellationToken.None));
        Assert.InRange(watermark, new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds());

        // Forced condition: the second target of job "streamengine" never answers, so StreamEngineDown fires for it alone.
        JsonElement[] alerts = [];
        await prometheus.WaitUntilAsync(
            async ct =>
            {
                alerts = [.. (await prometheus.ApiAsync("api/v1/alerts", ct)).GetProperty("alerts").EnumerateArray()];
                return alerts.Any(a => IsAlert(a, "StreamEngineDown", dead) && a.GetProperty("state").GetString() == "firing");
            },
            wait,
            $"StreamEngineDown did not fire for {dead}");
        Assert.DoesNotContain(alerts, a => IsAlert(a, "StreamEngineDown", live));
        Assert.Equal("critical", alerts.First(a => IsAlert(a, "StreamEngineDown", dead)).GetProperty("labels").GetProperty("severity").GetString());
        engine.ThrowIfStopped();
    }

    [Fact]
    public async Task RealPrometheus_UndecodableRecordsOnOneTopic_FireDeadLetterRateHighForThatTopicOnly()
    {
        await using var engine = await LiveEngine.StartAsync(Fixture, Database, new SimulatorOptions { EventCount = 5_000_000, Seed = 4, Users = 2_000, Products = 150 }, eventsPerSecond: 1_000);
        var live = $"127.0.0.1:{engine.BaseUrl.Port.ToString(CultureInfo.InvariantCulture)}";
        await using var prometheus = await StartPrometheusAsync(live);
        var wait = TimeSpan.FromSeconds(90);
        await prometheus.WaitUntilAsync(
            async ct => Value(await prometheus.QueryAsync($"sum(rate(streamengine_kafka_events_consumed_total{{instance=\"{live}\",topic=\"transactions\"}}[5s]))", ct)) > 0,
            wait,
            "transactions were not consumed");

        // Forced condition: a producer keeps sending records that are not JSON to the transactions topic, far above 1 %
        // of its traffic. rate() needs the counter to rise between scrapes, so they keep coming until the alert fires.
        using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = engine.BootstrapServers, LingerMs = 5 }).Build();
        JsonElement[] alerts = [];
        var garbage = "{not json"u8.ToArray();
        await prometheus.WaitUntilAsync(
            async ct =>
            {
                engine.ThrowIfStopped();
                for (var i = 0; i < 50; i++)
                {
                    producer.Produce("transactions", new Message<byte[], byte[]> { Key = BitConverter.GetBytes(i), Value = garbage });
                }

                producer.Flush(ct);
                alerts = [.. (await prometheus.ApiAsync("api/v1/alerts", ct)).GetProperty("alerts").EnumerateArray()];
                return alerts.Any(a => IsAlert(a, "StreamEngineDeadLetterRateHigh", live) && Label(a, "topic") == "transactions" && a.GetProperty("state").GetString() == "firing");
            },
            wait,
            "StreamEngineDeadLetterRateHigh did not fire for transactions");

        Assert.DoesNotContain(alerts, a => IsAlert(a, "StreamEngineDeadLetterRateHigh", live) && Label(a, "topic") != "transactions");
        Assert.Equal("warning", alerts.First(a => IsAlert(a, "StreamEngineDeadLetterRateHigh", live)).GetProperty("labels").GetProperty("severity").GetString());
        var deadLettered = Value(await prometheus.QueryAsync($"sum(streamengine_kafka_dead_letter_records_total{{instance=\"{live}\",topic=\"transactions\"}})", CancellationToken.None));
        Assert.True(deadLettered >= 50, $"dead-lettered transactions: {deadLettered}");
        engine.ThrowIfStopped();
    }

    [Fact]
    public void ShortenedRules_ChangeOnlyTheForDurations()
    {
        var original = File.ReadAllText(Path.Combine(RepositoryPaths.Prometheus, "alerts.yml"));
        var shortened = ShortenFor(original);

        Assert.True(ForDuration().Count(original) >= 10, "the shipped rules should have for: durations");
        Assert.Equal(ForDuration().Count(original), ForDuration().Count(shortened));
        Assert.All(ForDuration().Matches(shortened), m => Assert.Equal("1s", m.Groups[2].Value));
        Assert.Equal(ForDuration().Replace(original, "$1"), ForDuration().Replace(shortened, "$1"));
    }

    /// <summary>Prometheus scraping <paramref name="targets"/> as job "streamengine" every second with the shortened rules.</summary>
    private static async Task<PrometheusServer> StartPrometheusAsync(params string[] targets)
    {
        var rules = ShortenFor(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Prometheus, "alerts.yml")));
        var config = $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
              evaluation_interval: 1s
            rule_files:
              - alerts.yml
            scrape_configs:
              - job_name: streamengine
                metrics_path: /metrics
                static_configs:
                  - targets: [{string.Join(", ", targets.Select(t => $"\"{t}\""))}]
            """;
        return await PrometheusServer.StartAsync(config, new Dictionary<string, string> { ["alerts.yml"] = rules });
    }

    private static string ShortenFor(string rules) => ForDuration().Replace(rules, "${1}1s");

    private static string? TargetHealth(JsonElement targets, string instance) =>
        targets.GetProperty("activeTargets").EnumerateArray()
            .Where(t => t.GetProperty("labels").GetProperty("instance").GetString() == instance)
            .Select(t => t.GetProperty("health").GetString())
            .FirstOrDefault();

    private static bool IsAlert(JsonElement alert, string name, string instance)
    {
        var labels = alert.GetProperty("labels");
        return labels.GetProperty("alertname").GetString() == name
            && labels.TryGetProperty("instance", out var i) && i.GetString() == instance;
    }

    private static string? Label(JsonElement alert, string name) =>
        alert.GetProperty("labels").TryGetProperty(name, out var value) ? value.GetString() : null;

    private static double Value(JsonElement[] result) =>
        result.Length == 0 ? double.NaN : double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(\s+for:\s*)(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex ForDuration();
}
