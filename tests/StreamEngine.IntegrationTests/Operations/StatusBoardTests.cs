using StreamEngine.Core.Features;
using StreamEngine.Core.Fraud;
using StreamEngine.Core.Inventory;
using StreamEngine.Host.Http;

namespace StreamEngine.IntegrationTests.Operations;

/// <summary>The status board (no servers): top products vs a brute-force ranking, bounded rings, thread safety.</summary>
public sealed class StatusBoardTests
{
    private const long MinuteMs = 60_000;

    [Fact]
    public void TopProducts_OverTheNewestFiveMinuteWindows_EqualBruteForceRanking()
    {
        var random = new Random(17);
        var board = new StatusBoard();
        var rows = new List<ProductActivityRow>();
        for (int i = 0; i < 4_000; i++)
        {
            // Windows arrive roughly in order, with stragglers from older windows and other partitions.
            var window = Math.Max(0, (i / 400) - random.Next(3));
            var row = Row($"SKU-{random.Next(60):D5}", window, random.Next(4), views: random.Next(1, 50), purchases: random.Next(5), version: 1);
            rows.Add(row);
            board.RecordProductActivity(row, MinuteMs);
        }

        var newest = rows.Max(r => r.WindowStartMs);
        var tracked = rows.Where(r => r.WindowStartMs > newest - (TopProductsTracker.MaxWindows * MinuteMs)).ToList();
        var expected = tracked
            .GroupBy(r => (r.Key, r.Country, r.Partition, r.WindowStartMs))
            .Select(g => g.Last())
            .GroupBy(r => r.Key)
            .Select(g => (Sku: g.Key, Views: g.Sum(r => r.Views), Purchases: g.Sum(r => r.Purchases)))
            .OrderByDescending(p => p.Views).ThenByDescending(p => p.Purchases).ThenBy(p => p.Sku, StringComparer.Ordinal)
            .Take(10)
            .ToList();

        var top = board.TopProducts(10);
        Assert.Equal(expected, top.Products.Select(p => (p.Sku, p.Views, p.Purchases)).ToList());
        Assert.Equal(newest - ((TopProductsTracker.MaxWindows - 1) * MinuteMs), top.FromMs);
    }

    [Fact]
    public void TopProducts_RowReEmittedWithHigherVersion_ReplacesTheEarlierRowAndIgnoresOtherWindowSizes()
    {
        var board = new StatusBoard();
        board.RecordProductActivity(Row("SKU-1", 0, 0, views: 5, purchases: 0, version: 5), MinuteMs);
        board.RecordProductActivity(Row("SKU-1", 0, 0, views: 7, purchases: 1, version: 7), MinuteMs);
        board.RecordProductActivity(Row("SKU-1", 0, 0, views: 6, purchases: 0, version: 6), MinuteMs);
        board.RecordProductActivity(Row("SKU-1", 0, 0, views: 100, purchases: 0, version: 1) with { WindowSizeMs = 3_600_000 }, MinuteMs);
        board.RecordProductActivity(Row("Shoes", 0, 0, views: 100, purchases: 0, version: 1) with { Dimension = ActivityDimension.Category }, MinuteMs);

        var product = Assert.Single(board.TopProducts().Products);
        Assert.Equal(new TopProduct("SKU-1", 7, 0, 1, 0), product);
    }

    [Fact]
    public void RiskyPayments_KeepTheNewestTwentyReviewOrDeclineNewestFirst_WithPseudonymHexAndReasonCodes()
    {
        var board = new StatusBoard();
        for (int i = 0; i < 30; i++)
        {
            var decision = (FraudDecision)(i % 3);
            board.RecordRiskyPayment(Score($"t{i}", (ulong)i, 0.5 + (i / 100.0), decision, FraudReason.DeclineBurstCard));
        }

        var (recent, total) = board.RiskyPayments();
        var expected = Enumerable.Range(0, 30).Where(i => i % 3 != 0).Reverse().Take(StatusBoard.RiskyPaymentCapacity).Select(i => $"t{i}").ToList();
        Assert.Equal(20, total);
        Assert.Equal(expected, recent.Select(p => p.TxnId).ToList());
        var newest = recent[0];
        Assert.Equal("decline", newest.Decision);
        Assert.Equal("000000000000001d", newest.UserPseudonym);
        Assert.Equal(["rule_decline_burst_card"], newest.Reasons);
    }

    [Fact]
    public void BelowReorderPoint_KeepsTheLatestCrossingPerSkuAndWarehouse_BoundedAndClearable()
    {
        var board = new StatusBoard();
        for (int i = 0; i < 80; i++)
        {
            board.RecordBelowReorderPoint(Signal($"SKU-{i}", "WH-1", timeMs: i));
        }

        board.RecordBelowReorderPoint(Signal("SKU-79", "WH-1", timeMs: 1_000));
        board.ClearBelowReorderPoint("SKU-78", "WH-1");

        var alerts = board.BelowReorderPoint();
        Assert.Equal(StatusBoard.StockAlertCapacity - 1, alerts.Count);
        Assert.Equal(1_000, alerts[0].TimeMs);
        Assert.DoesNotContain(alerts, a => a.Sku == "SKU-78");
        Assert.Equal(Enumerable.Range(30, 48).Reverse().Select(i => $"SKU-{i}"), alerts.Skip(1).Select(a => a.Sku));
    }

    [Fact]
    public async Task Board_WrittenByOneThreadWhileAnotherReads_NeverThrowsAndEndsConsistent()
    {
        var board = new StatusBoard();
        using var done = new CancellationTokenSource();
        var reads = 0;
        var reading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reader = Task.Run(() =>
        {
            while (!done.IsCancellationRequested)
            {
                reading.TrySetResult();
                Assert.True(board.TopProducts().Products.Count <= 10);
                Assert.True(board.RiskyPayments().Recent.Count <= StatusBoard.RiskyPaymentCapacity);
                Assert.True(board.BelowReorderPoint().Count <= StatusBoard.StockAlertCapacity);
                reads++;
            }
        });

        // Write only once the reader runs, so the two really overlap on a busy machine.
        await reading.Task.WaitAsync(TimeSpan.FromSeconds(30));
        for (int i = 0; i < 20_000; i++)
        {
            board.RecordProductActivity(Row($"SKU-{i % 500}", i / 1_000, i % 4, views: 1, purchases: 0, version: 1), MinuteMs);
            board.RecordRiskyPayment(Score($"t{i}", (ulong)i, 0.9, FraudDecision.Review, FraudReason.None));
            board.RecordBelowReorderPoint(Signal($"SKU-{i % 200}", "WH", i));
        }

        await done.CancelAsync();
        await reader;
        Assert.True(reads > 0);
        Assert.Equal(20_000, board.RiskyPayments().Total);
        Assert.Equal("t19999", board.RiskyPayments().Recent[0].TxnId);
    }

    private static ProductActivityRow Row(string sku, long window, int partition, long views, long purchases, long version) =>
        new(window * MinuteMs, (window + 1) * MinuteMs, MinuteMs, ActivityDimension.Sku, sku, "DE", partition, views, views, [], 0, 0, purchases, purchases, 0, 0, 0, version);

    private static FraudScore Score(string txn, ulong user, double score, FraudDecision decision, FraudReason reason) =>
        new(txn, user, 3, 1_000, 12_345, "EUR", score, decision, reason, FraudReason.None, FraudReason.None, "test", default);

    private static ReplenishmentSignal Signal(string sku, string warehouse, long timeMs) =>
        new(sku, warehouse, timeMs, 3, 0, 10.5, 4.2, 1.5, 20, AbcClass.A, 0);
}
