namespace StreamEngine.Core.Checkpoints;

/// <summary>
/// Writes and reads one value of a generic operator's key or state type inside a checkpoint, so operators that are
/// generic over their types (session windows) can be checkpointed by the feature that knows the concrete types.
/// </summary>
public interface ICheckpointCodec<T>
{
    void Write(BinaryWriter writer, in T value);

    /// <summary>Reads a value written by <see cref="Write"/>; throws <see cref="InvalidDataException"/> on impossible values.</summary>
    T Read(BinaryReader reader);
}
