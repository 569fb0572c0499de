namespace StreamEngine.Core.Simulation;

/// <summary>Topic names of the simulated records, bound from "StreamEngine:Simulator:Topics".</summary>
public sealed class SimulatorTopicNames
{
    /// <summary>Storefront clickstream, keyed by user_id.</summary>
    public string Clickstream { get; set; } = "clickstream";

    /// <summary>Payments, refunds and chargebacks, keyed by user_id.</summary>
    public string Transactions { get; set; } = "transactions";

    /// <summary>Stock events keyed by sku, shipments keyed by shipment_id.</summary>
    public string Inventory { get; set; } = "inventory";
}
