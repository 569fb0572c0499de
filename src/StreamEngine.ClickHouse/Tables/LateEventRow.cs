namespace StreamEngine.ClickHouse.Tables;

/// <summary>One event that missed its windows: where it came from and how late it was.</summary>
public readonly record struct LateEventRow(long EventTimeMs, long WatermarkMs, string Pipeline, string Topic, int Partition, long Offset, string EventType);
