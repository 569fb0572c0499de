using System.Buffers;
using System.Text.Json;

namespace StreamEngine.Core.Inventory;

/// <summary>
/// The JSON message of a replenishment signal on the output topic (Kafka key <c>sku|warehouse</c>, timestamp = the
/// signal's event time); <c>time_ms</c> with sku and warehouse identifies the signal, so consumers can drop replays.
/// </summary>
public static class ReplenishmentSignalJson
{
    /// <summary>The Kafka key: <c>sku|warehouse</c>, so all signals of a SKU in a warehouse stay in order on one partition.</summary>
    public static byte[] Key(in ReplenishmentSignal signal) => System.Text.Encoding.UTF8.GetBytes(signal.Sku + "|" + signal.Warehouse);

    /// <summary>Compact JSON of one signal (signals are rare: allocates freely).</summary>
    public static byte[] Encode(in ReplenishmentSignal signal)
    {
        var buffer = new ArrayBufferWriter<byte>(320);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type"u8, "replenishment"u8);
            json.WriteString("sku"u8, signal.Sku);
            json.WriteString("warehouse"u8, signal.Warehouse);
            json.WriteNumber("time_ms"u8, signal.TimeMs);
            json.WriteNumber("on_hand"u8, signal.OnHand);
            json.WriteNumber("on_order"u8, signal.OnOrder);
            json.WriteNumber("reorder_point"u8, signal.ReorderPoint);
            json.WriteNumber("safety_stock"u8, signal.SafetyStock);
            json.WriteNumber("demand_mean"u8, signal.DemandMean);
            json.WriteNumber("suggested_quantity"u8, signal.SuggestedQuantity);
            json.WriteString("abc_class"u8, signal.Class switch { AbcClass.A => "A"u8, AbcClass.B => "B"u8, _ => "C"u8 });
            json.WriteNumber("threshold_bucket_start_ms"u8, signal.ThresholdBucketStartMs);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
