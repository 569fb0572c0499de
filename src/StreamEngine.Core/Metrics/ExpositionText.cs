using System.Buffers;
using System.Globalization;
using System.Text;

namespace StreamEngine.Core.Metrics;

/// <summary>Prometheus text format 0.0.4 primitives: name checks, escaping, and allocation-free number writing.</summary>
internal static class ExpositionText
{
    public static bool IsValidMetricName(string name)
    {
        if (string.IsNullOrEmpty(name) || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_' || c == ':'))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsValidLabelName(string name)
    {
        if (string.IsNullOrEmpty(name) || char.IsAsciiDigit(name[0]) || name.StartsWith("__", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>HELP text escapes backslash and line feed.</summary>
    public static string EscapeHelp(string help) => help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Label values escape backslash, double quote and line feed.</summary>
    public static string EscapeLabelValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Formats a number the way Prometheus parses it (Go ParseFloat): +Inf, -Inf, NaN, shortest round-trip.</summary>
    public static string FormatDouble(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : double.IsNaN(value) ? "NaN"
        : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary><c>{a="x",b="y"}</c> (or empty) with an optional extra label appended (a histogram's <c>le</c>).</summary>
    public static string LabelText(IReadOnlyList<string> names, IReadOnlyList<string> values, string? extraName = null, string? extraValue = null)
    {
        if (names.Count == 0 && extraName is null)
        {
            return string.Empty;
        }

        var sb = new StringBuilder("{");
        for (int i = 0; i < names.Count; i++)
        {
            sb.Append(i == 0 ? string.Empty : ",").Append(names[i]).Append("=\"").Append(EscapeLabelValue(values[i])).Append('"');
        }

        if (extraName is not null)
        {
            sb.Append(names.Count == 0 ? string.Empty : ",").Append(extraName).Append("=\"").Append(extraValue).Append('"');
        }

        return sb.Append('}').ToString();
    }

    public static void WriteDouble(IBufferWriter<byte> output, double value)
    {
        if (!double.IsFinite(value))
        {
            output.Write(double.IsNaN(value) ? "NaN"u8 : value > 0 ? "+Inf"u8 : "-Inf"u8);
            return;
        }

        Span<byte> span = output.GetSpan(32);
        // Integral values (the common case for counters) print without exponent up to 2^53, like Go's 'g' would not;
        // Prometheus accepts both, and "R" round-trips exactly.
        if (!value.TryFormat(span, out int written, "R", CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("A double did not fit in 32 bytes.");
        }

        output.Advance(written);
    }

    public static void WriteLong(IBufferWriter<byte> output, long value)
    {
        Span<byte> span = output.GetSpan(20);
        if (!value.TryFormat(span, out int written, default, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("A long did not fit in 20 bytes.");
        }

        output.Advance(written);
    }
}
