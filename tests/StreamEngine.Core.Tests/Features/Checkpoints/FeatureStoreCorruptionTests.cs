using StreamEngine.Core.Checkpoints;

namespace StreamEngine.Core.Tests.Features.Checkpoints;

public sealed class FeatureStoreCorruptionTests
{
    public static TheoryData<string> Stores => ["profiles", "funnel", "intent", "anomalies", "sessions"];

    [Theory]
    [MemberData(nameof(Stores))]
    public void IntactCheckpoint_Restores_AndSavesTheSameSizeAgain(string store)
    {
        var (bytes, newStore) = FeatureStoreCheckpoints.Of(store);
        var restored = newStore();

        StateSnapshot.Restore(restored, bytes);

        Assert.Equal(bytes.Length, StateSnapshot.Capture(restored).Length);
    }

    // A partition without a click yet still checkpoints its (empty) stores, and must restore them.
    [Theory]
    [MemberData(nameof(Stores))]
    public void EmptyStore_RestoresFromItsOwnCheckpoint(string store)
    {
        var (_, newStore) = FeatureStoreCheckpoints.Of(store);
        var bytes = StateSnapshot.Capture(newStore());

        StateSnapshot.Restore(newStore(), bytes);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public void TruncatedCheckpoint_Throws(string store)
    {
        var (bytes, newStore) = FeatureStoreCheckpoints.Of(store);
        var cuts = Enumerable.Range(0, 64)
            .Concat(Enumerable.Range(0, 300).Select(i => (int)((long)i * bytes.Length / 300)))
            .Concat(Enumerable.Range(1, 16).Select(i => bytes.Length - i))
            .Where(n => n >= 0 && n < bytes.Length)
            .Distinct();

        foreach (var length in cuts)
        {
            Assert.Throws<InvalidDataException>(() => StateSnapshot.Restore(newStore(), bytes.AsSpan(0, length)));
        }
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public void CheckpointOfAnotherFormatVersion_Throws(string store)
    {
        var (bytes, newStore) = FeatureStoreCheckpoints.Of(store);
        bytes[0]++;

        var error = Assert.Throws<InvalidDataException>(() => StateSnapshot.Restore(newStore(), bytes));
        Assert.Contains("format version", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public void CheckpointWithBytesLeftOver_Throws(string store)
    {
        var (bytes, newStore) = FeatureStoreCheckpoints.Of(store);

        Assert.Throws<InvalidDataException>(() => StateSnapshot.Restore(newStore(), [.. bytes, 0]));
    }

    [Theory]
    [InlineData("profiles", 17)]
    [InlineData("funnel", 17)]
    [InlineData("intent", 17)]
    [InlineData("anomalies", 1)]
    [InlineData("sessions", 17)]
    public void CountLargerThanTheCheckpoint_Throws(string store, int countAt)
    {
        // Version byte, then the reorder buffer's watermark and arrival counter (16 bytes) and its event count; the
        // detector starts with its key count; the sessions store with its two watermarks.
        var (bytes, newStore) = FeatureStoreCheckpoints.Of(store);
        byte[] intMax = [0xFF, 0xFF, 0xFF, 0xFF, 0x07];
        intMax.CopyTo(bytes, countAt);

        var error = Assert.Throws<InvalidDataException>(() => StateSnapshot.Restore(newStore(), bytes));
        Assert.Contains("does not fit", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public void GarbledCheckpoint_FailsOnlyWithInvalidDataException(string store)
    {
        // A garbled time or amount is still a readable state; a garbled count, length, enum or flag must not escape as
        // anything but InvalidDataException (the engine then rebuilds the state by a replay).
        var (bytes, newStore) = FeatureStoreCheckpoints.Of(store);
        var random = new Random(17);
        var rejected = 0;
        for (var trial = 0; trial < 400; trial++)
        {
            var garbled = (byte[])bytes.Clone();
            var at = random.Next(1, garbled.Length);
            garbled[at] = (byte)(garbled[at] ^ (1 + random.Next(255)));
            try
            {
                StateSnapshot.Restore(newStore(), garbled);
            }
            catch (InvalidDataException)
            {
                rejected++;
            }
        }

        Assert.True(rejected > 0, "no garbled checkpoint was rejected");
    }
}
