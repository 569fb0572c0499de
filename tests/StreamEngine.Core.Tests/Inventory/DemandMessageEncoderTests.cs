using System.Text;
using StreamEngine.Core.Events;
using StreamEngine.Core.Inventory;
using static StreamEngine.Core.Tests.Events.EventSamples;

namespace StreamEngine.Core.Tests.Inventory;

public sealed class DemandMessageEncoderTests
{
    private readonly DemandEventDecoder _decoder = new(Pseudonymizer, new Utf8Interner(), new DecoderOptions());

    public static TheoryData<ulong, long, DemandEvent> Messages() => new()
    {
        { 0UL, TsMs, new DemandEvent("SKU-00001", "WH-1", 1, 5999, "shoes") },
        { ulong.MaxValue, TsMs + 1, new DemandEvent("SKU-\"quoted\"-é", "WH-\\2", 10_000, 1_000_000_000, "") },
        { 0x1234_5678_9abc_def0UL, 1, new DemandEvent("S", "W", -3, -17997, "cat/ü") },
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void Encode_ThenDecode_ReturnsTheSameDemandTimeAndDerivedId(ulong sourceEventId, long timeMs, DemandEvent demand)
    {
        using var encoder = new DemandMessageEncoder();

        var bytes = encoder.Encode(sourceEventId, timeMs, demand, sourcePartition: 5, sourceOffset: long.MaxValue);
        var result = _decoder.TryDecode(bytes, timeMs, out var decoded);

        Assert.Equal(DecodeResult.Ok, result);
        var source = new DemandSource(DemandSourceKind.Purchase, 5, long.MaxValue, 0);
        Assert.Equal(new DemandMessage(H($"demand-{sourceEventId:x16}"), timeMs, demand) { Source = source }, decoded);
    }

    [Fact]
    public void Encode_IsCompactJsonWithTheDocumentedFields()
    {
        using var encoder = new DemandMessageEncoder();

        var json = Encoding.UTF8.GetString(encoder.Encode(255, 1_795_335_330_250, new DemandEvent("SKU-00007", "WH-2", 3, 17997, "shoes"), 2, 1234));

        Assert.Equal(
            """{"event_id":"demand-00000000000000ff","type":"demand","ts":1795335330250,"sku":"SKU-00007","warehouse":"WH-2","units":3,"revenue_cents":17997,"category":"shoes","source":"purchase","source_partition":2,"source_offset":1234}""",
            json);
    }

    [Fact]
    public void RefundLines_GetStableIdsOfTheirOwn_AndDecodeBack()
    {
        using var encoder = new DemandMessageEncoder();
        var demand = new DemandEvent("SKU-00001", "WH-3", -2, -200, "");

        var line0 = encoder.EncodeRefundLine(255, 0, TsMs, demand, 1, 77);
        var line12 = encoder.EncodeRefundLine(255, 12, TsMs, demand, 1, 77);
        var purchase = encoder.Encode(255, TsMs, demand with { Units = 2, RevenueCents = 200 }, 1, 70);

        Assert.StartsWith("""{"event_id":"refund-00000000000000ff-0","type":"demand",""", Encoding.UTF8.GetString(line0), StringComparison.Ordinal);
        Assert.EndsWith(""","source":"refund","source_partition":1,"source_offset":77,"source_line":0}""", Encoding.UTF8.GetString(line0), StringComparison.Ordinal);
        Assert.Equal(line0, encoder.EncodeRefundLine(255, 0, TsMs, demand, 1, 77));
        Assert.True(_decoder.TryDecode(line12, TsMs, out var decoded).IsOk);
        var source = new DemandSource(DemandSourceKind.Refund, 1, 77, 12);
        Assert.Equal(new DemandMessage(H("refund-00000000000000ff-12"), TsMs, demand) { Source = source }, decoded);
        Assert.True(_decoder.TryDecode(purchase, TsMs, out var bought).IsOk);
        Assert.Equal(H("demand-00000000000000ff"), bought.EventId);
    }

    [Fact]
    public void Watermark_IsCompactJsonWithoutWallClock_AndDecodesBack()
    {
        using var encoder = new DemandMessageEncoder();

        var bytes = encoder.EncodeWatermark(3, 1_795_335_330_250);

        Assert.Equal("""{"type":"watermark","source_partition":3,"watermark_ms":1795335330250}""", Encoding.UTF8.GetString(bytes));
        Assert.True(_decoder.TryDecode(bytes, 0, out var decoded).IsOk);
        Assert.Equal(DemandMessage.Watermark(3, 1_795_335_330_250), decoded);
        Assert.Throws<ArgumentOutOfRangeException>(() => encoder.EncodeWatermark(-1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => encoder.EncodeWatermark(0, long.MaxValue));
    }

    [Fact]
    public void SamePurchaseEncodedTwice_GivesIdenticalBytes_SoReplaysAreDuplicates()
    {
        using var encoder = new DemandMessageEncoder();
        var demand = new DemandEvent("SKU-00001", "WH-3", 2, 100, "toys");

        var first = encoder.Encode(42, TsMs, demand, 0, 9);
        var second = encoder.Encode(42, TsMs, demand, 0, 9);
        var other = encoder.Encode(43, TsMs, demand, 0, 10);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Theory]
    [InlineData(""","source":"refund","source_partition":1""", "source_offset")]
    [InlineData(""","source":"purchase","source_offset":5""", "source_partition")]
    public void DemandWithAnIncompleteSource_DecodesWithoutOne_SoItIsNeverTakenForARedelivery(string sourceFields, string missing)
    {
        var json = $$"""{"event_id":"demand-01","type":"demand","ts":{{TsMs}},"sku":"S","warehouse":"W","units":1,"revenue_cents":1{{sourceFields}}}""";

        Assert.True(_decoder.TryDecode(Encoding.UTF8.GetBytes(json), TsMs, out var decoded).IsOk);
        Assert.Equal(default, decoded.Source);
        Assert.DoesNotContain($"\"{missing}\"", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"source\":\"return\"", "source")]
    [InlineData("\"source_offset\":-1", "source_offset")]
    [InlineData("\"source_line\":\"2\"", "source_line")]
    public void DemandWithAnInvalidSourceField_IsRejectedNamingIt(string field, string name)
    {
        var json = $$"""{"event_id":"demand-01","type":"demand","ts":{{TsMs}},"sku":"S","warehouse":"W","units":1,"revenue_cents":1,{{field}}}""";

        var result = _decoder.TryDecode(Encoding.UTF8.GetBytes(json), TsMs, out _);

        Assert.False(result.IsOk);
        Assert.Equal(name, result.Field);
    }
}
