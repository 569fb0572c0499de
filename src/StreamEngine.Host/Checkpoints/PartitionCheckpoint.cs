using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using StreamEngine.Host.Engine;

namespace StreamEngine.Host.Checkpoints;

/// <summary>
/// The long-lived state of one partition task at one point of its input: per input topic the offset the state has
/// folded everything below (<see cref="Positions"/>), and each registered state's bytes by name.
/// </summary>
/// <remarks>
/// Encoded as: "SECP", format version, SHA-256 of the body, then the Deflate-compressed body (positions, then name /
/// length / bytes per state). The hash makes a torn or altered checkpoint fail to decode instead of restoring wrong numbers.
/// </remarks>
internal sealed class PartitionCheckpoint
{
    private const int FormatVersion = 1;
    private static readonly byte[] s_magic = "SECP"u8.ToArray();
    private static readonly int s_topics = Enum.GetValues<InputTopic>().Length;

    public PartitionCheckpoint(long[] positions, IReadOnlyDictionary<string, byte[]> states)
    {
        ArgumentNullException.ThrowIfNull(positions);
        if (positions.Length != s_topics)
        {
            throw new ArgumentException($"Expected {s_topics} positions.", nameof(positions));
        }

        Positions = positions;
        States = states;
    }

    /// <summary>Per <see cref="InputTopic"/>: the state contains every accepted record below this offset; -1 for none yet.</summary>
    public long[] Positions { get; }

    public IReadOnlyDictionary<string, byte[]> States { get; }

    public long PositionOf(InputTopic topic) => Positions[(int)topic];

    public byte[] Encode()
    {
        using var body = new MemoryStream();
        using (var deflate = new DeflateStream(body, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new BinaryWriter(deflate, Encoding.UTF8))
        {
            foreach (var position in Positions)
            {
                writer.Write(position);
            }

            writer.Write(States.Count);
            foreach (var (name, bytes) in States)
            {
                writer.Write(name);
                writer.Write(bytes.Length);
                writer.Write(bytes);
            }
        }

        var compressed = body.ToArray();
        using var image = new MemoryStream(compressed.Length + 40);
        image.Write(s_magic);
        image.Write(BitConverter.GetBytes(FormatVersion));
        image.Write(SHA256.HashData(compressed));
        image.Write(compressed);
        return image.ToArray();
    }

    /// <summary>Decodes an image written by <see cref="Encode"/>; anything else throws <see cref="InvalidDataException"/>.</summary>
    public static PartitionCheckpoint Decode(byte[] image)
    {
        ArgumentNullException.ThrowIfNull(image);
        const int headerLength = 4 + 4 + 32;
        if (image.Length < headerLength || !image.AsSpan(0, 4).SequenceEqual(s_magic))
        {
            throw new InvalidDataException("Not a StreamEngine checkpoint.");
        }

        var version = BitConverter.ToInt32(image, 4);
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"Checkpoint format {version} is not supported (expected {FormatVersion}).");
        }

        var compressed = image.AsSpan(headerLength);
        if (!SHA256.HashData(compressed).AsSpan().SequenceEqual(image.AsSpan(8, 32)))
        {
            throw new InvalidDataException("The checkpoint's checksum does not match its contents.");
        }

        try
        {
            using var deflate = new DeflateStream(new MemoryStream(image, headerLength, image.Length - headerLength), CompressionMode.Decompress);
            using var reader = new BinaryReader(deflate, Encoding.UTF8);
            var positions = new long[s_topics];
            for (var i = 0; i < positions.Length; i++)
            {
                positions[i] = reader.ReadInt64();
            }

            var count = reader.ReadInt32();
            var states = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                var name = reader.ReadString();
                var length = reader.ReadInt32();
                var bytes = reader.ReadBytes(length);
                if (bytes.Length != length || !states.TryAdd(name, bytes))
                {
                    throw new InvalidDataException($"The checkpoint's state '{name}' is truncated or repeated.");
                }
            }

            return new PartitionCheckpoint(positions, states);
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("The checkpoint ends early.", ex);
        }
        catch (Exception ex) when (ex is IOException or FormatException or ArgumentOutOfRangeException)
        {
            // A bad string or byte-array length in a body whose checksum matched: written by a different layout.
            throw new InvalidDataException($"The checkpoint cannot be read: {ex.Message}", ex);
        }
    }
}
