using System.Text.Json;
using StreamEngine.Core.Privacy;
using StreamEngine.Core.Time;

namespace StreamEngine.Core.Events;

/// <summary>
/// Reads typed, validated field values for the event decoders from the current token of a <see cref="Utf8JsonReader"/>.
/// Each method returns <see cref="DecodeStatus.Ok"/> or the reason; the decoder adds the field name. Owns a scratch
/// buffer for unescaping, so it is not thread-safe (one per decoder, one decoder per consume thread).
/// </summary>
internal sealed class EventFieldReader
{
    private readonly Pseudonymizer _pseudonymizer;
    private readonly Utf8Interner _interner;
    private readonly byte[] _scratch;
    private readonly RawIdentifierRelease? _rawRelease;

    public EventFieldReader(Pseudonymizer pseudonymizer, Utf8Interner interner, DecoderOptions options, RawIdentifierRelease? rawRelease = null)
    {
        ArgumentNullException.ThrowIfNull(pseudonymizer);
        ArgumentNullException.ThrowIfNull(interner);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _pseudonymizer = pseudonymizer;
        _interner = interner;
        _rawRelease = rawRelease;
        Options = options;

        // An unescaped value is never longer than its escaped form, which is never longer than the whole message.
        _scratch = new byte[options.MaxMessageBytes];
    }

    public DecoderOptions Options { get; }

    /// <summary>The checks done on the raw bytes before parsing: size and UTF-8 validity.</summary>
    public DecodeStatus CheckRaw(ReadOnlySpan<byte> json)
    {
        if (json.Length > Options.MaxMessageBytes)
        {
            return DecodeStatus.Oversized;
        }

        // Checked up front: Utf8JsonReader validates UTF-8 only inside strings, and we hash raw spans.
        return System.Text.Unicode.Utf8.IsValid(json) ? DecodeStatus.Ok : DecodeStatus.InvalidUtf8;
    }

    /// <summary>The unescaped UTF-8 of the current string or property name; valid until the next call.</summary>
    /// <remarks>The readers are built over one contiguous span, so HasValueSequence is always false here.</remarks>
    public ReadOnlySpan<byte> Text(ref Utf8JsonReader reader) =>
        reader.ValueIsEscaped ? _scratch.AsSpan(0, reader.CopyString(_scratch)) : reader.ValueSpan;

    /// <summary>A keyed hash of a string value (identifiers and personal data: never kept as text).</summary>
    public DecodeStatus Hash(ref Utf8JsonReader reader, out ulong hash)
    {
        hash = 0;
        if (reader.TokenType != JsonTokenType.String)
        {
            return DecodeStatus.WrongType;
        }

        var text = Text(ref reader);
        if (text.IsEmpty)
        {
            return DecodeStatus.InvalidValue;
        }

        hash = _pseudonymizer.Pseudonymize(text);
        return DecodeStatus.Ok;
    }

    /// <summary>A personal identifier: pseudonymised, and its raw value released if the field is configured as allowed.</summary>
    public DecodeStatus Personal(ref Utf8JsonReader reader, PersonalField field, out ulong hash)
    {
        var status = Hash(ref reader, out hash);
        if (status == DecodeStatus.Ok && _rawRelease is not null)
        {
            _rawRelease.Observe(field, hash, Text(ref reader));
        }

        return status;
    }

    /// <summary>A non-empty low-cardinality string value, interned.</summary>
    public DecodeStatus Intern(ref Utf8JsonReader reader, out string value)
    {
        value = string.Empty;
        if (reader.TokenType != JsonTokenType.String)
        {
            return DecodeStatus.WrongType;
        }

        var text = Text(ref reader);
        if (text.IsEmpty)
        {
            return DecodeStatus.InvalidValue;
        }

        value = _interner.Intern(text);
        return DecodeStatus.Ok;
    }

    /// <summary>A non-empty high-cardinality string value kept as text (allocates; only txn_id needs this).</summary>
    public DecodeStatus String(ref Utf8JsonReader reader, out string value)
    {
        value = string.Empty;
        if (reader.TokenType != JsonTokenType.String)
        {
            return DecodeStatus.WrongType;
        }

        var text = Text(ref reader);
        if (text.IsEmpty)
        {
            return DecodeStatus.InvalidValue;
        }

        value = System.Text.Encoding.UTF8.GetString(text);
        return DecodeStatus.Ok;
    }

