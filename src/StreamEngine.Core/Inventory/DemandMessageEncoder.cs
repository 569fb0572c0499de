using System.Buffers;
using System.Text.Json;

namespace StreamEngine.Core.Inventory;

/// <summary>
/// Writes demand records for the internal demand topic as compact JSON:
/// <c>{"event_id":"demand-&lt;16 hex&gt;","type":"demand","ts":ms,"sku":..,"warehouse":..,"units":n,"revenue_cents":n,"category":..}</c>.
/// The event id is derived from the source purchase's event id, so a replayed purchase produces the same id and the
/// consumer's duplicate filter drops it. Reuses one buffer: not thread-safe (one per consume thread).
/// </summary>
public sealed class DemandMessageEncoder : IDisposable
{
    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private readonly Utf8JsonWriter _json;
    private readonly byte[] _eventId = "demand-0000000000000000"u8.ToArray();

    public DemandMessageEncoder() => _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });

    /// <summary>The JSON bytes of one demand record (a new array: Kafka keeps it until delivery).</summary>
    public byte[] Encode(ulong sourceEventId, long timeMs, in DemandEvent demand)
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        sourceEventId.TryFormat(_eventId.AsSpan(7), out _, "x16", System.Globalization.CultureInfo.InvariantCulture);
        _json.WriteStartObject();
        _json.WriteString("event_id"u8, _eventId);
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

        _json.WriteEndObject();
        _json.Flush();
        return _buffer.WrittenSpan.ToArray();
    }

    public void Dispose() => _json.Dispose();
}
