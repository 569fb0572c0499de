namespace StreamEngine.ClickHouse;

/// <summary>
/// Checks database, table and column names before they are put into SQL text. Names are the only thing spliced into
/// queries; values always travel as RowBinary bodies, so no quoting or escaping of values exists in this project.
/// </summary>
public static class ClickHouseIdentifier
{
    public const int MaxLength = 128;

    /// <summary>True for ^[A-Za-z_][A-Za-z0-9_]*$ up to <see cref="MaxLength"/> characters.</summary>
    public static bool IsValid(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || name.Length > MaxLength || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Returns <paramref name="name"/> or throws naming <paramref name="key"/> (a configuration key or a description).</summary>
    public static string Validate(string? name, string key)
    {
        if (name is null || !IsValid(name))
        {
            throw new ArgumentException(
                $"{key} must match ^[A-Za-z_][A-Za-z0-9_]*$ and be at most {MaxLength} characters (got '{name}').",
                nameof(name));
        }

        return name;
    }
}
