using System.Numerics;
using System.Text.Json;
using StreamEngine.Core.Events;
using StreamEngine.Core.Privacy;

namespace StreamEngine.Core.Inventory;

/// <summary>
/// Decodes records of the internal demand topic (written by <see cref="DemandMessageEncoder"/>) from raw UTF-8 JSON
/// without allocating in steady state (SKUs, warehouses and categories are interned): demand records
/// (<c>"type":"demand"</c>) and watermark records (<c>"type":"watermark"</c>, which need only
/// <c>source_partition</c> and <c>watermark_ms</c>). The topic is written by the engine, but it is still input: bad
/// records are reported, never thrown. Not thread-safe: one per consume thread.
/// </summary>
public sealed class DemandEventDecoder : JsonEventDecoder<DemandMessage>
{
    private enum Field
    {
        EventId, Type, Ts, Sku, Warehouse, Units, RevenueCents, Category, SourcePartition, WatermarkMs, Source, SourceOffset, SourceLine, Unknown,
    }

    private static readonly string[] FieldNames =
        ["event_id", "type", "ts", "sku", "warehouse", "units", "revenue_cents", "category", "source_partition", "watermark_ms", "source", "source_offset", "source_line"];

    private const ulong DemandRequired = (1UL << (int)Field.Units + 1) - 1;
    private const ulong WatermarkRequired = (1UL << (int)Field.Type) | (1UL << (int)Field.SourcePartition) | (1UL << (int)Field.WatermarkMs);

    /// <summary>Creates a decoder; <paramref name="options"/> are validated here.</summary>
    public DemandEventDecoder(Pseudonymizer pseudonymizer, Utf8Interner interner, DecoderOptions options)
        : base(new EventFieldReader(pseudonymizer, interner, options))
    {
    }

