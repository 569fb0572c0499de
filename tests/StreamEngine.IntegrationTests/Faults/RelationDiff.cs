using System.Text;

namespace StreamEngine.IntegrationTests.Faults;

/// <summary>
/// Compares two <see cref="Relation"/>s row by row and describes the difference for a failure message: counts, the
/// columns that differ, then the first rows only one side has and the first identities whose values differ.
/// </summary>
internal static class RelationDiff
{
    private const int ShownRows = 6;
    private const int ShownValueLength = 80;

    /// <summary>Null when both hold the same rows; otherwise what differs, with the first differing rows.</summary>
    public static string? Describe(Relation expected, Relation actual)
    {
        if (!expected.Columns.SequenceEqual(actual.Columns))
        {
            return $"{expected.Name}: columns differ: [{string.Join(", ", expected.Columns)}] vs [{string.Join(", ", actual.Columns)}]";
        }

        var identity = expected.Identity.Select(c => IndexOf(expected, c)).ToArray();
        var before = ByIdentity(expected, identity);
        var after = ByIdentity(actual, identity);
        var missing = before.Keys.Where(k => !after.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        var extra = after.Keys.Where(k => !before.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        var changed = before.Keys.Where(k => after.TryGetValue(k, out var rows) && !Same(before[k], rows)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count == 0 && extra.Count == 0 && changed.Count == 0)
        {
            return null;
        }

        var text = new StringBuilder()
            .Append(expected.Name).Append(": expected ").Append(expected.Rows.Count).Append(" rows, actual ").Append(actual.Rows.Count)
            .Append("; identity (").AppendJoin(", ", expected.Identity).Append(") only expected: ").Append(missing.Count)
            .Append(", only actual: ").Append(extra.Count).Append(", different values: ").Append(changed.Count).AppendLine();
        if (changed.Count > 0)
        {
            text.Append("  columns that differ (rows): ").AppendJoin(", ", DifferingColumns(changed.Select(k => (before[k], after[k])), expected.Columns)).AppendLine();
        }

        AppendRows(text, "only in the expected run", missing.SelectMany(k => before[k]), expected.Columns);
        AppendRows(text, "only in the actual run", extra.SelectMany(k => after[k]), expected.Columns);
        foreach (var key in changed.Take(ShownRows))
        {
            text.Append("  different values for ").AppendLine(key);
            text.Append("    expected: ").AppendLine(string.Join(" | ", before[key].Select(r => Changed(r, after[key], expected.Columns))));
            text.Append("    actual:   ").AppendLine(string.Join(" | ", after[key].Select(r => Changed(r, before[key], expected.Columns))));
        }

        return text.ToString();
    }

    private static int IndexOf(Relation relation, string column)
    {
        var index = relation.Columns.ToList().IndexOf(column);
        return index >= 0 ? index : throw new ArgumentException($"{relation.Name} has no identity column {column}");
    }

    private static Dictionary<string, List<string[]>> ByIdentity(Relation relation, int[] identity) =>
        relation.Rows
            .GroupBy(row => string.Join(", ", identity.Select(i => $"{relation.Columns[i]}={row[i]}")), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => string.Join('\t', r), StringComparer.Ordinal).ToList(), StringComparer.Ordinal);

    private static bool Same(List<string[]> a, List<string[]> b) =>
        a.Count == b.Count && a.Zip(b).All(p => p.First.SequenceEqual(p.Second));

    /// <summary>Over all identities whose values differ: each column that differs, with in how many of them.</summary>
    private static IEnumerable<string> DifferingColumns(IEnumerable<(List<string[]> Expected, List<string[]> Actual)> pairs, IReadOnlyList<string> columns) =>
        pairs
            .SelectMany(p => Enumerable.Range(0, columns.Count).Where(i => p.Expected[0][i] != p.Actual[0][i]))
            .GroupBy(i => i)
            .OrderBy(g => g.Key)
            .Select(g => $"{columns[g.Key]} ({g.Count()})");

    private static void AppendRows(StringBuilder text, string title, IEnumerable<string[]> rows, IReadOnlyList<string> columns)
    {
        foreach (var row in rows.Take(ShownRows))
        {
            text.Append("  ").Append(title).Append(": ").AppendLine(string.Join(", ", columns.Select((c, i) => $"{c}={Shorten(row[i])}")));
        }
    }

    /// <summary>The columns of <paramref name="row"/> that the other side's first row has with another value.</summary>
    private static string Changed(string[] row, List<string[]> others, IReadOnlyList<string> columns)
    {
        var other = others[0];
        var differing = Enumerable.Range(0, columns.Count).Where(i => row[i] != other[i]).Select(i => $"{columns[i]}={Shorten(row[i])}").ToList();
        return differing.Count == 0 ? "(same values, repeated)" : string.Join(", ", differing);
    }

    private static string Shorten(string value) => value.Length <= ShownValueLength ? value : value[..ShownValueLength] + "…";
}
