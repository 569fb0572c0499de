using System.Text;

namespace StreamEngine.ClickHouse;

/// <summary>
/// A table's name, columns and storage clauses. The DDL is plain enough for ClickHouse 18.16 and current releases:
/// no TTL, no codecs, no DateTime64. Engine, ORDER BY and PARTITION BY are SQL written in code, never configuration.
/// </summary>
public sealed class ClickHouseTableDefinition
{
    public ClickHouseTableDefinition(string name, IReadOnlyList<ClickHouseColumn> columns, string engine, string orderBy, string? partitionBy = null)
    {
        Name = ClickHouseIdentifier.Validate(name, "table name");
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0)
        {
            throw new ArgumentException($"Table {name} needs at least one column.", nameof(columns));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            if (column.Name is null || !seen.Add(column.Name))
            {
                throw new ArgumentException($"Table {name} has a missing or duplicate column '{column.Name}'.", nameof(columns));
            }
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(engine);
        ArgumentException.ThrowIfNullOrWhiteSpace(orderBy);
        Columns = [.. columns];
        Engine = engine;
        OrderBy = orderBy;
        PartitionBy = partitionBy;
    }

    public string Name { get; }

    public IReadOnlyList<ClickHouseColumn> Columns { get; }

    /// <summary>E.g. "ReplacingMergeTree(version)".</summary>
    public string Engine { get; }

    /// <summary>The sorting key, e.g. "(window_start, sku)"; for ReplacingMergeTree also the row identity.</summary>
    public string OrderBy { get; }

    /// <summary>E.g. "toYYYYMMDD(window_start)"; null for no partitioning.</summary>
    public string? PartitionBy { get; }

    /// <summary>
    /// A ReplacingMergeTree table partitioned by day: rows with equal <paramref name="orderBy"/> replace each other on
    /// merge (and under FINAL), the highest <paramref name="versionColumn"/> wins, so replaying a batch is harmless.
    /// </summary>
    public static ClickHouseTableDefinition ReplacingMergeTree(string name, IReadOnlyList<ClickHouseColumn> columns, string versionColumn, string orderBy, string dayColumn)
    {
        ClickHouseIdentifier.Validate(versionColumn, $"version column of table {name}");
        ClickHouseIdentifier.Validate(dayColumn, $"day column of table {name}");
        return new ClickHouseTableDefinition(name, columns, $"ReplacingMergeTree({versionColumn})", orderBy, $"toYYYYMMDD({dayColumn})");
    }

    /// <summary>The column names in order, for the INSERT column list.</summary>
    public IReadOnlyList<string> ColumnNames()
    {
        var names = new string[Columns.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = Columns[i].Name;
        }

        return names;
    }

    /// <summary>CREATE TABLE IF NOT EXISTS {database}.{Name} (...) ENGINE = ... [PARTITION BY ...] ORDER BY ...</summary>
    public string CreateTableSql(string database)
    {
        ClickHouseIdentifier.Validate(database, "database");
        var sql = new StringBuilder("CREATE TABLE IF NOT EXISTS ").Append(database).Append('.').Append(Name).Append("\n(\n");
        for (var i = 0; i < Columns.Count; i++)
        {
            sql.Append("    ").Append(Columns[i].Name).Append(' ').Append(Columns[i].Type).Append(i + 1 < Columns.Count ? ",\n" : "\n");
        }

        sql.Append(")\nENGINE = ").Append(Engine);
        if (PartitionBy is not null)
        {
            sql.Append("\nPARTITION BY ").Append(PartitionBy);
        }

        return sql.Append("\nORDER BY ").Append(OrderBy).ToString();
    }
}
