using System.Buffers;

namespace StreamEngine.ClickHouse;

/// <summary>A column of a table definition: a validated name and a ClickHouse type such as "UInt64" or "LowCardinality(String)".</summary>
public readonly record struct ClickHouseColumn
{
    private static readonly SearchValues<char> s_forbidden = SearchValues.Create(";\n\r`");

    public ClickHouseColumn(string name, string type)
    {
        Name = ClickHouseIdentifier.Validate(name, "column name");
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        if (type.AsSpan().IndexOfAny(s_forbidden) >= 0)
        {
            throw new ArgumentException($"Column type '{type}' of {name} contains forbidden characters.", nameof(type));
        }

        Type = type;
    }

    public string Name { get; }

    public string Type { get; }
}
