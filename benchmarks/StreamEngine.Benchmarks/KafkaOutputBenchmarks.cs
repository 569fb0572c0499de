using BenchmarkDotNet.Attributes;
using Confluent.Kafka;
using StreamEngine.Kafka;

namespace StreamEngine.Benchmarks;

/// <summary>
/// The commit barrier's Kafka half: produce a few messages (as dead letters and decisions trickle out between commits)
/// and wait until the mock cluster acknowledged them. <see cref="ConfluentFlush"/> is the client's Flush(CancellationToken)
/// (100 ms librdkafka calls that poll in 10 ms steps), <see cref="KafkaOutputFlush"/> is <see cref="KafkaOutput.Flush"/>
/// (1 ms slices). Excluded: starting the mock cluster and the producers (GlobalSetup). Figures include the mock's RTT.
/// </summary>
public class KafkaOutputBenchmarks
{
    private const string Topic = "bench-output";
    private static readonly byte[] Payload = new byte[200];
    private MockKafkaCluster _mock = null!;
    private KafkaOutput _output = null!;
    private IProducer<byte[], byte[]> _producer = null!;

    [Params(10)]
    public int Messages { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _mock = new MockKafkaCluster(3);
        _mock.EnsureTopics([Topic]);
        var config = new KafkaOptions().BuildProducerConfig(_mock.BootstrapServers);
        _output = new KafkaOutput(config);
        _producer = new ProducerBuilder<byte[], byte[]>(config).SetLogHandler((_, _) => { }).Build();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _producer.Dispose();
        _output.Dispose();
        _mock.Dispose();
    }

    [Benchmark(Baseline = true)]
    public void ConfluentFlush()
    {
        for (var i = 0; i < Messages; i++)
        {
            _producer.Produce(Topic, new Message<byte[], byte[]> { Value = Payload });
        }

        _producer.Flush(CancellationToken.None);
    }

    [Benchmark]
    public void KafkaOutputFlush()
    {
        for (var i = 0; i < Messages; i++)
        {
            _output.Produce(Topic, null, Payload);
        }

        _output.Flush(CancellationToken.None);
    }
}
