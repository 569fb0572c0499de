using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace StreamEngine.Core.Inventory;

/// <summary>
/// Writes records of the internal demand topic as compact JSON. Demand:
/// <c>{"event_id":"demand-&lt;16 hex&gt;","type":"demand","ts":ms,"sku":..,"warehouse":..,"units":n,"revenue_cents":n,"category":..}</c>;
/// the event id is derived from the source event's id (a refund line's as <c>refund-&lt;16 hex&gt;-&lt;line&gt;</c>), so a
/// replayed purchase or refund produces the same id; <c>"source":"purchase"|"refund","source_partition":p,"source_offset":o</c>
/// (and <c>"source_line"</c> for refund lines) name the input record, so the consumer drops re-productions. Watermark:
/// <c>{"type":"watermark","source_partition":p,"watermark_ms":ms}</c>, deterministic (no wall clock in it). Reuses one
/// buffer: not thread-safe (one per consume thread).
/// </summary>
public sealed class DemandMessageEncoder : IDisposable
{
    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private readonly Utf8JsonWriter _json;
    private readonly byte[] _eventId = "demand-0000000000000000"u8.ToArray();
    private readonly byte[] _refundId = new byte["refund-0000000000000000-".Length + 11];

    public DemandMessageEncoder()
    {
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });
        "refund-"u8.CopyTo(_refundId);
    }

    /// <summary>The JSON bytes of a purchase's demand record (a new array: Kafka keeps it until delivery).</summary>
    public byte[] Encode(ulong sourceEventId, long timeMs, in DemandEvent demand, int sourcePartition, long sourceOffset)
    {
        sourceEventId.TryFormat(_eventId.AsSpan(7), out _, "x16", CultureInfo.InvariantCulture);
        return Write(_eventId, timeMs, demand, new DemandSource(DemandSourceKind.Purchase, sourcePartition, sourceOffset, 0));
    }

    /// <summary>The JSON bytes of the demand record of line <paramref name="line"/> (0-based) of a refund.</summary>
    public byte[] EncodeRefundLine(ulong refundEventId, int line, long timeMs, in DemandEvent demand, int sourcePartition, long sourceOffset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(line);
        refundEventId.TryFormat(_refundId.AsSpan(7), out _, "x16", CultureInfo.InvariantCulture);
        _refundId[23] = (byte)'-';
        line.TryFormat(_refundId.AsSpan(24), out var digits, default, CultureInfo.InvariantCulture);
        return Write(_refundId.AsSpan(0, 24 + digits), timeMs, demand, new DemandSource(DemandSourceKind.Refund, sourcePartition, sourceOffset, line));
    }

    /// <summary>The JSON bytes of a watermark record of the producing task of <paramref name="sourcePartition"/>.</summary>
    public byte[] EncodeWatermark(int sourcePartition, long watermarkMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sourcePartition);
        if (!IsWatermarkInRange(watermarkMs))
        {
            throw new ArgumentOutOfRangeException(nameof(watermarkMs), watermarkMs, "must be a time DateTimeOffset can represent");
        }

        Begin();
        _json.WriteString("type"u8, "watermark"u8);
        _json.WriteNumber("source_partition"u8, sourcePartition);
        _json.WriteNumber("watermark_ms"u8, watermarkMs);
        return End();
    }

    /// <summary>Whether a watermark is a representable time (years 1 to 9999), as written and accepted.</summary>
    public static bool IsWatermarkInRange(long ms) =>
        ms >= DateTimeOffset.MinValue.ToUnixTimeMilliseconds() && ms <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    public void Dispose() => _json.Dispose();

    private byte[] Write(ReadOnlySpan<byte> eventId, long timeMs, in DemandEvent demand, in DemandSource source)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(source.Partition);
        ArgumentOutOfRangeException.ThrowIfNegative(source.Offset);
        Begin();
        _json.WriteString("event_id"u8, eventId);
        _json.WriteString("type"u8, "demand"u8);
        _json.WriteNumber("ts"u8, timeMs);
        _json.WriteString("sku"u8, demand.Sku);
        _json.WriteString("warehouse"u8, demand.Warehouse);
        _json.WriteNumber("units"u8, demand.Units);
        _json.WriteNumber("revenue_cents"u8, demand.RevenueCents);
        if (!string.IsNullOrEmpty(demand.Category))
        {
            _json.WriteString("category"u8, demand.Category);
        }

        _json.WriteString("source"u8, source.Kind == DemandSourceKind.Refund ? "refund"u8 : "purchase"u8);
        _json.WriteNumber("source_partition"u8, source.Partition);
        _json.WriteNumber("source_offset"u8, source.Offset);
        if (source.Kind == DemandSourceKind.Refund)
        {
            _json.WriteNumber("source_line"u8, source.Line);
        }

        return End();
    }

    private void Begin()
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        _json.WriteStartObject();
    }

    private byte[] End()
    {
        _json.WriteEndObject();
        _json.Flush();
        return _buffer.WrittenSpan.ToArray();
    }
}