    private protected override DecodeResult Decode(ref Utf8JsonReader reader, long referenceTimeMs, out DemandMessage message)
    {
        message = default;
        ulong seen = 0, eventId = 0;
        long timeMs = 0, revenue = 0, watermarkMs = 0, sourceOffset = 0;
        int units = 0, sourcePartition = 0, sourceLine = 0;
        var sourceKind = DemandSourceKind.Unknown;
        var isWatermark = false;
        string sku = string.Empty, warehouse = string.Empty, category = string.Empty;
        var maxQuantity = Fields.Options.MaxQuantity;
        var maxAmount = Fields.Options.MaxAmountCents;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = Match(Fields.Text(ref reader));
            reader.Read();
            if (field == Field.Unknown || reader.TokenType == JsonTokenType.Null)
            {
                reader.Skip();
                continue;
            }

            var status = field switch
            {
                Field.EventId => Fields.Hash(ref reader, out eventId),
                Field.Type => ReadType(ref reader, out isWatermark),
                Field.Ts => Fields.EventTime(ref reader, referenceTimeMs, out timeMs),
                Field.Sku => Fields.Intern(ref reader, out sku),
                Field.Warehouse => Fields.Intern(ref reader, out warehouse),
                Field.Units => Units(ref reader, maxQuantity, out units),
                Field.RevenueCents => Cents(ref reader, maxAmount, out revenue),
                Field.SourcePartition => EventFieldReader.Integer(ref reader, 0, int.MaxValue, out sourcePartition),
                Field.WatermarkMs => Milliseconds(ref reader, out watermarkMs),
                Field.Source => ReadSourceKind(ref reader, out sourceKind),
                Field.SourceOffset => Offset(ref reader, out sourceOffset),
                Field.SourceLine => EventFieldReader.Integer(ref reader, 0, int.MaxValue, out sourceLine),
                _ => Fields.Intern(ref reader, out category),
            };

            if (status != DecodeStatus.Ok)
            {
                return DecodeResult.Fail(status, FieldNames[(int)field]);
            }

            seen |= 1UL << (int)field;
        }

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            return DecodeResult.Fail(DecodeStatus.MalformedJson);
        }

        // A record without "type" is checked as a demand record.
        var missing = (isWatermark ? WatermarkRequired : DemandRequired) & ~seen;
        if (missing != 0)
        {
            return DecodeResult.Fail(DecodeStatus.MissingField, FieldNames[BitOperations.TrailingZeroCount(missing)]);
        }

        // A demand record's source counts only when complete: without it the record is never taken for a redelivery.
        const ulong sourceFields = (1UL << (int)Field.Source) | (1UL << (int)Field.SourcePartition) | (1UL << (int)Field.SourceOffset);
        var source = (seen & sourceFields) == sourceFields ? new DemandSource(sourceKind, sourcePartition, sourceOffset, sourceLine) : default;
        message = isWatermark
            ? DemandMessage.Watermark(sourcePartition, watermarkMs)
            : new DemandMessage(eventId, timeMs, new DemandEvent(sku, warehouse, units, revenue, category)) { Source = source };
        return DecodeResult.Ok;
    }

    private DecodeStatus ReadSourceKind(ref Utf8JsonReader reader, out DemandSourceKind kind)
    {
        kind = DemandSourceKind.Unknown;
        if (reader.TokenType != JsonTokenType.String)
        {
            return DecodeStatus.WrongType;
        }

        var text = Fields.Text(ref reader);
        kind = text.SequenceEqual("purchase"u8) ? DemandSourceKind.Purchase : text.SequenceEqual("refund"u8) ? DemandSourceKind.Refund : DemandSourceKind.Unknown;
        return kind == DemandSourceKind.Unknown ? DecodeStatus.InvalidValue : DecodeStatus.Ok;
    }

    private DecodeStatus ReadType(ref Utf8JsonReader reader, out bool isWatermark)
    {
        isWatermark = false;
        if (reader.TokenType != JsonTokenType.String)
        {
            return DecodeStatus.WrongType;
        }

        var type = Fields.Text(ref reader);
        if (type.SequenceEqual("demand"u8))
        {
            return DecodeStatus.Ok;
        }

        isWatermark = type.SequenceEqual("watermark"u8);
        return isWatermark ? DecodeStatus.Ok : DecodeStatus.UnknownEventType;
    }

    /// <summary>A watermark: an integer of epoch milliseconds within <see cref="DateTimeOffset"/>'s range.</summary>
    private static DecodeStatus Milliseconds(ref Utf8JsonReader reader, out long ms)
    {
        ms = 0;
        if (reader.TokenType != JsonTokenType.Number)
        {
            return DecodeStatus.WrongType;
        }

        return reader.TryGetInt64(out ms) && DemandMessageEncoder.IsWatermarkInRange(ms) ? DecodeStatus.Ok : DecodeStatus.InvalidValue;
    }

    /// <summary>A Kafka offset: a non-negative 64-bit integer.</summary>
    private static DecodeStatus Offset(ref Utf8JsonReader reader, out long offset)
    {
        offset = 0;
        if (reader.TokenType != JsonTokenType.Number)
        {
            return DecodeStatus.WrongType;
        }

        return reader.TryGetInt64(out offset) && offset >= 0 ? DecodeStatus.Ok : DecodeStatus.InvalidValue;
    }

    /// <summary>Units sold (refunds negative): a non-zero integer within ±MaxQuantity.</summary>
    private static DecodeStatus Units(ref Utf8JsonReader reader, int max, out int units)
    {
        var status = EventFieldReader.Integer(ref reader, -max, max, out units);
        return status == DecodeStatus.Ok && units == 0 ? DecodeStatus.InvalidValue : status;
    }

    /// <summary>Revenue in reporting-currency minor units (negative for refunds), within ±MaxAmountCents.</summary>
    private static DecodeStatus Cents(ref Utf8JsonReader reader, long max, out long cents)
    {
        cents = 0;
        if (reader.TokenType != JsonTokenType.Number)
        {
            return DecodeStatus.WrongType;
        }

        return reader.TryGetInt64(out cents) && cents >= -max && cents <= max ? DecodeStatus.Ok : DecodeStatus.InvalidValue;
    }

    private static Field Match(ReadOnlySpan<byte> name) => name.Length switch
    {
        2 when name.SequenceEqual("ts"u8) => Field.Ts,
        3 when name.SequenceEqual("sku"u8) => Field.Sku,
        4 when name.SequenceEqual("type"u8) => Field.Type,
        5 when name.SequenceEqual("units"u8) => Field.Units,
        6 when name.SequenceEqual("source"u8) => Field.Source,
        8 when name.SequenceEqual("event_id"u8) => Field.EventId,
        8 when name.SequenceEqual("category"u8) => Field.Category,
        9 when name.SequenceEqual("warehouse"u8) => Field.Warehouse,
        12 when name.SequenceEqual("watermark_ms"u8) => Field.WatermarkMs,
        11 when name.SequenceEqual("source_line"u8) => Field.SourceLine,
        13 when name.SequenceEqual("revenue_cents"u8) => Field.RevenueCents,
        13 when name.SequenceEqual("source_offset"u8) => Field.SourceOffset,
        16 when name.SequenceEqual("source_partition"u8) => Field.SourcePartition,
        _ => Field.Unknown,
    };
}
