namespace StreamEngine.Host.Engine;

/// <summary>The three input topics of a partition task.</summary>
public enum InputTopic
{
    Clickstream,
    Transactions,
    Inventory,
}
