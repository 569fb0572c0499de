using StreamEngine.Core.Checkpoints;

namespace StreamEngine.Core.Tests.Checkpoints;

/// <summary>A state's bytes: restored exactly, and any bytes that are not such a state fail as InvalidDataException.</summary>
public sealed class StateSnapshotTests
{
    [Fact]
    public void CaptureThenRestore_GivesAnEqualState()
    {
        var original = new NamedCounters { ["a"] = 3, ["ü-key"] = -7 };

        var copy = new NamedCounters();
        StateSnapshot.Restore(copy, StateSnapshot.Capture(original));

        Assert.Equal(original.OrderBy(p => p.Key), copy.OrderBy(p => p.Key));
    }

    [Fact]
    public void BytesLeftOver_AreRefused()
    {
        var bytes = StateSnapshot.Capture(new NamedCounters { ["a"] = 1 }).Append((byte)0).ToArray();

        var error = Assert.Throws<InvalidDataException>(() => StateSnapshot.Restore(new NamedCounters(), bytes));

        Assert.Contains("1 unread bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryTruncation_IsRefused()
    {
        var bytes = StateSnapshot.Capture(new NamedCounters { ["first"] = 1, ["second"] = 2 });
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.Throws<InvalidDataException>(() => StateSnapshot.Restore(new NamedCounters(), bytes.AsSpan(0, length)));
        }
    }

    [Fact]
    public void ImpossibleStringLength_IsRefusedAsInvalidData()
    {
        // Count 1, then a string whose 7-bit length prefix never ends: BinaryReader throws FormatException.
        byte[] bytes = [1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];

        Assert.Throws<InvalidDataException>(() => StateSnapshot.Restore(new NamedCounters(), bytes));
    }

    [Fact]
    public void NegativeCount_IsRefusedAsInvalidData()
    {
        byte[] bytes = [0xFF, 0xFF, 0xFF, 0xFF];

        Assert.Throws<InvalidDataException>(() => StateSnapshot.Restore(new NamedCounters(), bytes));
    }

    /// <summary>Written without validation on purpose, like a state whose layout changed without a version bump.</summary>
    private sealed class NamedCounters : Dictionary<string, long>, ICheckpointState
    {
        public void Save(BinaryWriter writer)
        {
            writer.Write(Count);
            foreach (var (name, value) in this)
            {
                writer.Write(name);
                writer.Write(value);
            }
        }

        public void Restore(BinaryReader reader)
        {
            var count = reader.ReadInt32();
            var entries = new Dictionary<string, long>(count);
            for (var i = 0; i < count; i++)
            {
                entries.Add(reader.ReadString(), reader.ReadInt64());
            }

            Clear();
            foreach (var (name, value) in entries)
            {
                Add(name, value);
            }
        }
    }
}
