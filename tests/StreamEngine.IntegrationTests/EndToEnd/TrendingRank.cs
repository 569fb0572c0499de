using System.Globalization;

namespace StreamEngine.IntegrationTests.EndToEnd;

/// <summary>One row of the trending ranking: a product's rank in a category, window and metric, and its rank change.</summary>
internal readonly record struct TrendingRank(
    string Category, string Metric, long WindowStartS, int Rank, string Sku, long Score, int PreviousRank, int RankChange, bool IsNew)
{
    /// <summary>The columns of <c>TrendingRankingQuery</c> (as TSV), window_start as unix seconds.</summary>
    public const string Columns = "category, metric, toUnixTimestamp(window_start), rank, sku, score, previous_rank, rank_change, is_new";

    /// <summary>A row of <see cref="Columns"/>.</summary>
    public static TrendingRank Parse(string[] row) => new(
        row[0],
        row[1],
        long.Parse(row[2], CultureInfo.InvariantCulture),
        int.Parse(row[3], CultureInfo.InvariantCulture),
        row[4],
        long.Parse(row[5], CultureInfo.InvariantCulture),
        int.Parse(row[6], CultureInfo.InvariantCulture),
        int.Parse(row[7], CultureInfo.InvariantCulture),
        row[8] == "1");
}
