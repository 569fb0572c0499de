using System.Text.Json;

namespace StreamEngine.Core.Time;

/// <summary>
/// Reads an event time from JSON: an epoch-milliseconds integer, or an ISO 8601 string with an explicit offset
/// ("2026-11-22T08:15:30.250Z", "2026-11-22T09:15:30+01:00"). Allocation-free; any thread.
/// </summary>
public static class EventTimeParser
{
    /// <summary>Latest representable time, 9999-12-31T23:59:59.999Z, in epoch ms.</summary>
    public const long MaxTimeMs = 253_402_300_799_999;

    // Longest accepted ISO string: "yyyy-MM-ddTHH:mm:ss.fffffff+hh:mm" is 33 bytes; escaped forms are copied here.
    private const int MaxIsoBytes = 64;

    /// <summary>
    /// Parses the current token (number or string) of <paramref name="reader"/> into epoch milliseconds in
    /// [0, <see cref="MaxTimeMs"/>]. False for other tokens, fractions, out-of-range values, strings without an offset.
    /// </summary>
    public static bool TryParse(ref Utf8JsonReader reader, out long timeMs)
    {
        timeMs = 0;
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.TryGetInt64(out timeMs) && timeMs is >= 0 and <= MaxTimeMs;
            case JsonTokenType.String:
                if (!HasExplicitOffset(ref reader) || !reader.TryGetDateTimeOffset(out var value))
                {
                    return false;
                }

                timeMs = value.ToUnixTimeMilliseconds();
                return timeMs is >= 0 and <= MaxTimeMs;
            default:
                return false;
        }
    }

    // Utf8JsonReader.TryGetDateTimeOffset takes a string without offset as local time; we require the offset instead,
    // so the result never depends on the machine's time zone.
    private static bool HasExplicitOffset(ref Utf8JsonReader reader)
    {
        scoped ReadOnlySpan<byte> text = reader.ValueSpan;
        Span<byte> unescaped = stackalloc byte[MaxIsoBytes];
        if (reader.ValueIsEscaped)
        {
            if (text.Length > MaxIsoBytes)
            {
                return false;
            }

            text = unescaped[..reader.CopyString(unescaped)];
        }

        if (text.Length < 20)
        {
            return false;
        }

        return text[^1] == (byte)'Z' || ((text[^6] == (byte)'+' || text[^6] == (byte)'-') && text[^3] == (byte)':');
    }
}
