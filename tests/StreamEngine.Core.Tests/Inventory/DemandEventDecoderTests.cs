using System.Text;
using StreamEngine.Core.Events;
using StreamEngine.Core.Inventory;
using static StreamEngine.Core.Tests.Events.EventSamples;

namespace StreamEngine.Core.Tests.Inventory;

public sealed class DemandEventDecoderTests
{
    private const string Valid =
        """{"event_id":"demand-00000000000000ff","type":"demand","ts":1795335330250,"sku":"SKU-00007","warehouse":"WH-2","units":3,"revenue_cents":17997,"category":"shoes"}""";

    private const string Watermark = """{"type":"watermark","source_partition":2,"watermark_ms":1795335330250}""";

    private readonly DemandEventDecoder _decoder = new(Pseudonymizer, new Utf8Interner(), new DecoderOptions());

    [Fact]
    public void ValidRecord_DecodesEveryField()
    {
        var result = _decoder.TryDecode(Utf8(Valid), KafkaMs, out var message);

        Assert.Equal(DecodeResult.Ok, result);
        Assert.Equal(new DemandMessage(H("demand-00000000000000ff"), TsMs, new DemandEvent("SKU-00007", "WH-2", 3, 17997, "shoes")), message);
    }

    [Fact]
    public void CategoryAndRevenue_AreOptional()
    {
        var result = _decoder.TryDecode(Without(Encoding.UTF8.GetString(Without(Valid, "category")), "revenue_cents"), KafkaMs, out var message);

        Assert.Equal(DecodeResult.Ok, result);
        Assert.Equal(new DemandEvent("SKU-00007", "WH-2", 3, 0, ""), message.Demand);
    }

    [Theory]
    [InlineData("event_id")]
    [InlineData("type")]
    [InlineData("ts")]
    [InlineData("sku")]
    [InlineData("warehouse")]
    [InlineData("units")]
    public void MissingRequiredField_IsReportedByName(string field)
    {
        var result = _decoder.TryDecode(Without(Valid, field), KafkaMs, out var message);

        Assert.Equal(DecodeResult.Fail(DecodeStatus.MissingField, field), result);
        Assert.Equal(default, message);
    }

    [Theory]
    [InlineData("units", "0", DecodeStatus.InvalidValue)]
    [InlineData("units", "10001", DecodeStatus.InvalidValue)]
    [InlineData("units", "1.5", DecodeStatus.InvalidValue)]
    [InlineData("units", "\"3\"", DecodeStatus.WrongType)]
    [InlineData("revenue_cents", "1e300", DecodeStatus.InvalidValue)]
    [InlineData("revenue_cents", "\"1\"", DecodeStatus.WrongType)]
    [InlineData("sku", "\"\"", DecodeStatus.InvalidValue)]
    [InlineData("warehouse", "7", DecodeStatus.WrongType)]
    [InlineData("type", "\"purchase\"", DecodeStatus.UnknownEventType)]
    [InlineData("ts", "\"yesterday\"", DecodeStatus.BadTimestamp)]
    [InlineData("ts", "1","BadTimestamp")]
    public void InvalidValue_IsRejectedWithReasonAndField(string field, string value, object expected)
    {
        var status = expected is DecodeStatus s ? s : Enum.Parse<DecodeStatus>((string)expected);

        var result = _decoder.TryDecode(With(Valid, field, value), KafkaMs, out _);

        Assert.Equal(DecodeResult.Fail(status, field), result);
    }

    [Fact]
    public void NegativeUnits_AreRefundsAndAccepted()
    {
        var result = _decoder.TryDecode(With(With(Valid, "units", "-2"), "revenue_cents", "-11998"), KafkaMs, out var message);

        Assert.Equal(DecodeResult.Ok, result);
        Assert.Equal((-2, -11998L), (message.Demand.Units, message.Demand.RevenueCents));
    }

    [Fact]
    public void WatermarkRecord_DecodesAsTheWatermarkOfItsSourcePartition_WithoutDemandFields()
    {
        // The Kafka timestamp plays no part: a watermark record has no event time of its own to check.
        var result = _decoder.TryDecode(Utf8(Watermark), KafkaMs + (30L * 86_400_000), out var message);

        Assert.Equal(DecodeResult.Ok, result);
        Assert.Equal(DemandMessage.Watermark(2, TsMs), message);
        Assert.True(message.IsWatermark);
        Assert.Equal(default, message.Demand);
    }

    [Theory]
    [InlineData("source_partition")]
    [InlineData("watermark_ms")]
    public void WatermarkRecord_MissingField_IsReportedByName(string field)
    {
        Assert.Equal(DecodeResult.Fail(DecodeStatus.MissingField, field), _decoder.TryDecode(Without(Watermark, field), KafkaMs, out _));
    }

    [Theory]
    [InlineData("source_partition", "-1", DecodeStatus.InvalidValue)]
    [InlineData("source_partition", "2147483648", DecodeStatus.InvalidValue)]
    [InlineData("source_partition", "\"2\"", DecodeStatus.WrongType)]
    [InlineData("watermark_ms", "1.5", DecodeStatus.InvalidValue)]
    [InlineData("watermark_ms", "253402300800000", DecodeStatus.InvalidValue)]
    [InlineData("watermark_ms", "\"1795335330250\"", DecodeStatus.WrongType)]
    public void WatermarkRecord_InvalidValue_IsRejectedWithReasonAndField(string field, string value, DecodeStatus expected)
    {
        Assert.Equal(DecodeResult.Fail(expected, field), _decoder.TryDecode(With(Watermark, field, value), KafkaMs, out _));
    }

    [Theory]
    [InlineData("{\"event_id\":")]
    [InlineData("[1,2]")]
    [InlineData("{} {}")]
    public void MalformedJson_IsRejected(string json)
    {
        Assert.Equal(DecodeStatus.MalformedJson, _decoder.TryDecode(Utf8(json), KafkaMs, out _).Status);
    }

    [Fact]
    public void InvalidUtf8_IsRejected()
    {
        var bytes = Utf8(Valid);
        bytes[bytes.Length - 5] = 0xFF;

        Assert.Equal(DecodeStatus.InvalidUtf8, _decoder.TryDecode(bytes, KafkaMs, out _).Status);
    }

    [Fact]
    public void Decoding_AfterWarmUp_AllocatesNothing()
    {
        var records = new[] { Utf8(Valid), With(With(Valid, "sku", "\"SKU-\\u0041\""), "units", "-1"), Utf8(Watermark) };
        long Run()
        {
            long checksum = 0;
            for (var i = 0; i < 2000; i++)
            {
                foreach (var record in records)
                {
                    Assert.True(_decoder.TryDecode(record, KafkaMs, out var message).IsOk);
                    checksum += message.Demand.Units;
                }
            }

            return checksum;
        }

        Run();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var checksum = Run();

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(4000, checksum);
    }

    [Fact]
    public void UnknownFields_AreIgnored()
    {
        var result = _decoder.TryDecode(With(Valid, "extra", "{\"a\":[1,2]}"), KafkaMs, out var message);

        Assert.Equal(DecodeResult.Ok, result);
        Assert.Equal("SKU-00007", message.Demand.Sku);
    }
}
