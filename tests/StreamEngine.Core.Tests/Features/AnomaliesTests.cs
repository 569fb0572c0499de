using StreamEngine.Core.Events;
using StreamEngine.Core.Features;
using static StreamEngine.Core.Tests.Features.ClickGenerator;

namespace StreamEngine.Core.Tests.Features;

public sealed class AnomaliesTests
{
    private static readonly FeatureOptions Sensitive = new()
    {
        AnomalyZ = 1.5, AnomalyConsecutiveMinutes = 2, AnomalyWarmupMinutes = 5, AnomalyMinViewsForConversion = 3,
    };

    [Theory]
    [InlineData(71)]
    [InlineData(72)]
    public void ShuffledStream_MatchesBruteForceEwmaOverMinuteSeries(int seed)
    {
        var events = Generate(seed, users: 300, startMs: 1_700_000_000_000, spanMs: 3 * 3_600_000, skus: 12);
        var feed = StreamFeed.Arrange(events, 50_000, seed);
        var rows = StreamFeed.Events(StreamFeed.Run(feed, clicks => Anomalies.Build(clicks, Sensitive, 8)));

        var expected = new List<AnomalyRow>();
        foreach (var key in events.Where(e => e.Category is not null && e.Type is ClickEventType.ProductView or ClickEventType.Purchase)
            .GroupBy(e => (e.Category!, e.Country)))
        {
            var minutes = key.GroupBy(e => ReferenceMath.FloorDiv(e.TimeMs, MinuteMs) * MinuteMs)
                .ToDictionary(g => g.Key, g => (Views: g.Count(e => e.Type == ClickEventType.ProductView), Purchases: g.Count(e => e.Type == ClickEventType.Purchase)));
            var traffic = new ReferenceEwma(Sensitive, 1.0);
            var conversion = new ReferenceEwma(Sensitive, 0.01);
            for (var m = minutes.Keys.Min(); m <= minutes.Keys.Max(); m += MinuteMs)
            {
                var (views, purchases) = minutes.GetValueOrDefault(m);
                if (traffic.Observe(views) is { } t)
                {
                    expected.Add(new AnomalyRow(m, key.Key.Item1, key.Key.Country, AnomalyMetric.Traffic, t.Expected, views, t.Z, 2, 8, 1));
                }

                if (minutes.ContainsKey(m) && views >= Sensitive.AnomalyMinViewsForConversion && conversion.Observe((double)purchases / views) is { } c)
                {
                    expected.Add(new AnomalyRow(m, key.Key.Item1, key.Key.Country, AnomalyMetric.Conversion, c.Expected, (double)purchases / views, c.Z, 2, 8, 1));
                }
            }
        }

        Assert.NotEmpty(expected);
        Assert.Equal(Sort(expected), Sort(rows));
    }

    [Fact]
    public void OneMinuteSpike_IsNotAnAnomaly_ButASustainedOneIsReportedOnce()
    {
        var options = new FeatureOptions { AnomalyConsecutiveMinutes = 3, AnomalyWarmupMinutes = 20 };
        int[] series = [.. Enumerable.Range(0, 40).Select(i => 10 + (i % 3)), 60, 11, 10, 12, 60, 65, 70, 75, 11, 10];
        var rows = StreamFeed.Events(StreamFeed.Run(StreamFeed.Arrange(Views(series), 1, 1), clicks => Anomalies.Build(clicks, options, 0)));

        var row = Assert.Single(rows);
        Assert.Equal((46 * MinuteMs, AnomalyMetric.Traffic, 70.0, 3), (row.MinuteStartMs, row.Metric, row.Actual, row.ConsecutiveMinutes));
        Assert.True(row.Z > 3 && row.Expected > 10 && row.Expected < 70, $"z={row.Z} expected={row.Expected}");
    }

    [Fact]
    public void TrafficStoppingForMinutes_IsReportedAsADrop_WhenItResumes()
    {
        var options = new FeatureOptions { AnomalyConsecutiveMinutes = 3, AnomalyWarmupMinutes = 20 };
        int[] series = [.. Enumerable.Range(0, 40).Select(i => 20 + (i % 4)), 0, 0, 0, 0, 21];
        var rows = StreamFeed.Events(StreamFeed.Run(StreamFeed.Arrange(Views(series), 1, 1), clicks => Anomalies.Build(clicks, options, 0)));

        var row = Assert.Single(rows);
        Assert.Equal((42 * MinuteMs, 0.0), (row.MinuteStartMs, row.Actual));
        Assert.True(row.Z < -3);
    }

    [Fact]
    public void LevelShift_IsReportedOnce_AndTheBaselineAdaptsToIt()
    {
        var options = new FeatureOptions { AnomalyConsecutiveMinutes = 3, AnomalyWarmupMinutes = 20 };
        int[] series = [.. Enumerable.Range(0, 40).Select(i => 10 + (i % 3)), .. Enumerable.Repeat(30, 200), 60, 60, 60];
        var rows = StreamFeed.Events(StreamFeed.Run(StreamFeed.Arrange(Views(series), 1, 1), clicks => Anomalies.Build(clicks, options, 0)));

        Assert.Equal([42 * MinuteMs, 242 * MinuteMs], rows.Select(r => r.MinuteStartMs)); // the shift, then a new one from the adapted level
        Assert.InRange(rows[1].Expected, 29, 31);
    }

    private static List<ClickEvent> Views(int[] perMinute)
    {
        var events = new List<ClickEvent>();
        ulong id = 1;
        for (var m = 0; m < perMinute.Length; m++)
        {
            for (var i = 0; i < perMinute[m]; i++)
            {
                events.Add(Click(id++, (m * MinuteMs) + (i * 100), ClickEventType.ProductView, user: id * 0x9E3779B97F4A7C15));
            }
        }

        return events;
    }

    private static List<AnomalyRow> Sort(IEnumerable<AnomalyRow> rows) =>
        [.. rows.Select(r => r with { Expected = Math.Round(r.Expected, 9), Z = Math.Round(r.Z, 9) })
            .OrderBy(r => r.MinuteStartMs).ThenBy(r => r.Category, StringComparer.Ordinal).ThenBy(r => r.Country, StringComparer.Ordinal).ThenBy(r => r.Metric)];

    /// <summary>EWMA mean/variance with a run counter, written out plainly.</summary>
    private sealed class ReferenceEwma(FeatureOptions options, double minDeviation)
    {
        private double _mean, _variance;
        private int _samples, _run, _direction;

        public (double Expected, double Z)? Observe(double x)
        {
            var expected = _mean;
            var sd = Math.Max(Math.Sqrt(_variance), minDeviation);
            var z = _samples == 0 ? 0 : (x - _mean) / sd;
            var warm = _samples >= Math.Max(1, options.AnomalyWarmupMinutes);
            var direction = warm && Math.Abs(z) > options.AnomalyZ ? Math.Sign(z) : 0;
            _run = direction == 0 ? 0 : direction == _direction ? _run + 1 : 1;
            _direction = direction;
            if (_samples == 0)
            {
                _mean = x;
            }
            else
            {
                var limited = warm ? Math.Min(Math.Max(x, _mean - (options.AnomalyZ * sd)), _mean + (options.AnomalyZ * sd)) : x;
                var diff = limited - _mean;
                _mean += options.AnomalyAlpha * diff;
                _variance = (1 - options.AnomalyAlpha) * (_variance + (options.AnomalyAlpha * diff * diff));
            }

            _samples++;
            return direction != 0 && _run == options.AnomalyConsecutiveMinutes ? (expected, z) : null;
        }
    }
}
