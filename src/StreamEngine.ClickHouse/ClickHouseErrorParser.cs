using System.Globalization;

namespace StreamEngine.ClickHouse;

/// <summary>Reads the error code and message from a ClickHouse error body (18.16 and current formats).</summary>
internal static class ClickHouseErrorParser
{
    // Codes whose cause usually passes (load, timeouts, network); everything else is a bug in the request or schema.
    private static readonly HashSet<int> s_transientCodes =
    [
        159, // TIMEOUT_EXCEEDED
        202, // TOO_MANY_SIMULTANEOUS_QUERIES
        209, // SOCKET_TIMEOUT
        210, // NETWORK_ERROR
        241, // MEMORY_LIMIT_EXCEEDED
        242, // TABLE_IS_READ_ONLY
        252, // TOO_MANY_PARTS
        319, // UNKNOWN_STATUS_OF_INSERT
        425, // SYSTEM_ERROR
    ];

    public static bool IsTransientCode(int code) => s_transientCodes.Contains(code);

    /// <summary>
    /// 18.16: "Code: 60, e.displayText() = DB::Exception: Table x doesn't exist., e.what() = DB::Exception".
    /// Current: "Code: 60. DB::Exception: Table x does not exist. (UNKNOWN_TABLE) (version 24.3.1.1)".
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> body, out int code, out string message)
    {
        code = 0;
        message = body.Trim().ToString();
        var text = body.TrimStart();
        const string prefix = "Code: ";
        if (!text.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        text = text[prefix.Length..];
        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        if (digits == 0 || !int.TryParse(text[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out code))
        {
            code = 0;
            return false;
        }

        text = text[digits..];
        const string oldSeparator = ", e.displayText() = ";
        if (text.StartsWith(oldSeparator, StringComparison.Ordinal))
        {
            text = text[oldSeparator.Length..];
        }
        else if (text.StartsWith(". ", StringComparison.Ordinal) || text.StartsWith(", ", StringComparison.Ordinal))
        {
            text = text[2..];
        }

        var what = text.LastIndexOf(", e.what() = ", StringComparison.Ordinal);
        if (what >= 0)
        {
            text = text[..what];
        }

        const string exceptionPrefix = "DB::Exception: ";
        if (text.StartsWith(exceptionPrefix, StringComparison.Ordinal))
        {
            text = text[exceptionPrefix.Length..];
        }

        message = text.Trim().ToString();
        return true;
    }
}
