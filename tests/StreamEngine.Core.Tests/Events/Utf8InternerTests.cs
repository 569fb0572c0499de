using System.Text;
using StreamEngine.Core.Events;

namespace StreamEngine.Core.Tests.Events;

public sealed class Utf8InternerTests
{
    [Fact]
    public void SameBytes_GiveTheSameInstance()
    {
        var interner = new Utf8Interner();
        var a = interner.Intern("SKU-RUN-42"u8);
        var b = interner.Intern(Encoding.UTF8.GetBytes("SKU-RUN-42"));
        Assert.Equal("SKU-RUN-42", a);
        Assert.Same(a, b);
        Assert.Equal(1, interner.Count);
    }

    [Theory]
    [InlineData("Größe")]
    [InlineData("倉庫-東京")]
    [InlineData("🚚 carrier")]
    public void NonAscii_RoundTrips(string value)
    {
        var interner = new Utf8Interner();
        Assert.Equal(value, interner.Intern(Encoding.UTF8.GetBytes(value)));
        Assert.Same(interner.Intern(Encoding.UTF8.GetBytes(value)), interner.Intern(Encoding.UTF8.GetBytes(value)));
    }

    [Fact]
    public void BeyondCapacity_ReturnsEqualStringsWithoutCaching()
    {
        var interner = new Utf8Interner(capacity: 3);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal($"v{i}", interner.Intern(Encoding.UTF8.GetBytes($"v{i}")));
        }

        Assert.Equal(3, interner.Count);
        Assert.Same(interner.Intern("v0"u8), interner.Intern("v0"u8));
        Assert.NotSame(interner.Intern("v9"u8), interner.Intern("v9"u8));
    }

    [Fact]
    public void ValuesLongerThanMaxValueBytes_AreNotCached()
    {
        var interner = new Utf8Interner();
        var longValue = Encoding.UTF8.GetBytes(new string('x', Utf8Interner.MaxValueBytes + 1));
        Assert.Equal(new string('x', Utf8Interner.MaxValueBytes + 1), interner.Intern(longValue));
        Assert.Equal(0, interner.Count);
        var atLimit = Encoding.UTF8.GetBytes(new string('y', Utf8Interner.MaxValueBytes));
        Assert.Same(interner.Intern(atLimit), interner.Intern(atLimit));
    }

    [Fact]
    public void ManyValues_MatchADictionaryReference_AcrossTableGrowth()
    {
        var interner = new Utf8Interner(capacity: 5000);
        var reference = new Dictionary<string, string>();
        var random = new Random(3);
        for (var i = 0; i < 50_000; i++)
        {
            var text = $"v-{random.Next(6000)}";
            var value = interner.Intern(Encoding.UTF8.GetBytes(text));
            Assert.Equal(text, value);
            if (reference.TryGetValue(text, out var cached))
            {
                Assert.Same(cached, value);
            }
            else if (reference.Count < 5000)
            {
                reference[text] = value;
            }
        }

        Assert.Equal(reference.Count, interner.Count);
    }

    [Fact]
    public void Empty_IsStringEmpty()
    {
        Assert.Same(string.Empty, new Utf8Interner().Intern([]));
    }

    [Fact]
    public void CacheHit_AllocatesNothing()
    {
        var interner = new Utf8Interner();
        interner.Intern("BER-1"u8);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            interner.Intern("BER-1"u8);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
