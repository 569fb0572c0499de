namespace StreamEngine.Host.Checkpoints;

/// <summary>Where partition checkpoints live: shared by every instance of the consumer group, so a moved partition finds its state.</summary>
internal interface ICheckpointStore
{
    /// <summary>The newest checkpoint image of <paramref name="partition"/>, or null when there is none.</summary>
    byte[]? Load(int partition);

    /// <summary>
    /// Durably stores an image, with a readable summary of the input offsets it covers; returns only once it is
    /// written (the commit that follows relies on it).
    /// </summary>
    void Save(int partition, byte[] image, string positions);
}
