namespace StreamEngine.Host.Engine;

/// <summary>
/// The input topics of a partition task, in the order of <c>KafkaOptions.InputTopics</c>. <see cref="Demand"/> is the
/// engine's internal repartition topic (purchases re-keyed by SKU), co-partitioned with <see cref="Inventory"/>.
/// </summary>
public enum InputTopic
{
    Clickstream,
    Transactions,
    Inventory,
    Demand,
}
