using StreamEngine.Core.Checkpoints;

namespace StreamEngine.Core.Features;

/// <summary>
/// The keyed state of one clickstream feature over one partition (a state store, as in Kafka Streams): built by the
/// caller, handed to the feature's <c>Build</c>, and saved into the partition's checkpoint so it survives restarts and
/// partition moves. It feeds exactly one pipeline subscription. Called on the consume thread.
/// </summary>
public abstract class FeatureStore : ICheckpointState
{
    private bool _claimed;

    private protected FeatureStore()
    {
    }

    /// <summary>Version of the layout written after it; bumped when the layout changes.</summary>
    private protected abstract byte FormatVersion { get; }

    public void Save(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(FormatVersion);
        Write(writer);
    }

    public void Restore(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var version = reader.ReadByte();
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"{GetType().Name} checkpoint has format version {version}; this build reads version {FormatVersion}.");
        }

        Read(new FeatureStateReader(reader.BaseStream));
    }

    /// <summary>Takes the store for one pipeline: two subscriptions sharing it would fold every event twice.</summary>
    internal void Claim()
    {
        if (_claimed)
        {
            throw new InvalidOperationException($"This {GetType().Name} already feeds a pipeline; build one store per subscription.");
        }

        _claimed = true;
    }

    private protected abstract void Write(BinaryWriter writer);

    /// <summary>Replaces the whole state; throws <see cref="InvalidDataException"/> on values it cannot hold.</summary>
    private protected abstract void Read(FeatureStateReader reader);
}
