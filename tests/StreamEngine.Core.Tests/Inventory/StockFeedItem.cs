using StreamEngine.Core.Events;
using StreamEngine.Core.Inventory;
using StreamEngine.Core.Time;

namespace StreamEngine.Core.Tests.Inventory;

/// <summary>One input of the safety-stock pipeline: an inventory item or a demand item.</summary>
internal readonly record struct StockFeedItem(bool IsDemand, StreamItem<InventoryEvent> Inventory, StreamItem<DemandEvent> Demand)
{
    public static StockFeedItem Of(StreamItem<InventoryEvent> inventory) => new(false, inventory, default);

    public static StockFeedItem Of(StreamItem<DemandEvent> demand) => new(true, default, demand);
}
