namespace StreamEngine.ClickHouse.Tables;

/// <summary>
/// One event that missed windows of a pipeline: where it came from, how late it was, and how many of its windows it
/// missed (equal to <see cref="Windows"/> when it counts in none).
/// </summary>
public readonly record struct LateEventRow(
    long EventTimeMs, long WatermarkMs, string Pipeline, string Topic, int Partition, long Offset, string EventType, int MissedWindows, int Windows);
