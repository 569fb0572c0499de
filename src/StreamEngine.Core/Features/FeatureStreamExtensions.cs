using System.Reactive.Linq;
using StreamEngine.Core.Events;
using StreamEngine.Core.Time;

namespace StreamEngine.Core.Features;

/// <summary>Stream helpers for feature pipelines (the engine's and your own, see README "Adding a feature").</summary>
public static class FeatureStreamExtensions
{
    /// <summary>
    /// Keeps events matching <paramref name="predicate"/>; the others become punctuations so the watermark they carry
    /// still reaches the window operators (a plain Where would stall windows behind filtered-out traffic).
    /// </summary>
    public static IObservable<StreamItem<ClickEvent>> Keep(
        this IObservable<StreamItem<ClickEvent>> source, Func<ClickEvent, bool> predicate) =>
        source.Select(item => item.IsPunctuation || predicate(item.Value) ? item : StreamItem.Punctuation<ClickEvent>(item.WatermarkMs));

    /// <summary>Maps window results, passing punctuations through.</summary>
    public static IObservable<StreamItem<TOut>> MapEvents<TIn, TOut>(this IObservable<StreamItem<TIn>> source, Func<StreamItem<TIn>, TOut> map) =>
        source.Select(item => item.IsPunctuation
            ? StreamItem.Punctuation<TOut>(item.WatermarkMs)
            : StreamItem.Event(map(item), item.TimeMs, item.WatermarkMs, item.Offset));

    /// <summary>numerator / denominator, 0 when the denominator is 0 (conversion rates).</summary>
    public static double Ratio(long numerator, long denominator) => denominator == 0 ? 0 : (double)numerator / denominator;
}
