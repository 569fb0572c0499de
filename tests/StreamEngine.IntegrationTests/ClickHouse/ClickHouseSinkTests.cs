using System.Diagnostics;
using System.Globalization;
using StreamEngine.ClickHouse;
using Xunit.Abstractions;

namespace StreamEngine.IntegrationTests.ClickHouse;

[Collection(ClickHouseServerGroup.Name)]
public sealed class ClickHouseSinkTests(ClickHouseFixture fixture, ITestOutputHelper output) : ClickHouseTestBase(fixture)
{
    private static readonly ClickHouseTableDefinition s_log = new(
        "view_log",
        [new("window_start", "DateTime"), new("sku", "String"), new("country", "String"), new("views", "UInt64"), new("version", "UInt64")],
        "MergeTree",
        "(window_start, sku)",
        "toYYYYMMDD(window_start)");

    [Fact]
    public async Task RowsAddedOnTheConsumeThread_AreAllWritten_InBatchesOfAtMostBatchRows()
    {
        await new SchemaManager(Client).ApplyAsync([s_log]);
        Options.BatchRows = 7_000;
        var observer = new CountingSinkObserver();
        using var sink = new ClickHouseSink(Client, observer);
        var table = sink.AddTable(s_log, new SkuViewRowEncoder());
        var random = new Random(3);
        var expected = new Dictionary<string, ulong>();
        const int total = 100_000;
        for (var i = 0; i < total; i++)
        {
            var row = new SkuViewRow(1_704_067_200_000L + (random.Next(48) * 3_600_000L), $"sku-{random.Next(500)}", $"C{random.Next(10)}", (ulong)random.Next(1, 100), (ulong)i);
            table.Add(row);
            expected[row.Country] = expected.GetValueOrDefault(row.Country) + row.Views;
            if (sink.ShouldFlush)
            {
                await sink.FlushAsync(CancellationToken.None);
            }
        }

        await sink.FlushAsync(CancellationToken.None);

        Assert.Equal(0, sink.BufferedRows);
        Assert.Equal(total, observer.Batches.Sum(b => b.Rows));
        Assert.All(observer.Batches, b => Assert.InRange(b.Rows, 1, Options.BatchRows));
        Assert.Empty(observer.Retries);
        var rows = await Client.QueryAsync($"SELECT country, sum(views) FROM {Database}.view_log GROUP BY country ORDER BY country");
        Assert.Equal(
            expected.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new[] { kv.Key, kv.Value.ToString(CultureInfo.InvariantCulture) }),
            rows);
        Assert.Equal((ulong)total, await Client.ScalarAsync<ulong>($"SELECT count() FROM {Database}.view_log"));
    }

    [Fact]
    public async Task InsertThroughput_IsReported()
    {
        await new SchemaManager(Client).ApplyAsync([s_log]);
        var observer = new CountingSinkObserver();
        using var sink = new ClickHouseSink(Client, observer);
        var table = sink.AddTable(s_log, new SkuViewRowEncoder());
        string[] skus = [.. Enumerable.Range(0, 1000).Select(i => $"SKU-{i:D6}")];
        const int total = 1_000_000;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            table.Add(new SkuViewRow(1_704_067_200_000L + ((i % 24) * 3_600_000L), skus[i % skus.Length], "DE", (ulong)i, 1));
            if (sink.ShouldFlush)
            {
                await sink.FlushAsync(CancellationToken.None);
            }
        }

        await sink.FlushAsync(CancellationToken.None);
        watch.Stop();

        Assert.Equal((ulong)total, await Client.ScalarAsync<ulong>($"SELECT count() FROM {Database}.view_log"));
        var bytes = observer.Batches.Sum(b => (long)b.Bytes);
        var insertSeconds = observer.Batches.Sum(b => b.Latency.TotalSeconds);
        output.WriteLine(
            $"{total:N0} rows ({bytes / 1e6:F1} MB RowBinary) in {observer.Batches.Count} batches: {total / watch.Elapsed.TotalSeconds:N0} rows/s end to end, " +
            $"{total / insertSeconds:N0} rows/s in inserts, server {Fixture.Version}");
    }
}
