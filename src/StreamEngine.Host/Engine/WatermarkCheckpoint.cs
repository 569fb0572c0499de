using StreamEngine.Core.Checkpoints;
using StreamEngine.Core.Time;

namespace StreamEngine.Host.Engine;

/// <summary>
/// A task's greatest event time per input topic, saved with its checkpoint. The replay after a restore starts at the
/// committed offset, possibly after the event that set the maximum; once a topic's replay passes the checkpoint the
/// restored maximum is applied again, so the watermark (and with it every late / on-time decision) is the one the
/// uninterrupted run had.
/// </summary>
internal sealed class WatermarkCheckpoint(WatermarkTracker tracker) : ICheckpointState
{
    private const byte FormatVersion = 1;
    private static readonly InputTopic[] s_topics = Enum.GetValues<InputTopic>();
    private long[]? _restored;

    public void Save(BinaryWriter writer)
    {
        writer.Write(FormatVersion);
        foreach (var topic in s_topics)
        {
            writer.Write(Math.Max(tracker.MaxEventMs((int)topic), _restored?[(int)topic] ?? long.MinValue));
        }
    }

    public void Restore(BinaryReader reader)
    {
        if (reader.ReadByte() != FormatVersion)
        {
            throw new InvalidDataException("Unknown watermark checkpoint version.");
        }

        _restored = s_topics.Select(_ => reader.ReadInt64()).ToArray();
    }

    /// <summary>Raises <paramref name="topic"/>'s maximum to the restored one, once, when its replay reaches the checkpoint.</summary>
    public void OnReplayPassed(InputTopic topic)
    {
        if (_restored is null || _restored[(int)topic] == long.MinValue)
        {
            return;
        }

        tracker.OnEvent((int)topic, _restored[(int)topic]);
        _restored[(int)topic] = long.MinValue;
    }
}
