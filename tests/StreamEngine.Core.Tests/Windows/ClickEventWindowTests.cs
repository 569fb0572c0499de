using System.Reactive.Linq;
using System.Reactive.Subjects;
using StreamEngine.Core.Events;
using StreamEngine.Core.Operators;
using StreamEngine.Core.Tests.Support;
using StreamEngine.Core.Time;
using StreamEngine.Core.Windows;

namespace StreamEngine.Core.Tests.Windows;

public class ClickEventWindowTests
{
    private static ClickEvent Click(ClickEventType type, string sku, ulong user, long timeMs, long price = 0, int quantity = 1) =>
        new(0, timeMs, type, user, 1, 1, 1, "DE", "search", sku, "shoes", price, quantity, "EUR", 0, 0);

    [Fact]
    public void FeatureAggregate_PerProductMinute_MatchesBruteForce()
    {
        var random = new Random(17);
        var clicks = Enumerable.Range(0, 4_000).Select(i => Click(
            random.Next(10) == 0 ? ClickEventType.Purchase : ClickEventType.ProductView,
            $"sku{random.Next(5)}", (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63), i * 50L, price: 1999, quantity: 1 + random.Next(3))).ToArray();

        var tracker = new WatermarkTracker(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), new ManualTimeProvider());
        var source = new Subject<StreamItem<ClickEvent>>();
        var late = new LateRecorder<ClickEvent>();
        var output = new Recorder<WindowResult<string, ProductStats>>();
        source.TumblingWindow(e => e.Sku!, new ProductStatsAggregate(), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), late)
            .Subscribe(output);
        for (var i = 0; i < clicks.Length; i++)
        {
            source.OnNext(StreamItem.Event(clicks[i], clicks[i].TimeMs, tracker.OnEvent(0, clicks[i].TimeMs), i));
        }

        source.OnCompleted();
        var expected = clicks.GroupBy(c => (c.Sku, c.TimeMs / 60_000)).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(expected.Count, output.Events.Count);
        foreach (var result in output.Events.Select(e => e.Value))
        {
            var group = expected[(result.Key, result.Window.StartMs / 60_000)];
            Assert.Equal(group.Count(c => c.Type == ClickEventType.ProductView), result.Result.Views);
            Assert.Equal(group.Where(c => c.Type == ClickEventType.Purchase).Sum(c => c.PriceCents * c.Quantity), result.Result.RevenueCents);
            var exact = group.Select(c => c.UserId).Distinct().Count();
            Assert.InRange(result.Result.Visitors.Estimate(), exact * 0.9, exact * 1.1);
        }

        Assert.Empty(late.Items);
    }
}
