using System.Globalization;
using System.Text;
using StreamEngine.Core.Simulation;
using StreamEngine.IntegrationTests.ClickHouse;
using StreamEngine.IntegrationTests.Support;
using StreamEngine.Kafka;

namespace StreamEngine.IntegrationTests.EndToEnd;

/// <summary>
/// Fuzz: 100,000 bad records of every kind mixed into valid traffic. The engine keeps running, every bad record is on
/// the dead-letter topic with its original bytes and the expected reason, and the valid traffic's results are exact.
/// </summary>
[Collection(ClickHouseServerGroup.Name)]
public sealed class BadInputEndToEndTests(ClickHouseFixture fixture) : ClickHouseTestBase(fixture)
{
    [Fact]
    public async Task HundredThousandBadRecords_AreDeadLetteredWithReasons_AndValidResultsStayExact()
    {
        var bad = new BadPayloads(seed: 3, badPerValid: 6.5);
        var simulation = new SimulatorOptions { EventCount = 18_000, Seed = 13, Users = 2_000, Products = 200 };
        TopicWatcher? watcher = null;
        var truth = await EngineRun.ExecuteAsync(
            Fixture,
            Database,
            simulation,
            mix: records => bad.Mix(records, simulation.Topics.Clickstream),
            watchKafka: bootstrap => watcher = new TopicWatcher(bootstrap, "streamengine-dead-letter"));
        var deadLetters = watcher!.Records;

        Assert.True(bad.Injected >= 100_000, $"only {bad.Injected} bad records were injected");
        var reasons = deadLetters
            .GroupBy(r => Header(r, DeadLetterPublisher.ReasonHeader))
            .ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(bad.ExpectedReasons.OrderBy(p => p.Key), reasons.OrderBy(p => p.Key));
        Assert.All(deadLetters, r =>
        {
            Assert.Equal(simulation.Topics.Clickstream, Header(r, DeadLetterPublisher.TopicHeader));
            Assert.True(long.Parse(Header(r, DeadLetterPublisher.OffsetHeader), CultureInfo.InvariantCulture) >= 0);
        });

        var views = await Client.ScalarAsync<long>(
            $"SELECT sum(views) FROM {Database}.product_activity FINAL WHERE dimension = 'sku' AND window_seconds = 60");
        Assert.Equal(truth.BySkuCountry.Values.Sum(c => c.ProductViews), views);
    }

    private static string Header(Confluent.Kafka.ConsumeResult<byte[], byte[]> record, string name) =>
        Encoding.UTF8.GetString(record.Message.Headers.GetLastBytes(name));
}
