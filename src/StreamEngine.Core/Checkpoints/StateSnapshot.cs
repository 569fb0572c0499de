using System.Text;

namespace StreamEngine.Core.Checkpoints;

/// <summary>One <see cref="ICheckpointState"/> as bytes: the unit a checkpoint stores per state.</summary>
public static class StateSnapshot
{
    public static byte[] Capture(ICheckpointState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            state.Save(writer);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Restores <paramref name="state"/>; bytes left over mean a different layout and fail like a short read. Every
    /// failure to read the bytes surfaces as <see cref="InvalidDataException"/>.
    /// </summary>
    public static void Restore(ICheckpointState state, ReadOnlySpan<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(state);
        using var buffer = new MemoryStream(bytes.ToArray(), writable: false);
        using var reader = new BinaryReader(buffer, Encoding.UTF8);
        try
        {
            state.Restore(reader);
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("The checkpointed state ends early.", ex);
        }
        catch (Exception ex) when (ex is IOException or FormatException or OverflowException or ArgumentOutOfRangeException)
        {
            // What BinaryReader and collection constructors throw on bytes of another layout (a bad string length, a
            // negative count): the state is unusable, so the task replays instead of failing its assignment forever.
            throw new InvalidDataException($"The checkpointed state cannot be read: {ex.Message}", ex);
        }

        if (buffer.Position != buffer.Length)
        {
            throw new InvalidDataException($"The checkpointed state has {buffer.Length - buffer.Position} unread bytes.");
        }
    }
}
