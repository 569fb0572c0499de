using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace StreamEngine.Kafka;

/// <summary>
/// librdkafka's in-process mock cluster: real Kafka protocol over loopback TCP, used when no bootstrap servers are
/// configured. It lives as long as this object (it is hosted by a producer handle). Known limits of the mock: topics are
/// auto-created with 4 partitions, and each partition keeps only the newest 5 MB / 100,000 message sets, so producers
/// must not run far ahead of consumers.
/// </summary>
public sealed class MockKafkaCluster : IDisposable
{
    public const int PartitionsPerTopic = 4;

    private readonly IProducer<byte[], byte[]> _host;

    public MockKafkaCluster(int brokers, ILogger? logger = null)
    {
        var config = new ProducerConfig { BootstrapServers = "mock" };
        config.Set("test.mock.num.brokers", brokers.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _host = new ProducerBuilder<byte[], byte[]>(config).SetLogHandler((_, _) => { }).Build();
        using var admin = new DependentAdminClientBuilder(_host.Handle).Build();
        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));
        BootstrapServers = string.Join(',', metadata.Brokers.Select(b => $"{b.Host}:{b.Port}"));
        logger?.LogWarning(
            "No Kafka bootstrap servers configured: started librdkafka's embedded mock cluster at {BootstrapServers} " +
            "({Brokers} brokers, in-process, data lost on exit). Configure StreamEngine:Kafka:BootstrapServers for a real cluster.",
            BootstrapServers,
            brokers);
    }

    public string BootstrapServers { get; }

    /// <summary>Creates the topics by producing nothing but a metadata request for each (the mock auto-creates them).</summary>
    public void EnsureTopics(IEnumerable<string> topics)
    {
        using var admin = new DependentAdminClientBuilder(_host.Handle).Build();
        foreach (var topic in topics)
        {
            admin.GetMetadata(topic, TimeSpan.FromSeconds(10));
        }
    }

    public void Dispose() => _host.Dispose();
}
