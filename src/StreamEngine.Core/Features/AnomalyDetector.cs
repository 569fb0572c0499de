using StreamEngine.Core.Windows;

namespace StreamEngine.Core.Features;

/// <summary>
/// Scores each (category, country) minute against its own EWMA baselines. Minutes without views are filled in as zero
/// traffic (at most a day of them) so a drop is seen once traffic returns; a minute seen again (a late update) or out
/// of order is ignored, so the baseline is built from each key's first result per minute, in order.
/// One instance per subscription, called on the consume thread.
/// </summary>
internal sealed class AnomalyDetector(FeatureOptions options, int partition)
{
    private const int MaxZeroFill = 1440;
    private const double MinTrafficDeviation = 1.0;
    private const double MinConversionDeviation = 0.01;
    private readonly Dictionary<(string Category, string Country), KeyState> _keys = [];

    public List<AnomalyRow> Observe(in WindowResult<(string Category, string Country), TrendingCounts> result)
    {
        var rows = new List<AnomalyRow>(0);
        var minuteMs = result.Window.SizeMs;
        if (!_keys.TryGetValue(result.Key, out var state))
        {
            state = new KeyState { LastMinuteStartMs = long.MinValue };
        }
        else if (result.Window.StartMs <= state.LastMinuteStartMs)
        {
            return rows;
        }
        else
        {
            var missing = Math.Min((result.Window.StartMs - state.LastMinuteStartMs) / minuteMs - 1, MaxZeroFill);
            for (var i = missing; i >= 1; i--)
            {
                ObserveTraffic(ref state, result.Key, result.Window.StartMs - (i * minuteMs), 0, rows);
            }
        }

        ObserveTraffic(ref state, result.Key, result.Window.StartMs, result.Result.Views, rows);
        if (result.Result.Views >= options.AnomalyMinViewsForConversion)
        {
            var conversion = (double)result.Result.Purchases / result.Result.Views;
            if (state.Conversion.Observe(conversion, options.AnomalyAlpha, options.AnomalyZ, options.AnomalyConsecutiveMinutes, options.AnomalyWarmupMinutes, MinConversionDeviation, out var expected, out var z))
            {
                rows.Add(Row(result.Key, result.Window.StartMs, AnomalyMetric.Conversion, expected, conversion, z));
            }
        }

        state.LastMinuteStartMs = result.Window.StartMs;
        _keys[result.Key] = state;
        return rows;
    }

    private void ObserveTraffic(ref KeyState state, (string Category, string Country) key, long minuteStartMs, long views, List<AnomalyRow> rows)
    {
        if (state.Traffic.Observe(views, options.AnomalyAlpha, options.AnomalyZ, options.AnomalyConsecutiveMinutes, options.AnomalyWarmupMinutes, MinTrafficDeviation, out var expected, out var z))
        {
            rows.Add(Row(key, minuteStartMs, AnomalyMetric.Traffic, expected, views, z));
        }
    }

    private AnomalyRow Row((string Category, string Country) key, long minuteStartMs, AnomalyMetric metric, double expected, double actual, double z) =>
        new(minuteStartMs, key.Category, key.Country, metric, expected, actual, z, options.AnomalyConsecutiveMinutes, partition, 1);

    private struct KeyState
    {
        public long LastMinuteStartMs;
        public EwmaBaseline Traffic;
        public EwmaBaseline Conversion;
    }
}
