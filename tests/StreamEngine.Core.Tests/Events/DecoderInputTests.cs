using StreamEngine.Core.Events;
using static StreamEngine.Core.Tests.Events.EventSamples;

namespace StreamEngine.Core.Tests.Events;

/// <summary>Raw-input and timestamp handling shared by the three decoders, checked on each of them.</summary>
public sealed class DecoderInputTests
{
    private const long Day = 86_400_000;

    public static TheoryData<string> EveryTopic() => [.. EventSamples.Topics];

    private static string Sample(string topic) => topic switch
    {
        "clickstream" => Click["purchase"],
        "transactions" => Payment["authorized"],
        _ => InventoryRecords["receipt"],
    };

    private static long DecodedTime(string topic, byte[] json, long referenceMs = KafkaMs)
    {
        switch (topic)
        {
            case "clickstream":
                Assert.True(ClickDecoder().TryDecode(json, referenceMs, out var c).IsOk);
                return c.TimeMs;
            case "transactions":
                Assert.True(PaymentDecoder().TryDecode(json, referenceMs, out var p).IsOk);
                return p.TimeMs;
            default:
                Assert.True(InventoryDecoder().TryDecode(json, referenceMs, out var i).IsOk);
                return i.TimeMs;
        }
    }

    [Theory]
    [MemberData(nameof(EveryTopic))]
    public void Sample_Decodes(string topic) => Assert.Equal(DecodeResult.Ok, Decode(topic, Utf8(Sample(topic))));

    [Theory]
    [InlineData("1795335330250")]
    [InlineData("\"2026-11-22T08:15:30.250Z\"")]
    [InlineData("\"2026-11-22T09:15:30.250+01:00\"")]
    [InlineData("\"2026-11-22T03:45:30.250-04:30\"")]
    [InlineData("\"2026-11-22T08:15:30.2500000Z\"")]
    [InlineData("\"2026-11-22T08:15:30.250\\u005A\"")]
    public void EpochAndIsoTimes_GiveTheSameMilliseconds(string ts)
    {
        foreach (var topic in EventSamples.Topics)
        {
            Assert.Equal(TsMs, DecodedTime(topic, With(Sample(topic), "ts", ts)));
        }
    }

