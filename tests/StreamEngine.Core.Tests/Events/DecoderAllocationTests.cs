using StreamEngine.Core.Events;
using static StreamEngine.Core.Tests.Events.EventSamples;

namespace StreamEngine.Core.Tests.Events;

/// <summary>Steady-state decoding of clickstream and inventory records allocates nothing (strings are interned).</summary>
public sealed class DecoderAllocationTests
{
    private const int Iterations = 2000;

    [Fact]
    public void ClickDecoding_AfterWarmUp_AllocatesNothing()
    {
        var decoder = ClickDecoder();
        var records = Click.Values.Select(Utf8).Append(Utf8(Click["purchase"].Replace("\"SKU-RUN-42\"", "\"SKU-\\u0052UN-42\""))).ToArray();
        long Run()
        {
            long checksum = 0;
            for (var i = 0; i < Iterations; i++)
            {
                foreach (var record in records)
                {
                    Assert.True(decoder.TryDecode(record, KafkaMs, out var evt).IsOk);
                    checksum += evt.PriceCents;
                }
            }

            return checksum;
        }

        Run();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var checksum = Run();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.True(checksum > 0);
    }

    [Fact]
    public void InventoryDecoding_AfterWarmUp_AllocatesNothing()
    {
        var decoder = InventoryDecoder();
        var records = EventSamples.Inventory.Values.Select(Utf8).ToArray();
        long Run()
        {
            long checksum = 0;
            for (var i = 0; i < Iterations; i++)
            {
                foreach (var record in records)
                {
                    Assert.True(decoder.TryDecode(record, KafkaMs, out var evt).IsOk);
                    checksum += evt.Quantity;
                }
            }

            return checksum;
        }

        Run();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var checksum = Run();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.NotEqual(0, checksum);
    }

    [Fact]
    public void RejectedRecords_AllocateNothing()
    {
        var decoder = ClickDecoder();
        byte[][] records =
        [
            With(Click["purchase"], "price", "-1"), Without(Click["purchase"], "sku"), With(Click["purchase"], "type", "\"x\""),
            With(Click["purchase"], "ts", "\"soon\""), Utf8("{\"a\":"), [0xC3, 0x28],
        ];
        void Run()
        {
            for (var i = 0; i < Iterations; i++)
            {
                foreach (var record in records)
                {
                    Assert.False(decoder.TryDecode(record, KafkaMs, out _).IsOk);
                }
            }
        }

        Run();
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run();
        // Utf8JsonReader reports syntax errors by throwing, so the one malformed record allocates its exception.
        var perMalformed = (GC.GetAllocatedBytesForCurrentThread() - before) / Iterations;
        Assert.True(perMalformed < 4096, $"{perMalformed} B per iteration");
    }

    [Fact]
    public void PaymentDecoding_AllocatesOnlyTxnIdAndItems()
    {
        var decoder = PaymentDecoder();
        var record = Utf8(Payment["authorized"]);
        decoder.TryDecode(record, KafkaMs, out _);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Iterations; i++)
        {
            decoder.TryDecode(record, KafkaMs, out _);
        }

        // "txn-8841" (8 chars: 40 B) + PaymentItem[2] (2 x 24 B + 24 B header: 72 B) = 112 B on x64.
        var perEvent = (GC.GetAllocatedBytesForCurrentThread() - before) / Iterations;
        Assert.InRange(perEvent, 1, 160);
    }
}
