namespace StreamEngine.Core.Checkpoints;

/// <summary>
/// Long-lived per-partition state (profiles, fraud velocity, demand history) that outlives any window, so it cannot be
/// rebuilt by a short replay: it is saved into the partition's checkpoint and restored when the partition is assigned.
/// </summary>
public interface ICheckpointState
{
    /// <summary>Writes the complete state; called on the consume thread between records, after output is durable.</summary>
    void Save(BinaryWriter writer);

    /// <summary>
    /// Replaces the state with one written by <see cref="Save"/>; called on a freshly built state before any record.
    /// Throws <see cref="InvalidDataException"/> when the bytes are not a state of this kind; the reader's own errors
    /// (a short read, a malformed length) are turned into it by <see cref="StateSnapshot.Restore"/>.
    /// </summary>
    void Restore(BinaryReader reader);
}
