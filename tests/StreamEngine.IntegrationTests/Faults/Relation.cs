namespace StreamEngine.IntegrationTests.Faults;

/// <summary>
/// One result of a run read back as text rows: a ClickHouse table read the documented way, a documented query over
/// one, or an output topic. <see cref="Identity"/> names the columns that identify a row (the table's ORDER BY, the
/// topic's de-duplication key), so that a difference can be shown as the same row with other values.
/// </summary>
internal sealed record Relation(string Name, IReadOnlyList<string> Columns, IReadOnlyList<string> Identity, IReadOnlyList<string[]> Rows)
{
    /// <summary>A relation of the distinct <paramref name="rows"/>: repeats of a row count once.</summary>
    public static Relation OfDistinct(string name, IReadOnlyList<string> columns, IReadOnlyList<string> identity, IEnumerable<string[]> rows) =>
        new(name, columns, identity, [.. rows.DistinctBy(r => string.Join('\u0001', r), StringComparer.Ordinal)]);

    /// <summary>
    /// The distinct rows without <paramref name="columns"/>: two messages of a topic that differed only there are one
    /// (a table read with FINAL has one row per identity either way).
    /// </summary>
    public Relation Without(IReadOnlyCollection<string> columns)
    {
        var kept = Columns.Where(c => !columns.Contains(c)).ToList();
        return Project(kept, [.. Identity.Where(kept.Contains)]);
    }

    /// <summary>The distinct values of <paramref name="columns"/>, which become the identity.</summary>
    public Relation DistinctOf(IReadOnlyList<string> columns) => Project(columns, columns);

    private Relation Project(IReadOnlyList<string> columns, IReadOnlyList<string> identity)
    {
        var indexes = columns.Select(c => Columns.ToList().IndexOf(c)).ToArray();
        var missing = columns.Where((_, i) => indexes[i] < 0).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"{Name} has no column {string.Join(", ", missing)}");
        }

        return OfDistinct(Name, columns, identity, Rows.Select(row => indexes.Select(i => row[i]).ToArray()));
    }
}
