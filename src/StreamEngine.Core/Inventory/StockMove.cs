namespace StreamEngine.Core.Inventory;

/// <summary>A remembered on-hand movement (sale, refund, receipt, adjustment) at event time <see cref="TimeMs"/>.</summary>
internal readonly record struct StockMove(long TimeMs, int Delta);
