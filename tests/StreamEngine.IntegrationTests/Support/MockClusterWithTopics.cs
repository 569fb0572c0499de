using System.Runtime.InteropServices;

namespace StreamEngine.IntegrationTests.Support;

/// <summary>
/// A librdkafka mock cluster whose topics can be created with any partition count (the mock answers no CreateTopics
/// request and auto-creates every other topic with 4 partitions), through librdkafka's own mock API, which
/// Confluent.Kafka does not expose. Lives until disposed.
/// </summary>
internal sealed class MockClusterWithTopics : IDisposable
{
    private const string Library = "librdkafka.so.1";
    private const int ProducerType = 0;
    private readonly IntPtr _client;
    private readonly IntPtr _cluster;

    public MockClusterWithTopics(int brokers)
    {
        var error = new byte[512];
        _client = rd_kafka_new(ProducerType, rd_kafka_conf_new(), error, (UIntPtr)error.Length);
        if (_client == IntPtr.Zero)
        {
            throw new InvalidOperationException($"rd_kafka_new: {System.Text.Encoding.UTF8.GetString(error).TrimEnd('\0')}");
        }

        _cluster = rd_kafka_mock_cluster_new(_client, brokers);
        if (_cluster == IntPtr.Zero)
        {
            rd_kafka_destroy(_client);
            throw new InvalidOperationException("rd_kafka_mock_cluster_new failed.");
        }

        BootstrapServers = Marshal.PtrToStringUTF8(rd_kafka_mock_cluster_bootstraps(_cluster))!;
    }

    public string BootstrapServers { get; }

    /// <summary>Creates <paramref name="topic"/> with <paramref name="partitions"/> partitions.</summary>
    public void CreateTopic(string topic, int partitions)
    {
        var code = rd_kafka_mock_topic_create(_cluster, topic, partitions, 1);
        if (code != 0)
        {
            throw new InvalidOperationException($"rd_kafka_mock_topic_create({topic}, {partitions}) failed with error {code}.");
        }
    }

    public void Dispose()
    {
        rd_kafka_mock_cluster_destroy(_cluster);
        rd_kafka_destroy(_client);
    }

    // Classic DllImport: LibraryImport's generated code needs unsafe blocks, which the project does not allow.
    [DllImport(Library)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern IntPtr rd_kafka_conf_new();

    [DllImport(Library)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern IntPtr rd_kafka_new(int type, IntPtr conf, [Out] byte[] errstr, UIntPtr errstrSize);

    [DllImport(Library)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern void rd_kafka_destroy(IntPtr client);

    [DllImport(Library)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern IntPtr rd_kafka_mock_cluster_new(IntPtr client, int brokers);

    [DllImport(Library)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern IntPtr rd_kafka_mock_cluster_bootstraps(IntPtr cluster);

    [DllImport(Library)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int rd_kafka_mock_topic_create(IntPtr cluster, [MarshalAs(UnmanagedType.LPUTF8Str)] string topic, int partitions, int replicationFactor);

    [DllImport(Library)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern void rd_kafka_mock_cluster_destroy(IntPtr cluster);
}
