using System.Reactive.Subjects;
using StreamEngine.Core.Events;
using StreamEngine.Core.Inventory;
using StreamEngine.Core.Time;
using static StreamEngine.Core.Tests.Inventory.InventoryEvents;

namespace StreamEngine.Core.Tests.Inventory;

public sealed class LogisticsPipelineTests
{
    private const long T0 = 19_676 * Day; // 2023-11-15T00:00Z, a day boundary

    [Fact]
    public void DeliveryStats_MatchBruteForce_WithOutOfOrderEvents()
    {
        var random = new Random(17);
        string[] carriers = ["dhl", "ups", "gls"];
        string[] countries = ["DE", "FR"];
        var deliveries = new List<InventoryEvent>();
        for (var i = 0; i < 5_000; i++)
        {
            var delivered = T0 + ((random.NextInt64(0, 6 * Day) / 1000) * 1000);
            var duration = random.NextInt64(Hour, 5 * Day);
            var promised = delivered - duration + random.NextInt64(Day, 4 * Day);
            deliveries.Add(Delivered((ulong)i, carriers[random.Next(3)], countries[random.Next(2)], delivered - duration, promised, delivered));
        }

        // Events arrive up to 3 hours out of order; the watermark trails the maximum time seen by 2 hours, so a few are late.
        var arrival = deliveries.OrderBy(e => e.TimeMs + random.NextInt64(0, 3 * Hour)).ToList();
        using var input = new Subject<StreamItem<InventoryEvent>>();
        var output = new List<StreamItem<DeliveryStats>>();
        using var subscription = LogisticsPipeline.Build(input, new LogisticsOptions()).Subscribe(output.Add, e => Assert.Fail(e.ToString()));
        var maxTime = long.MinValue;
        var watermark = long.MinValue;
        var late = new HashSet<InventoryEvent>();
        foreach (var e in arrival)
        {
            if (e.TimeMs - (e.TimeMs % Day) + Day <= watermark)
            {
                late.Add(e);
            }

            maxTime = Math.Max(maxTime, e.TimeMs);
            watermark = Math.Max(watermark, maxTime - (2 * Hour));
            input.OnNext(StreamItem.Event(e, e.TimeMs, watermark, 0));
        }

        Assert.NotEmpty(late);
        Assert.True(output.All(o => o.Value.WindowEndMs <= o.WatermarkMs), "windows fire only once the watermark passes their end");
        input.OnNext(StreamItem.Punctuation<InventoryEvent>(long.MaxValue));

        var expected = deliveries.Where(e => !late.Contains(e))
            .GroupBy(e => (Start: e.TimeMs - (e.TimeMs % Day), e.Carrier, e.DestinationCountry))
            .OrderBy(g => g.Key.Start).ThenBy(g => g.Key.Carrier, StringComparer.Ordinal).ThenBy(g => g.Key.DestinationCountry, StringComparer.Ordinal)
            .Select(g =>
            {
                var sorted = g.Select(e => e.TimeMs - e.DispatchedAtMs).Order().ToArray();
                var lateCount = g.Count(e => e.TimeMs > e.PromisedAtMs);
                return new DeliveryStats(
                    g.Key.Start, g.Key.Start + Day, g.Key.Carrier!, g.Key.DestinationCountry!, sorted.Length, lateCount, (double)lateCount / sorted.Length,
                    sorted.Average(v => (double)v), sorted[(int)Math.Ceiling(0.5 * sorted.Length) - 1], sorted[(int)Math.Ceiling(0.95 * sorted.Length) - 1], sorted[^1]);
            }).ToList();
        var actual = output.Select(o => o.Value).ToList();
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i] with { MeanDeliveryMs = 0 }, actual[i] with { MeanDeliveryMs = 0 });
            Assert.Equal(expected[i].MeanDeliveryMs, actual[i].MeanDeliveryMs, 1e-6);
        }
    }

    [Fact]
    public void DeliveryForAFiredWindow_IsCountedAsLate_NotSilentlyMerged()
    {
        var state = new LogisticsState(new LogisticsOptions());
        var output = new List<StreamItem<DeliveryStats>>();
        state.OnEvent(Delivered(1, "dhl", "DE", T0, T0 + Day, T0 + Hour));
        state.AdvanceWatermark(T0 + Day, 0, output);
        Assert.Single(output);
        state.OnEvent(Delivered(2, "dhl", "DE", T0, T0 + Day, T0 + (2 * Hour)));
        state.OnEvent(Delivered(3, "dhl", "DE", T0 + (26 * Hour), T0 + (2 * Day), T0 + (25 * Hour))); // delivered before dispatched
        state.AdvanceWatermark(T0 + (2 * Day), 0, output);
        Assert.Single(output);
        Assert.Equal((1L, 1L, 0), (state.LateEvents, state.InvalidEvents, state.OpenWindows));
    }

    [Fact]
    public void NearestRank_PicksTheSmallestValueCoveringTheQuantile()
    {
        long[] values = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
        Assert.Equal(50, LogisticsState.NearestRank(values, 0.5));
        Assert.Equal(100, LogisticsState.NearestRank(values, 0.95));
        Assert.Equal(10, LogisticsState.NearestRank(values, 0.0));
        Assert.Equal(7, LogisticsState.NearestRank([7], 0.95));
    }

    [Fact]
    public void LateRate_CountsDeliveriesAfterPromisedAt()
    {
        var state = new LogisticsState(new LogisticsOptions { WindowSize = TimeSpan.FromHours(1) });
        var output = new List<StreamItem<DeliveryStats>>();
        state.OnEvent(Delivered(1, "ups", "FR", T0, T0 + (10 * 60_000), T0 + (5 * 60_000)));  // on time
        state.OnEvent(Delivered(2, "ups", "FR", T0, T0 + (10 * 60_000), T0 + (10 * 60_000))); // exactly at promise: on time
        state.OnEvent(Delivered(3, "ups", "FR", T0, T0 + (10 * 60_000), T0 + (11 * 60_000))); // late
        state.OnEvent(Delivered(4, "ups", "FR", T0, T0 + (10 * 60_000), T0 + (20 * 60_000))); // late
        state.AdvanceWatermark(T0 + Hour, 0, output);
        var stats = Assert.Single(output).Value;
        Assert.Equal((4, 2, 0.5), (stats.Deliveries, stats.LateDeliveries, stats.LateRate));
        Assert.Equal((10 * 60_000L, 20 * 60_000L), (stats.P50DeliveryMs, stats.P95DeliveryMs));
    }
}