    /// <summary>A string value checked only for its type (fields accepted but not kept).</summary>
    public static DecodeStatus AnyString(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String ? DecodeStatus.Ok : DecodeStatus.WrongType;

    /// <summary>An ISO 3166 alpha-2 country code: exactly two upper-case ASCII letters.</summary>
    public DecodeStatus Country(ref Utf8JsonReader reader, out string value) => Code(ref reader, 2, out value);

    /// <summary>An ISO 4217 currency code: exactly three upper-case ASCII letters.</summary>
    public DecodeStatus Currency(ref Utf8JsonReader reader, out string value) => Code(ref reader, 3, out value);

    /// <summary>A price or amount in major units, converted to minor units (rounded half away from zero), 0..MaxAmountCents.</summary>
    public DecodeStatus Money(ref Utf8JsonReader reader, out long cents)
    {
        cents = 0;
        if (reader.TokenType != JsonTokenType.Number)
        {
            return DecodeStatus.WrongType;
        }

        // decimal parses "59.99" exactly, so the conversion to cents has no binary rounding error.
        if (!reader.TryGetDecimal(out var major) || major < 0 || major > Options.MaxAmountCents / 100m)
        {
            return DecodeStatus.InvalidValue;
        }

        cents = (long)Math.Round(major * 100m, MidpointRounding.AwayFromZero);
        return DecodeStatus.Ok;
    }

    /// <summary>An integer quantity in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static DecodeStatus Integer(ref Utf8JsonReader reader, int min, int max, out int value)
    {
        value = 0;
        if (reader.TokenType != JsonTokenType.Number)
        {
            return DecodeStatus.WrongType;
        }

        return reader.TryGetInt32(out value) && value >= min && value <= max ? DecodeStatus.Ok : DecodeStatus.InvalidValue;
    }

    /// <summary>A finite coordinate in [-<paramref name="limit"/>, <paramref name="limit"/>] degrees.</summary>
    public static DecodeStatus Coordinate(ref Utf8JsonReader reader, double limit, out double value)
    {
        value = double.NaN;
        if (reader.TokenType != JsonTokenType.Number)
        {
            return DecodeStatus.WrongType;
        }

        if (!reader.TryGetDouble(out var parsed) || !double.IsFinite(parsed) || Math.Abs(parsed) > limit)
        {
            return DecodeStatus.InvalidValue;
        }

        value = parsed;
        return DecodeStatus.Ok;
    }

    /// <summary>The event time "ts": parseable and within MaxClockSkew of the reference time (skipped when that is &lt;= 0).</summary>
    public DecodeStatus EventTime(ref Utf8JsonReader reader, long referenceTimeMs, out long timeMs) =>
        Time(ref reader, referenceTimeMs, (long)Options.MaxClockSkew.TotalMilliseconds, out timeMs);

    /// <summary>A related time (ordered_at, promised_at...): parseable and within MaxRelatedTimeSkew of the reference time.</summary>
    public DecodeStatus RelatedTime(ref Utf8JsonReader reader, long referenceTimeMs, out long timeMs) =>
        Time(ref reader, referenceTimeMs, (long)Options.MaxRelatedTimeSkew.TotalMilliseconds, out timeMs);

    private static DecodeStatus Time(ref Utf8JsonReader reader, long referenceTimeMs, long maxSkewMs, out long timeMs)
    {
        timeMs = 0;
        if (reader.TokenType is not (JsonTokenType.Number or JsonTokenType.String))
        {
            return DecodeStatus.WrongType;
        }

        if (!EventTimeParser.TryParse(ref reader, out timeMs))
        {
            return DecodeStatus.BadTimestamp;
        }

        // A Kafka timestamp <= 0 means "not available": the skew check needs a reference, so it is skipped.
        return referenceTimeMs > 0 && Math.Abs(timeMs - referenceTimeMs) > maxSkewMs
            ? DecodeStatus.BadTimestamp
            : DecodeStatus.Ok;
    }

    private DecodeStatus Code(ref Utf8JsonReader reader, int length, out string value)
    {
        value = string.Empty;
        if (reader.TokenType != JsonTokenType.String)
        {
            return DecodeStatus.WrongType;
        }

        var text = Text(ref reader);
        if (text.Length != length)
        {
            return DecodeStatus.InvalidValue;
        }

        foreach (var b in text)
        {
            if (b is < (byte)'A' or > (byte)'Z')
            {
                return DecodeStatus.InvalidValue;
            }
        }

        value = _interner.Intern(text);
        return DecodeStatus.Ok;
    }
}
