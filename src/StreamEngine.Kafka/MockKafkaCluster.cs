using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace StreamEngine.Kafka;

/// <summary>
/// librdkafka's in-process mock cluster: real Kafka protocol over loopback TCP, used when no bootstrap servers are
/// configured. It lives as long as this object (hosted by a bare librdkafka handle, through librdkafka's mock API,
/// which also lets tests create topics with given partition counts and take brokers down). Known limits of the mock:
/// topics are auto-created with 4 partitions, and each partition keeps only the newest 5 MB / 100,000 message sets,
/// so producers must not run far ahead of consumers.
/// </summary>
public sealed partial class MockKafkaCluster : IDisposable
{
    public const int PartitionsPerTopic = 4;

    private const string Library = "librdkafka.so.1";
    private readonly IntPtr _handle;
    private readonly IntPtr _cluster;

    public MockKafkaCluster(int brokers, ILogger? logger = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(brokers);
        var error = new byte[512];
        _handle = NativeMethods.rd_kafka_new(0 /* RD_KAFKA_PRODUCER */, NativeMethods.rd_kafka_conf_new(), error, error.Length);
        if (_handle == IntPtr.Zero)
        {
            throw new InvalidOperationException("Could not create the librdkafka handle hosting the mock cluster: " + System.Text.Encoding.UTF8.GetString(error).TrimEnd('\0'));
        }

        _cluster = NativeMethods.rd_kafka_mock_cluster_new(_handle, brokers);
        if (_cluster == IntPtr.Zero)
        {
            NativeMethods.rd_kafka_destroy(_handle);
            throw new InvalidOperationException("librdkafka could not start its mock cluster.");
        }

        Brokers = brokers;
        BootstrapServers = Marshal.PtrToStringUTF8(NativeMethods.rd_kafka_mock_cluster_bootstraps(_cluster))!;
        logger?.LogWarning(
            "No Kafka bootstrap servers configured: started librdkafka's embedded mock cluster at {BootstrapServers} " +
            "({Brokers} brokers, in-process, data lost on exit). Configure StreamEngine:Kafka:BootstrapServers for a real cluster.",
            BootstrapServers,
            brokers);
    }

    public string BootstrapServers { get; }

    /// <summary>Broker ids are 1 to <see cref="Brokers"/>.</summary>
    public int Brokers { get; }

    /// <summary>Creates the topics with <see cref="PartitionsPerTopic"/> partitions unless they exist.</summary>
    public void EnsureTopics(IEnumerable<string> topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        foreach (var topic in topics)
        {
            CreateTopic(topic, PartitionsPerTopic);
        }
    }

    /// <summary>Creates a topic with <paramref name="partitions"/> partitions; an existing topic is left as it is.</summary>
    public void CreateTopic(string topic, int partitions)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(partitions);
        var code = NativeMethods.rd_kafka_mock_topic_create(_cluster, topic, partitions, 1);
        if (code is not 0 and not 36 /* TOPIC_ALREADY_EXISTS */)
        {
            throw new InvalidOperationException($"The mock cluster could not create topic '{topic}' (error {code}).");
        }
    }

    /// <summary>Takes a broker down (its connections are closed and refused) to inject a broker outage.</summary>
    public void SetBrokerDown(int brokerId) => Check(NativeMethods.rd_kafka_mock_broker_set_down(_cluster, brokerId), brokerId);

    /// <summary>Brings a broker taken down with <see cref="SetBrokerDown"/> back.</summary>
    public void SetBrokerUp(int brokerId) => Check(NativeMethods.rd_kafka_mock_broker_set_up(_cluster, brokerId), brokerId);

    public void Dispose()
    {
        NativeMethods.rd_kafka_mock_cluster_destroy(_cluster);
        NativeMethods.rd_kafka_destroy(_handle);
    }

    private static void Check(int code, int brokerId)
    {
        if (code != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(brokerId), brokerId, $"The mock cluster has no broker {brokerId} (error {code}).");
        }
    }

    private static partial class NativeMethods
    {
        [LibraryImport(Library)]
        internal static partial IntPtr rd_kafka_conf_new();

        [LibraryImport(Library)]
        internal static partial IntPtr rd_kafka_new(int type, IntPtr conf, [Out] byte[] errstr, nint errstrSize);

        [LibraryImport(Library)]
        internal static partial void rd_kafka_destroy(IntPtr rk);

        [LibraryImport(Library)]
        internal static partial IntPtr rd_kafka_mock_cluster_new(IntPtr rk, int brokers);

        [LibraryImport(Library)]
        internal static partial void rd_kafka_mock_cluster_destroy(IntPtr cluster);

        [LibraryImport(Library)]
        internal static partial IntPtr rd_kafka_mock_cluster_bootstraps(IntPtr cluster);

        [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int rd_kafka_mock_topic_create(IntPtr cluster, string topic, int partitions, int replicationFactor);

        [LibraryImport(Library)]
        internal static partial int rd_kafka_mock_broker_set_down(IntPtr cluster, int brokerId);

        [LibraryImport(Library)]
        internal static partial int rd_kafka_mock_broker_set_up(IntPtr cluster, int brokerId);
    }
}
