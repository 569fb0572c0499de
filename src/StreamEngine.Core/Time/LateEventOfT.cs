namespace StreamEngine.Core.Time;

/// <summary>
/// An event that arrived after <see cref="MissedWindows"/> of the <see cref="Windows"/> windows it belongs to were
/// final (watermark ≥ end + grace). It still counts in the others (Flink's rule), so it is dropped from the operator's
/// results only when <see cref="IsDropped"/>. Operators without fixed windows (sessions, sliding rings, ordered per-user
/// state) report 1 of 1: the event was not applied.
/// </summary>
public readonly record struct LateEvent<T>(T Value, long TimeMs, long WatermarkMs, long Offset, int MissedWindows, int Windows)
{
    /// <summary>True when the event counts in none of its windows.</summary>
    public bool IsDropped => MissedWindows >= Windows;
}
