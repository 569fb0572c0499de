using StreamEngine.Core.Checkpoints;

namespace StreamEngine.Core.Inventory;

/// <content>Checkpoint of the open windows (their exact durations and late counts), the fired-up-to watermark and the counters.</content>
public sealed partial class LogisticsState : ICheckpointState
{
    private const byte CheckpointVersion = 1;

    /// <summary>Writes the complete state (consume thread, between records).</summary>
    public void Save(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(CheckpointVersion);
        writer.Write(_windowMs);
        writer.Write(_firedUpTo);
        writer.Write(LateEvents);
        writer.Write(InvalidEvents);
        writer.Write(_open.Count);
        foreach (var (key, window) in _open)
        {
            writer.Write(key.StartMs);
            writer.Write(key.Carrier);
            writer.Write(key.Country);
            writer.Write(window.Late);
            writer.Write(window.Durations!.Count);
            foreach (var duration in window.Durations)
            {
                writer.Write(duration);
            }
        }
    }

    /// <summary>
    /// Replaces this freshly built state with one written by <see cref="Save"/> under the same window size; throws
    /// <see cref="InvalidDataException"/> otherwise or on impossible values (a window that should have fired, say).
    /// </summary>
    public void Restore(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (_open.Count > 0 || _firedUpTo != long.MinValue)
        {
            throw new InvalidOperationException("A logistics state is restored only into a freshly built one.");
        }

        var version = reader.ReadByte();
        if (version != CheckpointVersion)
        {
            throw new InvalidDataException($"Unknown logistics checkpoint version {version} (this build reads {CheckpointVersion}).");
        }

        var windowMs = reader.ReadInt64();
        if (windowMs != _windowMs)
        {
            throw new InvalidDataException($"The logistics checkpoint was written with {windowMs} ms windows, not the configured {_windowMs} ms.");
        }

        _firedUpTo = reader.ReadInt64();
        LateEvents = ReadCounter(reader);
        InvalidEvents = ReadCounter(reader);
        var windows = ReadCount(reader);
        for (var i = 0; i < windows; i++)
        {
            var key = new WindowKey(reader.ReadInt64(), reader.ReadString(), reader.ReadString());
            var late = reader.ReadInt32();
            var deliveries = reader.ReadInt32();
            var aligned = ((key.StartMs % _windowMs) + _windowMs) % _windowMs == 0 && key.StartMs <= long.MaxValue - _windowMs;
            if (!aligned || key.StartMs + _windowMs <= _firedUpTo || deliveries < 1 || late < 0 || late > deliveries)
            {
                throw new InvalidDataException(
                    $"Impossible open window {key} with {late} late of {deliveries} deliveries in the logistics checkpoint (fired up to {_firedUpTo}).");
            }

            var durations = new List<long>(Math.Min(deliveries, 4096));
            for (var d = 0; d < deliveries; d++)
            {
                var duration = reader.ReadInt64();
                durations.Add(duration >= 0 ? duration : throw new InvalidDataException($"A negative delivery time ({duration} ms) in the logistics checkpoint."));
            }

            if (!_open.TryAdd(key, new WindowState { Durations = durations, Late = late }))
            {
                throw new InvalidDataException($"The logistics checkpoint holds window {key} twice.");
            }
        }
    }

    private static int ReadCount(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        return count >= 0 ? count : throw new InvalidDataException($"A negative number of windows ({count}) in the logistics checkpoint.");
    }

    private static long ReadCounter(BinaryReader reader)
    {
        var value = reader.ReadInt64();
        return value >= 0 ? value : throw new InvalidDataException($"A negative event counter ({value}) in the logistics checkpoint.");
    }
}
