using System.Globalization;
using StreamEngine.ClickHouse;
using StreamEngine.ClickHouse.Tables;
using StreamEngine.IntegrationTests.ClickHouse;

namespace StreamEngine.IntegrationTests.EndToEnd;

/// <summary>
/// Simulator -> mock Kafka -> engine -> real ClickHouse for every clickstream table: SQL over the engine's rows (FINAL,
/// summed over source partitions as docs/features.md says) returns the numbers of a brute-force reference computed from
/// the same simulated records.
/// </summary>
[Collection(ClickHouseServerGroup.Name)]
public sealed class ClickstreamFeaturesEndToEndTests(ClickstreamRun run) : IClassFixture<ClickstreamRun>
{
    private ClickHouseClient Client => run.Client;

    private string Db => run.Database;

    [Fact]
    public async Task Sessions_PerEntryChannel_EqualReferenceSessionsConversionsAndCartValues()
    {
        var rows = await Client.QueryAsync(
            $"""
            SELECT entry_channel, count(), sum(converted), sum(pages), sum(product_views), sum(cart_adds), sum(abandoned_cart_minor)
            FROM {Db}.sessions FINAL WHERE superseded = 0 GROUP BY entry_channel
            """);
        var expected = run.Reference.SessionsByChannel();

        Assert.True(expected.Values.Sum(v => v[0]) > 1_000, "the run should close many sessions");
        Assert.True(expected.Values.Sum(v => v[1]) > 50, "some sessions should convert");
        Assert.Equal(Sorted(expected), Sorted(ToDictionary(rows)));
    }

    [Fact]
    public async Task Sessions_NoIdentityIsSupersededWithoutLateEvents_AndLateEventsTableIsEmpty()
    {
        var superseded = await Client.ScalarAsync<long>($"SELECT count() FROM {Db}.sessions FINAL WHERE superseded = 1");
        var late = await Client.ScalarAsync<long>($"SELECT count() FROM {Db}.late_events FINAL");

        Assert.Equal(0, superseded);
        Assert.Equal(0, late);
    }

    [Fact]
    public async Task Funnel_TotalsPerChannel_EqualReferenceSessionsReachingEachStep()
    {
        var rows = await Client.QueryAsync(
            $"""
            SELECT channel, sum(sessions_viewed), sum(sessions_carted), sum(sessions_checked_out), sum(sessions_purchased)
            FROM {Db}.funnel FINAL GROUP BY channel
            """);
        var expected = run.Reference.FunnelByChannel();

        Assert.True(expected.Values.Sum(v => v[3]) > 50, "some sessions should reach purchase");
        Assert.Equal(Sorted(expected), Sorted(ToDictionary(rows)));
    }

