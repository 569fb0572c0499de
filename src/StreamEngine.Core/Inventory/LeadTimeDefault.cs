namespace StreamEngine.Core.Inventory;

/// <summary>A configured lead time (mean and standard deviation) used until enough receipts have been seen.</summary>
public sealed class LeadTimeDefault
{
    public TimeSpan Mean { get; set; } = TimeSpan.FromDays(7);

    public TimeSpan StdDev { get; set; } = TimeSpan.FromDays(2);
}
