using StreamEngine.Host.Checkpoints;

namespace StreamEngine.IntegrationTests.Checkpoints;

/// <summary>The checkpoint image: what is encoded decodes identically; anything damaged or foreign is refused.</summary>
public sealed class PartitionCheckpointTests
{
    private static readonly long[] Positions = [1_234, -1, 0, long.MaxValue / 3];

    [Fact]
    public void Image_RoundTrips_PositionsAndEveryStateByName()
    {
        var states = new Dictionary<string, byte[]>
        {
            ["profiles"] = [.. Enumerable.Range(0, 10_000).Select(i => (byte)(i * 31))],
            ["empty"] = [],
            ["fraud"] = "velocity"u8.ToArray(),
        };

        var decoded = PartitionCheckpoint.Decode(new PartitionCheckpoint(Positions, states).Encode());

        Assert.Equal(Positions, decoded.Positions);
        Assert.Equal(states.Keys.Order(), decoded.States.Keys.Order());
        foreach (var (name, bytes) in states)
        {
            Assert.Equal(bytes, decoded.States[name]);
        }
    }

    [Fact]
    public void Image_IsCompressed()
    {
        var image = new PartitionCheckpoint(Positions, new Dictionary<string, byte[]> { ["zeros"] = new byte[100_000] }).Encode();

        Assert.True(image.Length < 10_000, $"{image.Length} bytes");
    }

    [Fact]
    public void EveryFlippedByte_IsRefused()
    {
        var image = Image();
        for (var i = 0; i < image.Length; i++)
        {
            var damaged = (byte[])image.Clone();
            damaged[i] ^= 0x01;
            Assert.Throws<InvalidDataException>(() => PartitionCheckpoint.Decode(damaged));
        }
    }

    [Fact]
    public void EveryTruncation_IsRefused()
    {
        var image = Image();
        for (var length = 0; length < image.Length; length++)
        {
            Assert.Throws<InvalidDataException>(() => PartitionCheckpoint.Decode(image[..length]));
        }
    }

    [Fact]
    public void WrongMagic_IsRefusedAsNotACheckpoint()
    {
        var image = Image();
        image[0] = (byte)'X';

        var error = Assert.Throws<InvalidDataException>(() => PartitionCheckpoint.Decode(image));

        Assert.Contains("Not a StreamEngine checkpoint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownFormatVersion_IsRefusedNamingIt()
    {
        var image = Image();
        BitConverter.GetBytes(2).CopyTo(image, 4);

        var error = Assert.Throws<InvalidDataException>(() => PartitionCheckpoint.Decode(image));

        Assert.Contains("format 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Positions_OfAnotherLength_AreRejectedWhenBuilding() =>
        Assert.Throws<ArgumentException>(() => new PartitionCheckpoint([1, 2], new Dictionary<string, byte[]>()));

    private static byte[] Image() =>
        new PartitionCheckpoint(Positions, new Dictionary<string, byte[]> { ["a"] = [1, 2, 3], ["b"] = "state"u8.ToArray() }).Encode();
}
