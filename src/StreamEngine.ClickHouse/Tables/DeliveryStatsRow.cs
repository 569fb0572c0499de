using StreamEngine.Core.Inventory;

namespace StreamEngine.ClickHouse.Tables;

/// <summary>One window of delivery statistics and the inventory partition (task) that computed it.</summary>
public readonly record struct DeliveryStatsRow(DeliveryStats Stats, int Partition);