    [Fact]
    public async Task Trending_GlobalTop10WithRankChanges_EqualsTheReferenceOverAllPartitions()
    {
        var sql = TrendingRankingQuery.Sql(Db, 10, ClickstreamRun.Start.AddDays(-1), ClickstreamRun.Start.AddDays(1)); // the whole run
        var rows = await Client.QueryAsync($"SELECT {TrendingRank.Columns} FROM ({sql})");
        var actual = rows.Select(TrendingRank.Parse).ToList();
        var expected = run.Reference.TrendingRanking(10);
        var partitions = await Client.ScalarAsync<long>($"SELECT uniqExact(source_partition) FROM {Db}.trending_counts");

        Assert.True(partitions > 1, "the counts should come from several partitions, or the merge is not exercised");
        Assert.Contains(expected, r => r.Metric == "purchases");
        Assert.Contains(expected, r => r.RankChange > 0);
        Assert.Contains(expected, r => r.RankChange < 0);
        Assert.Contains(expected, r => r.IsNew && r.WindowStartS > expected.Min(x => x.WindowStartS));
        Assert.Contains(expected, r => r.Rank == 10);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task UserProfiles_LatestRowPerUser_EqualsReferenceRecencyOrdersSpendAndSessions()
    {
        var rows = await Client.QueryAsync(
            $"""
            SELECT user_id, last_activity_ms, orders_30d, spend_30d_minor, sessions_7d, cart_sessions_30d, abandoned_cart_sessions_30d
            FROM {Db}.user_profiles FINAL
            """);
        var actual = rows.ToDictionary(r => ulong.Parse(r[0], CultureInfo.InvariantCulture), r => r[1..].Select(Long).ToArray());
        var expected = run.Reference.Profiles();

        Assert.Equal(expected.Count, actual.Count);
        foreach (var (user, values) in expected)
        {
            Assert.True(actual.TryGetValue(user, out var row), $"no profile for user {user:x16}");
            Assert.Equal(values, row);
        }
    }

    [Fact]
    public async Task IntentSignals_TableMetricAndKafkaTopic_EqualReferenceSignals()
    {
        var rows = await Client.QueryAsync($"SELECT user_id, category, time_ms, window_start_ms FROM {Db}.intent_signals FINAL");
        var actual = rows.Select(r => (ulong.Parse(r[0], CultureInfo.InvariantCulture), r[1], Long(r[2]), Long(r[3]))).ToHashSet();
        var expected = run.Reference.IntentSignals();
        var messages = run.IntentMessages
            .Select(m => (m.Key, m.Value.GetProperty("signal_id").GetString() ?? "", m.Value.GetProperty("user_id").GetString() ?? ""))
            .ToList();
        var expectedMessages = expected
            .Select(s => ($"{s.User:x16}", $"{s.User:x16}|{s.Category}|{s.TimeMs}", $"{s.User:x16}"))
            .ToList();

        Assert.True(expected.Count > 10, "the run should produce intent signals");
        Assert.Equal(expected.Order().ToList(), actual.Order().ToList());
        Assert.Equal(expected.Count, run.IntentSignalsCounted);
        Assert.Equal(expected.Count, run.IntentMessagesCounted);
        Assert.Equal(expectedMessages.Order().ToList(), messages.Order().ToList());
    }

    [Fact]
    public async Task IntentSignals_AtMostOnePerUserAndCategoryPerCooldown()
    {
        var cooldownMs = (long)run.Reference.Options.IntentCooldown.TotalMilliseconds;
        var violations = await Client.ScalarAsync<long>(
            $"""
            SELECT count() FROM (
              SELECT arraySort(groupArray(time_ms)) AS t FROM {Db}.intent_signals FINAL GROUP BY user_id, category)
            WHERE arrayExists((a, b) -> b - a < {cooldownMs}, arrayPopBack(t), arrayPopFront(t))
            """);

        Assert.Equal(0, violations);
    }

    [Fact]
    public async Task Anomalies_DemandStep_IsReportedAsTrafficSurgeOfItsCategory_AndRowsEqualTheMetric()
    {
        var rows = await Client.QueryAsync(
            $"SELECT category, country, toString(metric), toUnixTimestamp(minute), expected, actual, z FROM {Db}.anomalies FINAL");
        var views = run.Reference.ViewsPerMinute();
        var stepCategory = run.Reference.Clicks.First(e => e.Sku == "SKU-00007").Category;
        var surges = rows.Where(r => r[2] == "traffic" && Double(r[6]) > run.Reference.Options.AnomalyZ).ToList();

        Assert.Equal(rows.Count, run.TrafficAnomaliesCounted + run.ConversionAnomaliesCounted);
        Assert.Contains(surges, r => r[0] == stepCategory && Long(r[3]) * 1000 >= ClickstreamRun.StepAt.ToUnixTimeMilliseconds());
        Assert.All(rows.Where(r => r[2] == "traffic"), r =>
            Assert.True(Double(r[5]) <= views.GetValueOrDefault((r[0], r[1], Long(r[3]) * 1000)), "a partition's minute cannot exceed the minute's total views"));
    }

    private static Dictionary<string, long[]> ToDictionary(IReadOnlyList<string[]> rows) =>
        rows.ToDictionary(r => r[0], r => r[1..].Select(Long).ToArray(), StringComparer.Ordinal);

    private static List<(string, string)> Sorted(Dictionary<string, long[]> values) =>
        [.. values.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, string.Join(",", p.Value)))];

    private static long Long(string text) => long.Parse(text, CultureInfo.InvariantCulture);

    private static double Double(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
