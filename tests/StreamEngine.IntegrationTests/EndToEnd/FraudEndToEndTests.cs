using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using StreamEngine.Core.Checkpoints;
using StreamEngine.Core.Fraud;
using StreamEngine.Core.Simulation;
using StreamEngine.Host.Checkpoints;
using StreamEngine.IntegrationTests.ClickHouse;

namespace StreamEngine.IntegrationTests.EndToEnd;

/// <summary>Simulator -> mock Kafka -> engine -> fraud-scores topic and ClickHouse: every payment scored exactly once.</summary>
[Collection(ClickHouseServerGroup.Name)]
public sealed class FraudEndToEndTests(ClickHouseFixture fixture) : ClickHouseTestBase(fixture)
{
    [Fact]
    public async Task SimulatedTraffic_EveryPaymentScoredOnceInTableAndTopic_FraudScoresHigher()
    {
        var messages = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var duplicates = 0;
        var truth = await EngineRun.ExecuteAsync(
            Fixture,
            Database,
            new SimulatorOptions { EventCount = 40_000, Seed = 5, Users = 3_000, Products = 300 },
            beforeKafkaDisposed: bootstrap =>
            {
                duplicates = ReadScores(bootstrap, "fraud-scores", messages);
                return Task.CompletedTask;
            });
        var payments = truth.PaymentsAuthorized + truth.PaymentsDeclined;
        Assert.True(payments > 200, $"the simulation should produce payments, got {payments}");
        Assert.True(truth.FraudPayments > 5, $"the simulation should produce fraud, got {truth.FraudPayments}");

        // Table: one row per payment under FINAL, and no txn id twice.
        var rows = await Client.QueryAsync(
            $"SELECT txn_id, score, toString(decision), length(reasons), length(features) FROM {Database}.fraud_scores FINAL");
        Assert.Equal(payments, rows.Count);
        Assert.Equal(rows.Count, rows.Select(r => r[0]).Distinct(StringComparer.Ordinal).Count());
        Assert.All(rows, r => Assert.Equal(Core.Fraud.FraudFeatureNames.Count, int.Parse(r[4], CultureInfo.InvariantCulture)));
        Assert.Contains(rows, r => r[2] == "decline");
        Assert.True(rows.Count(r => r[2] == "decline") < 0.1 * rows.Count, "declines should stay a small minority");
        Assert.All(rows.Where(r => r[2] is "review" or "decline"), r => Assert.True(int.Parse(r[3], CultureInfo.InvariantCulture) > 0, $"no reasons for {r[0]}"));

        // Topic: one message per scored payment, the same txn ids, the same decisions.
        Assert.Equal(0, duplicates);
        Assert.Equal(payments, messages.Count);
        var tableDecisions = rows.ToDictionary(r => r[0], r => r[2], StringComparer.Ordinal);
        foreach (var (txn, m) in messages)
        {
            Assert.Equal(tableDecisions[txn], m.GetProperty("decision").GetString());
            Assert.True(m.GetProperty("latency_us").GetInt64() >= 0);
            Assert.False(string.IsNullOrEmpty(m.GetProperty("model_version").GetString()));
            if (m.GetProperty("decision").GetString() != "approve")
            {
                Assert.True(m.GetProperty("reasons").GetArrayLength() > 0, $"no reasons for {txn}");
            }
        }

        // Fraud (ground truth) outranks legitimate payments on average.
        var fraudScores = messages.Where(p => truth.FraudTxnIds.Contains(p.Key)).Select(p => p.Value.GetProperty("score").GetDouble()).ToList();
        var legitScores = messages.Where(p => !truth.FraudTxnIds.Contains(p.Key)).Select(p => p.Value.GetProperty("score").GetDouble()).ToList();
        Assert.NotEmpty(fraudScores);
        Assert.True(fraudScores.Average() > legitScores.Average() + 0.2, $"fraud mean {fraudScores.Average():F3}, legitimate mean {legitScores.Average():F3}");
    }

    [Fact]
    public async Task BoundedRun_LeavesEachPartitionsFraudStateInItsCheckpoint_RestorableIntoAFreshScorer()
    {
        var truth = await EngineRun.ExecuteAsync(Fixture, Database, new SimulatorOptions { EventCount = 20_000, Seed = 6, Users = 2_000, Products = 100 });
        Assert.True(truth.PaymentsAuthorized > 100, $"the simulation should produce payments, got {truth.PaymentsAuthorized}");

        // The drain of a bounded run checkpoints every partition; the fraud state must be there and readable.
        var rows = await Client.QueryAsync($"SELECT partition, hex(state) FROM {Database}.engine_checkpoints FINAL");
        Assert.NotEmpty(rows);
        var keys = 0L;
        foreach (var row in rows)
        {
            var checkpoint = PartitionCheckpoint.Decode(Convert.FromHexString(row[1]));
            Assert.True(checkpoint.States.TryGetValue("fraud", out var bytes), $"partition {row[0]} has no fraud state");
            var scorer = new FraudScorer(FraudModel.LoadShipped(), new FraudOptions());
            StateSnapshot.Restore(scorer, bytes);
            keys += scorer.StateCount;
        }

        // Each authorised payment's card, user, device and IP are keys; a user's clicks add a first-click key.
        Assert.True(keys > 100, $"restored fraud state holds {keys} keys");
    }

    /// <summary>Reads the whole topic from the beginning; returns how many txn ids appeared more than once.</summary>
    private static int ReadScores(string bootstrap, string topic, Dictionary<string, JsonElement> messages)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = $"it-read-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
            FetchWaitMaxMs = 5,
        };
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();
        var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions;
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).Build();
        var ends = new Dictionary<int, long>();
        foreach (var p in partitions)
        {
            ends[p.PartitionId] = consumer.QueryWatermarkOffsets(new TopicPartition(topic, p.PartitionId), TimeSpan.FromSeconds(10)).High.Value;
        }

        consumer.Assign(partitions.Select(p => new TopicPartitionOffset(topic, p.PartitionId, Offset.Beginning)));
        var duplicates = 0;
        var read = 0L;
        var total = ends.Values.Sum();
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (read < total && DateTime.UtcNow < deadline)
        {
            var record = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (record is null || record.IsPartitionEOF)
            {
                continue;
            }

            read++;
            var key = Encoding.UTF8.GetString(record.Message.Key);
            using var doc = JsonDocument.Parse(record.Message.Value);
            Assert.Equal(key, doc.RootElement.GetProperty("txn_id").GetString());
            if (!messages.TryAdd(key, doc.RootElement.Clone()))
            {
                duplicates++;
            }
        }

        Assert.Equal(total, read);
        return duplicates;
    }
}
