namespace StreamEngine.Core.Simulation;

/// <summary>One simulated Kafka record: topic, UTF-8 key, UTF-8 JSON value and the event time in epoch milliseconds.</summary>
public readonly record struct SimulatedRecord(string Topic, byte[] Key, byte[] Value, long TimestampMs);
