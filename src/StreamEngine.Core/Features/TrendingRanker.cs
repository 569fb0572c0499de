using StreamEngine.Core.Aggregates;
using StreamEngine.Core.Windows;

namespace StreamEngine.Core.Features;

/// <summary>
/// Turns a category's top-N lists into rows with the rank change versus the previous window. Keeps the rankings of the
/// last few windows per category (bounded); a window re-emitted within grace compares with the latest known previous
/// ranking. One instance per subscription, called on the consume thread.
/// </summary>
internal sealed class TrendingRanker(long windowMs, int partition)
{
    private const int WindowsKept = 4;
    private readonly Dictionary<(string Category, TrendingMetric Metric), SortedList<long, Dictionary<string, int>>> _history = [];

    public List<TrendingRow> Rank(in WindowResult<string, TrendingTop> result)
    {
        var rows = new List<TrendingRow>(result.Result.ByViews.Length + result.Result.ByPurchases.Length);
        AddRows(rows, result, TrendingMetric.Views, result.Result.ByViews);
        AddRows(rows, result, TrendingMetric.Purchases, result.Result.ByPurchases);
        return rows;
    }

    private void AddRows(List<TrendingRow> rows, in WindowResult<string, TrendingTop> result, TrendingMetric metric, ScoredKey<string>[] top)
    {
        if (!_history.TryGetValue((result.Key, metric), out var windows))
        {
            windows = [];
            _history.Add((result.Key, metric), windows);
        }

        windows.TryGetValue(result.Window.StartMs - windowMs, out var previous);
        var ranks = new Dictionary<string, int>(top.Length, StringComparer.Ordinal);
        for (var i = 0; i < top.Length; i++)
        {
            var rank = i + 1;
            ranks[top[i].Key] = rank;
            var previousRank = previous is not null && previous.TryGetValue(top[i].Key, out var p) ? p : 0;
            rows.Add(new TrendingRow(
                result.Window.StartMs,
                result.Window.EndMs,
                result.Key,
                metric,
                rank,
                top[i].Key,
                top[i].Score,
                previousRank,
                previousRank == 0 ? 0 : previousRank - rank,
                previousRank == 0,
                partition,
                result.Version));
        }

        windows[result.Window.StartMs] = ranks;
        while (windows.Count > WindowsKept)
        {
            windows.RemoveAt(0);
        }
    }
}
