namespace StreamEngine.Core.Checkpoints;

/// <summary>Keys that are 64-bit hashes (session ids, pseudonymised user ids).</summary>
public sealed class UInt64Codec : ICheckpointCodec<ulong>
{
    public static readonly UInt64Codec Instance = new();

    private UInt64Codec()
    {
    }

    public void Write(BinaryWriter writer, in ulong value) => writer.Write(value);

    public ulong Read(BinaryReader reader) => reader.ReadUInt64();
}
