using System.Text;
using System.Text.Json;
using StreamEngine.Core.Time;

namespace StreamEngine.Core.Tests.Events;

public sealed class EventTimeParserTests
{
    private static (bool Ok, long Ms) Parse(string jsonValue)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(jsonValue));
        reader.Read();
        var ok = EventTimeParser.TryParse(ref reader, out var ms);
        return (ok, ms);
    }

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("1795335330250", 1_795_335_330_250L)]
    [InlineData("\"1970-01-01T00:00:00Z\"", 0L)]
    [InlineData("\"2026-11-22T08:15:30.250Z\"", 1_795_335_330_250L)]
    [InlineData("\"2026-11-22T08:15:30.2509Z\"", 1_795_335_330_250L)]
    [InlineData("\"2026-11-22T10:15:30.250+02:00\"", 1_795_335_330_250L)]
    [InlineData("\"9999-12-31T23:59:59.999Z\"", EventTimeParser.MaxTimeMs)]
    [InlineData("253402300799999", EventTimeParser.MaxTimeMs)]
    public void ValidTimes_ParseToEpochMilliseconds(string json, long expected) =>
        Assert.Equal((true, expected), Parse(json));

    [Theory]
    [InlineData("-1")]
    [InlineData("253402300800000")]
    [InlineData("1.5")]
    [InlineData("\"2026-11-22T08:15:30\"")]
    [InlineData("\"2026-11-22\"")]
    [InlineData("\"1969-12-31T23:59:59Z\"")]
    [InlineData("\"22/11/2026 08:15Z\"")]
    [InlineData("true")]
    [InlineData("null")]
    public void InvalidTimes_AreRejected(string json) => Assert.False(Parse(json).Ok);

    [Fact]
    public void EveryMillisecondOfADay_RoundTripsThroughIso()
    {
        // Brute-force reference: DateTimeOffset's own round-trip format over a day sampled every 997 ms.
        for (long ms = 1_795_300_000_000; ms < 1_795_300_000_000 + 86_400_000; ms += 997)
        {
            var iso = DateTimeOffset.FromUnixTimeMilliseconds(ms).ToOffset(TimeSpan.FromHours(-3)).ToString("yyyy-MM-ddTHH:mm:ss.fffzzz");
            Assert.Equal((true, ms), Parse($"\"{iso}\""));
        }
    }
}
