using System.Reactive.Linq;
using StreamEngine.Core.Events;
using StreamEngine.Core.Operators;
using StreamEngine.Core.Time;

namespace StreamEngine.Core.Features;

/// <summary>
/// Baseline anomalies per category and country: views per minute and conversion (purchases / views) against their own
/// EWMA mean and deviation; <see cref="FeatureOptions.AnomalyConsecutiveMinutes"/> consecutive minutes beyond
/// <see cref="FeatureOptions.AnomalyZ"/> in the same direction emit one <see cref="AnomalyRow"/> per run.
/// </summary>
public static class Anomalies
{
    /// <summary>Builds the detector with fresh baselines per subscription.</summary>
    public static IObservable<StreamItem<AnomalyRow>> Build(
        IObservable<StreamItem<ClickEvent>> clicks,
        FeatureOptions options,
        int partition,
        IObserver<StreamItem<ClickEvent>>? late = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Observable.Defer(() => Build(clicks, new AnomalyDetector(options, partition), late));
    }

    /// <summary>
    /// Builds the detector over one stream of clicks, keeping the baselines in <paramref name="detector"/> (checkpointed
    /// by the caller). The minute windows are not part of it: after a restore, feed every replayed click (the windows
    /// are rebuilt from them) and the detector skips the minutes it already folded. Baselines are those of the stream
    /// given: feed a stream repartitioned by category for global baselines, or accept per-partition baselines (each
    /// partition sees a uniform share of users, so its series is a scaled copy).
    /// </summary>
    public static IObservable<StreamItem<AnomalyRow>> Build(
        IObservable<StreamItem<ClickEvent>> clicks,
        AnomalyDetector detector,
        IObserver<StreamItem<ClickEvent>>? late = null)
    {
        ArgumentNullException.ThrowIfNull(clicks);
        ArgumentNullException.ThrowIfNull(detector);
        var minutes = clicks
            .Keep(static e => e.Type is ClickEventType.ProductView or ClickEventType.Purchase && e.Category is not null)
            .TumblingWindow(static e => (Category: e.Category!, e.Country), default(TrendingCountsAggregate), TimeSpan.FromMinutes(1), detector.Grace, late);

        return Observable.Defer(() =>
        {
            detector.Claim();
            return minutes.SelectMany(item =>
            {
                if (item.IsPunctuation)
                {
                    return [StreamItem.Punctuation<AnomalyRow>(item.WatermarkMs)];
                }

                var rows = detector.Observe(item.Value);
                var items = new List<StreamItem<AnomalyRow>>(rows.Count);
                foreach (var row in rows)
                {
                    items.Add(StreamItem.Event(row, item.TimeMs, item.WatermarkMs, item.Offset));
                }

                return items;
            });
        });
    }
}