    /// <summary>Every event type of every topic with each unparseable or skewed "ts".</summary>
    public static TheoryData<string, string, string> BadTimestamps()
    {
        string[] values =
        [
            "\"yesterday\"", "\"2026-11-22T08:15:30\"", "\"2026-11-22 08:15:30Z\"", "\"2026-13-01T00:00:00Z\"",
            "\"2026-11-22T08:15:30+0100\"", "\"\"", "1795335330250.5", "-5", "1e30",
            "1795335330", // epoch seconds: 1970, far outside the skew
            "1795940131251", // 7 days + 1 ms after the Kafka timestamp
            "1794730531249", // 7 days + 1 ms before
        ];
        var data = new TheoryData<string, string, string>();
        foreach (var topic in EventSamples.Topics)
        {
            foreach (var type in OfTopic(topic).Keys)
            {
                foreach (var value in values)
                {
                    data.Add(topic, type, value);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadTimestamps))]
    public void UnparseableOrSkewedTs_IsBadTimestamp_ForEveryType(string topic, string type, string ts) =>
        Assert.Equal(DecodeResult.Fail(DecodeStatus.BadTimestamp, "ts"), Decode(topic, With(OfTopic(topic)[type], "ts", ts)));

    [Fact]
    public void TsExactlyAtMaxClockSkew_IsAccepted_AndTheSkewIsConfigurable()
    {
        Assert.True(Decode("clickstream", With(Sample("clickstream"), "ts", (KafkaMs + (7 * Day)).ToString())).IsOk);
        Assert.True(Decode("clickstream", With(Sample("clickstream"), "ts", (KafkaMs - (7 * Day)).ToString())).IsOk);
        var strict = new DecoderOptions { MaxClockSkew = TimeSpan.FromMinutes(1) };
        Assert.Equal(DecodeStatus.BadTimestamp, Decode("clickstream", Utf8(Sample("clickstream")), TsMs + 60_001, strict).Status);
        Assert.True(Decode("clickstream", Utf8(Sample("clickstream")), TsMs + 60_000, strict).IsOk);
    }

    [Fact]
    public void ReferenceTimeNotAvailable_SkipsTheSkewCheck()
    {
        Assert.Equal(TsMs, DecodedTime("clickstream", Utf8(Sample("clickstream")), referenceMs: 0));
        Assert.Equal(TsMs, DecodedTime("inventory", Utf8(Sample("inventory")), referenceMs: -1));
    }

    [Theory]
    [MemberData(nameof(EveryTopic))]
    public void InvalidUtf8_IsInvalidUtf8(string topic)
    {
        var bytes = Utf8(Sample(topic)).ToList();
        var at = bytes.IndexOf((byte)'u'); // inside a value or name
        bytes.InsertRange(at, [0xC3, 0x28]); // 0xC3 must be followed by a continuation byte
        Assert.Equal(DecodeResult.Fail(DecodeStatus.InvalidUtf8), Decode(topic, bytes.ToArray()));
        Assert.Equal(DecodeResult.Fail(DecodeStatus.InvalidUtf8), Decode(topic, [.. Utf8(Sample(topic)), 0xFF]));
    }

    [Theory]
    [MemberData(nameof(EveryTopic))]
    public void MalformedJson_IsMalformedJson(string topic)
    {
        var sample = Sample(topic);
        string[] malformed =
        [
            "", "   ", "null", "42", "\"text\"", "[]", "[" + sample + "]", sample[..(sample.Length / 2)],
            sample + " x", sample + sample, sample.Replace("}", ",}"), "/* c */" + sample, sample.Replace(":", "=", StringComparison.Ordinal),
            "{\"event_id\":\"e\\x\"}", "{\"event_id\":\"\\uD800\"}", "{\"a\":" + new string('[', 100) + new string(']', 100) + "}",
            "{'event_id':'e-1'}",
        ];
        foreach (var json in malformed)
        {
            Assert.True(Decode(topic, Utf8(json)) == DecodeResult.Fail(DecodeStatus.MalformedJson), json);
        }
    }

    [Theory]
    [MemberData(nameof(EveryTopic))]
    public void Oversized_IsOversized_AndTheLimitIsInclusive(string topic)
    {
        var json = Utf8(Sample(topic));
        Assert.Equal(DecodeResult.Fail(DecodeStatus.Oversized), Decode(topic, json, options: new DecoderOptions { MaxMessageBytes = json.Length - 1 }));
        Assert.True(Decode(topic, json, options: new DecoderOptions { MaxMessageBytes = json.Length }).IsOk);
    }

    [Theory]
    [MemberData(nameof(EveryTopic))]
    public void UnknownType_IsUnknownEventTypeNamingType(string topic) =>
        Assert.Equal(DecodeResult.Fail(DecodeStatus.UnknownEventType, "type"), Decode(topic, With(Sample(topic), "type", "\"PAYMENT\"")));

    [Theory]
    [MemberData(nameof(EveryTopic))]
    public void EveryTruncation_FailsWithoutThrowing(string topic)
    {
        // Brute force over every prefix: the decoder must answer with a status, never an exception.
        var json = Utf8(Sample(topic));
        for (var length = 0; length < json.Length; length++)
        {
            Assert.False(Decode(topic, json.AsSpan(0, length)).IsOk);
        }
    }

    [Theory]
    [MemberData(nameof(EveryTopic))]
    public void RandomByteFlips_NeverThrow(string topic)
    {
        var random = new Random(7);
        var json = Utf8(Sample(topic));
        for (var i = 0; i < 2000; i++)
        {
            var mutated = (byte[])json.Clone();
            mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            _ = Decode(topic, mutated); // a throw fails the test
        }
    }

    [Fact]
    public void EscapedTimestamp_LongerThanAnyIsoString_IsBadTimestamp()
    {
        var ts = "\"" + string.Concat(Enumerable.Repeat("\\u0030", 20)) + "Z\"";
        Assert.Equal(DecodeResult.Fail(DecodeStatus.BadTimestamp, "ts"), Decode("clickstream", With(Sample("clickstream"), "ts", ts)));
    }
}
