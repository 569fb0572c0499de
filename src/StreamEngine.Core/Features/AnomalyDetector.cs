using StreamEngine.Core.Windows;

namespace StreamEngine.Core.Features;

/// <summary>
/// Scores each (category, country) minute against its own EWMA baselines. Minutes without views are filled in as zero
/// traffic (at most a day of them) so a drop is seen once traffic returns; a minute seen again (a late update, or a
/// window recomputed by a replay after a restore) or out of order is ignored, so the baseline is built from each key's
/// first result per minute, in order, and never folds a minute twice. The baselines are the anomaly feature's
/// checkpointed state: build one per partition and pass it to
/// <see cref="Anomalies.Build(IObservable{Time.StreamItem{Events.ClickEvent}}, AnomalyDetector, IObserver{Time.StreamItem{Events.ClickEvent}}?)"/>.
/// Called on the consume thread.
/// </summary>
public sealed class AnomalyDetector(FeatureOptions options, int partition) : FeatureStore
{
    private const int MaxZeroFill = 1440;
    private const double MinTrafficDeviation = 1.0;
    private const double MinConversionDeviation = 0.01;
    private readonly FeatureOptions _options = options ?? throw new ArgumentNullException(nameof(options));
    private readonly Dictionary<(string Category, string Country), KeyState> _keys = [];

    /// <summary>Grace of the minute windows the detector is fed from.</summary>
    internal TimeSpan Grace => _options.Grace;

    private protected override byte FormatVersion => 1;

    internal List<AnomalyRow> Observe(in WindowResult<(string Category, string Country), TrendingCounts> result)
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
        if (result.Result.Views >= _options.AnomalyMinViewsForConversion)
        {
            var conversion = (double)result.Result.Purchases / result.Result.Views;
            if (state.Conversion.Observe(conversion, _options.AnomalyAlpha, _options.AnomalyZ, _options.AnomalyConsecutiveMinutes, _options.AnomalyWarmupMinutes, MinConversionDeviation, out var expected, out var z))
            {
                rows.Add(Row(result.Key, result.Window.StartMs, AnomalyMetric.Conversion, expected, conversion, z));
            }
        }

        state.LastMinuteStartMs = result.Window.StartMs;
        _keys[result.Key] = state;
        return rows;
    }

    private protected override void Write(BinaryWriter writer)
    {
        writer.WriteCount(_keys.Count);
        foreach (var ((category, country), state) in _keys)
        {
            writer.Write(category);
            writer.Write(country);
            writer.Write(state.LastMinuteStartMs);
            state.Traffic.Write(writer);
            state.Conversion.Write(writer);
        }
    }

    private protected override void Read(FeatureStateReader reader)
    {
        _keys.Clear();
        var count = reader.ReadCount();
        for (var i = 0; i < count; i++)
        {
            var key = (reader.ReadString(), reader.ReadString());
            var state = new KeyState
            {
                LastMinuteStartMs = reader.ReadInt64(),
                Traffic = EwmaBaseline.Read(reader),
                Conversion = EwmaBaseline.Read(reader),
            };
            if (!_keys.TryAdd(key, state))
            {
                throw new InvalidDataException($"Baselines of category '{key.Item1}' in '{key.Item2}' are listed twice.");
            }
        }
    }

    private void ObserveTraffic(ref KeyState state, (string Category, string Country) key, long minuteStartMs, long views, List<AnomalyRow> rows)
    {
        if (state.Traffic.Observe(views, _options.AnomalyAlpha, _options.AnomalyZ, _options.AnomalyConsecutiveMinutes, _options.AnomalyWarmupMinutes, MinTrafficDeviation, out var expected, out var z))
        {
            rows.Add(Row(key, minuteStartMs, AnomalyMetric.Traffic, expected, views, z));
        }
    }

    private AnomalyRow Row((string Category, string Country) key, long minuteStartMs, AnomalyMetric metric, double expected, double actual, double z) =>
        new(minuteStartMs, key.Category, key.Country, metric, expected, actual, z, _options.AnomalyConsecutiveMinutes, partition, 1);

    private struct KeyState
    {
        public long LastMinuteStartMs;
        public EwmaBaseline Traffic;
        public EwmaBaseline Conversion;
    }
}
