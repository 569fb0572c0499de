namespace StreamEngine.Core.Inventory;

/// <summary>Demand totals of one bucket (day) of one SKU and warehouse; <see cref="Day"/> is the bucket index.</summary>
public record struct DayBucket(long Day, long Units, long RevenueCents);
