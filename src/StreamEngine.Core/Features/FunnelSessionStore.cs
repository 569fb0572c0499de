using StreamEngine.Core.Time;

namespace StreamEngine.Core.Features;

/// <summary>
/// The funnel's state over one partition: each live session's furthest step, the reorder buffer, and the advances that
/// fall in funnel windows not yet closed. The funnel window itself is not saved: after a restore it is rebuilt from
/// those advances, since the records they came from are before the checkpoint and are not fed again. Build one per
/// partition with the feature's options and pass it to <see cref="Funnel.Build(IObservable{StreamItem{Events.ClickEvent}}, FunnelSessionStore, int, IObserver{StreamItem{Events.ClickEvent}}?)"/>.
/// </summary>
public sealed class FunnelSessionStore(FeatureOptions options) : FeatureStore
{
    internal FeatureOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    internal ClickReorderBuffer Buffer { get; } = new();

    internal Dictionary<ulong, (long LastMs, FunnelStep Step, string Channel)> Sessions { get; } = [];

    internal long NextSweepMs { get; set; } = long.MinValue;

    /// <summary>Advances emitted into funnel windows that the watermark has not closed yet, in event-time order.</summary>
    internal Queue<StreamItem<FunnelAdvance>> OpenAdvances { get; } = new();

    /// <summary>Set by a restore: the open advances are to be handed to the (new, empty) funnel window first.</summary>
    internal bool Resuming { get; set; }

    private protected override byte FormatVersion => 1;

    private protected override void Write(BinaryWriter writer)
    {
        Buffer.Write(writer);
        writer.Write(NextSweepMs);
        writer.WriteCount(Sessions.Count);
        foreach (var (id, session) in Sessions)
        {
            writer.Write(id);
            writer.Write(session.LastMs);
            writer.Write((byte)session.Step);
            writer.Write(session.Channel);
        }

        writer.WriteCount(OpenAdvances.Count);
        foreach (var advance in OpenAdvances)
        {
            writer.Write(advance.TimeMs);
            writer.Write(advance.Offset);
            writer.Write(advance.Value.Channel);
            writer.Write((byte)advance.Value.From);
            writer.Write((byte)advance.Value.To);
        }
    }

    private protected override void Read(FeatureStateReader reader)
    {
        Buffer.Read(reader);
        NextSweepMs = reader.ReadInt64();
        Sessions.Clear();
        var sessions = reader.ReadCount();
        for (var i = 0; i < sessions; i++)
        {
            var id = reader.ReadUInt64();
            if (!Sessions.TryAdd(id, (reader.ReadInt64(), reader.ReadEnum<FunnelStep>(), reader.ReadString())))
            {
                throw new InvalidDataException($"Session {id} is listed twice.");
            }
        }

        OpenAdvances.Clear();
        var advances = reader.ReadCount();
        var previousMs = long.MinValue;
        for (var i = 0; i < advances; i++)
        {
            var timeMs = reader.ReadInt64();
            var offset = reader.ReadInt64();
            var advance = new FunnelAdvance(reader.ReadString(), reader.ReadEnum<FunnelStep>(), reader.ReadEnum<FunnelStep>());
            if (advance.From >= advance.To || timeMs < previousMs)
            {
                throw new InvalidDataException($"Open advance {i} ({advance.From} to {advance.To} at {timeMs}) is out of order or goes nowhere.");
            }

            previousMs = timeMs;
            OpenAdvances.Enqueue(StreamItem.Event(advance, timeMs, Buffer.WatermarkMs, offset));
        }

        Resuming = true;
    }
}
