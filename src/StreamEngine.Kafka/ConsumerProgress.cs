namespace StreamEngine.Kafka;

/// <summary>How much a consumer has read so far: records and their key + value bytes.</summary>
public readonly record struct ConsumerProgress(long Records, long Bytes);
