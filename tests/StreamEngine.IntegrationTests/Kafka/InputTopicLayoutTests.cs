using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using StreamEngine.Core;
using StreamEngine.Host.Configuration;
using StreamEngine.Host.Engine;
using StreamEngine.Kafka;

namespace StreamEngine.IntegrationTests.Kafka;

/// <summary>The start-up check of the input topics' partition counts, against librdkafka's mock cluster.</summary>
public sealed class InputTopicLayoutTests
{
    private readonly KafkaOptions _options = new();

    [Fact]
    public void Check_CoPartitionedTopics_GiveTheLayout_ClickstreamAndInventoryMayDiffer()
    {
        var layout = InputTopicLayout.Check(_options, Counts(clickstream: 6, transactions: 6, inventory: 4, demand: 4));

        Assert.Equal(new InputTopicLayout(6, 6, 4, 4), layout);
    }

    [Fact]
    public void Check_DemandWithAnotherCountThanInventory_FailsNamingBothTopicsAndCounts()
    {
        var error = Assert.Throws<OptionsException>(() => InputTopicLayout.Check(_options, Counts(4, 4, 4, 8)));

        Assert.Equal("StreamEngine:Kafka:DemandTopic", error.Key);
        Assert.Contains("'streamengine-demand' has 8 partitions but 'inventory' (StreamEngine:Kafka:InventoryTopic) has 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_TransactionsWithAnotherCountThanClickstream_FailsNamingBothTopicsAndCounts()
    {
        var error = Assert.Throws<OptionsException>(() => InputTopicLayout.Check(_options, Counts(6, 3, 4, 4)));

        Assert.Equal("StreamEngine:Kafka:TransactionsTopic", error.Key);
        Assert.Contains("'transactions' has 3 partitions but 'clickstream' (StreamEngine:Kafka:ClickstreamTopic) has 6", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_MissingTopic_FailsNamingItsKey()
    {
        var counts = Counts(4, 4, 4, 4);
        counts.Remove(_options.DemandTopic);

        var error = Assert.Throws<OptionsException>(() => InputTopicLayout.Check(_options, counts));

        Assert.Equal("StreamEngine:Kafka:DemandTopic", error.Key);
        Assert.Contains("topic 'streamengine-demand' does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartUp_WithADemandTopicOfAnotherPartitionCount_FailsFastNamingTopicsAndCounts()
    {
        using var cluster = new MockKafkaCluster(brokers: 1);
        var options = Options();
        cluster.CreateTopic(options.Kafka.InventoryTopic, 6);
        cluster.CreateTopic(options.Kafka.DemandTopic, 4);

        var error = await Assert.ThrowsAsync<OptionsException>(() => EngineHost.StartAsync(options, cluster.BootstrapServers, NullLoggerFactory.Instance, CancellationToken.None));

        Assert.Equal("StreamEngine:Kafka:DemandTopic", error.Key);
        Assert.Contains("'streamengine-demand' has 4 partitions but 'inventory' (StreamEngine:Kafka:InventoryTopic) has 6", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartUp_WithUnequalClickstreamAndTransactions_FailsFastNamingTopicsAndCounts()
    {
        using var cluster = new MockKafkaCluster(brokers: 1);
        var options = Options();
        cluster.CreateTopic(options.Kafka.ClickstreamTopic, 8);

        var error = await Assert.ThrowsAsync<OptionsException>(() => EngineHost.StartAsync(options, cluster.BootstrapServers, NullLoggerFactory.Instance, CancellationToken.None));

        Assert.Equal("StreamEngine:Kafka:TransactionsTopic", error.Key);
        Assert.Contains("'transactions' has 4 partitions but 'clickstream' (StreamEngine:Kafka:ClickstreamTopic) has 8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartUp_WithoutAReachableCluster_FailsFastNamingTheBootstrapServers()
    {
        var options = Options();
        options.Kafka.MetadataTimeout = TimeSpan.FromSeconds(2);

        var error = await Assert.ThrowsAsync<OptionsException>(() => EngineHost.StartAsync(options, "127.0.0.1:1", NullLoggerFactory.Instance, CancellationToken.None));

        Assert.Equal("StreamEngine:Kafka:BootstrapServers", error.Key);
        Assert.Contains("no metadata for topic 'clickstream' from 127.0.0.1:1 within 2 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CoPartitionedTopicsOnTheCluster_GiveTheirCounts()
    {
        using var mock = new MockKafkaCluster(brokers: 1);
        mock.EnsureTopics(_options.InputTopics);

        Assert.Equal(InputTopicLayout.Uniform(MockKafkaCluster.PartitionsPerTopic), InputTopicLayout.Read(_options, mock.BootstrapServers));
    }

    // ClickHouse on a port nothing listens on: start-up must fail on the topics before it reaches the database.
    private static EngineOptions Options() => EngineOptions.Load(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["StreamEngine:Http:Url"] = "",
        ["StreamEngine:ClickHouse:Url"] = "http://127.0.0.1:1/",
        ["StreamEngine:Kafka:MetadataTimeout"] = "00:00:10",
    }).Build());

    private Dictionary<string, int> Counts(int clickstream, int transactions, int inventory, int demand) => new(StringComparer.Ordinal)
    {
        [_options.ClickstreamTopic] = clickstream,
        [_options.TransactionsTopic] = transactions,
        [_options.InventoryTopic] = inventory,
        [_options.DemandTopic] = demand,
    };
}
