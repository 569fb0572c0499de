using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using StreamEngine.ClickHouse;
using StreamEngine.ClickHouse.Tables;
using StreamEngine.Core.Metrics;
using StreamEngine.Host.Configuration;
using StreamEngine.Host.Features;
using StreamEngine.Host.Http;
using StreamEngine.Kafka;

namespace StreamEngine.Host.Engine;

/// <summary>
/// One running engine instance: the Kafka source with its partition tasks, the ClickHouse sink, the Kafka outputs and
/// the operations endpoint. <see cref="Run"/> blocks the calling thread, which becomes the consume thread.
/// </summary>
internal sealed partial class EngineHost : IAsyncDisposable
{
    private readonly ILogger _logger;
    private readonly ClickHouseClient _clickHouse;
    private readonly ClickHouseSink _sink;
    private readonly KafkaOutput _output;
    private readonly KafkaSource _source;
    private readonly WebApplication? _http;

    private EngineHost(
        EngineOptions options,
        ILogger logger,
        string bootstrapServers,
        MetricRegistry registry,
        EngineMetrics metrics,
        FeatureSet features,
        ClickHouseClient clickHouse,
        TimeProvider time)
    {
        Options = options;
        _logger = logger;
        Metrics = metrics;
        BootstrapServers = bootstrapServers;
        _clickHouse = clickHouse;
        _sink = new ClickHouseSink(clickHouse, new SinkMetrics(metrics, logger), time);
        _output = new KafkaOutput(options.Kafka.BuildProducerConfig(bootstrapServers));
        _output.MessageProduced += topic => metrics.OutputMessages.WithLabels(topic).Inc();
        var deadLetters = new DeadLetterPublisher(_output, options.Kafka.DeadLetterTopic);
        var lateEvents = new LateEventWriter(_sink.AddTable(LateEventsTable.Definition, LateEventsTable.Encoder), metrics);
        var outputs = new FeatureOutputs(_sink, _output, metrics, lateEvents, logger);
        var context = new EngineContext(options, features, outputs, deadLetters, metrics, time);
        _source = new KafkaSource(options.Kafka, bootstrapServers, context, new OutputBarrier(_sink, _output), logger, time);
        foreach (var topic in options.Kafka.InputTopics)
        {
            metrics.AssignedPartitions.WithLabels(topic).Bind(() => _source.Progress.Count(p => p.Topic == topic));
        }

        if (options.Http.Url.Length > 0)
        {
            var readiness = new ReadinessProbe(
            [
                new ReadinessCheck("kafka_assigned", () => _source.HasAssignment),
                new ReadinessCheck("clickhouse_reachable", async ct => await _clickHouse.PingAsync(ct)),
            ]);
            _http = MetricsServer.Build(registry, readiness, options.Http.Url);
        }
    }

    public EngineOptions Options { get; }

    public EngineMetrics Metrics { get; }

    public string BootstrapServers { get; }

    public KafkaSource Source => _source;

    public ClickHouseClient ClickHouse => _clickHouse;

    /// <summary>Creates the tables, connects the outputs and starts the operations endpoint.</summary>
    public static async Task<EngineHost> StartAsync(
        EngineOptions options, string bootstrapServers, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var logger = loggerFactory.CreateLogger("StreamEngine");
        var registry = new MetricRegistry();
        var metrics = new EngineMetrics(registry);
        var features = FeatureCatalog.Create(options);
        var clickHouse = new ClickHouseClient(options.ClickHouse);
        await new SchemaManager(clickHouse).ApplyAsync(FeatureCatalog.AllTables(features), cancellationToken: cancellationToken);
        var host = new EngineHost(options, logger, bootstrapServers, registry, metrics, features, clickHouse, TimeProvider.System);
        if (host._http is not null)
        {
            await host._http.StartAsync(cancellationToken);
            LogHttp(logger, string.Join(", ", MetricsServer.BoundAddresses(host._http)));
        }

        return host;
    }

    /// <summary>
    /// Consumes on a dedicated consume thread until cancelled or, with <paramref name="stopWhenCaughtUp"/>, until every
    /// partition is caught up and the predicate agrees; the task faults if the engine stops on an error.
    /// </summary>
    public Task RunAsync(CancellationToken cancellationToken, Func<bool>? stopWhenCaughtUp = null)
    {
        LogStarted(_logger, BootstrapServers, Options.Kafka.GroupId, Options.ClickHouse.Url.ToString());
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                _source.Run(cancellationToken, stopWhenCaughtUp);
                completion.SetResult();
            }
            catch (Exception ex)
            {
                completion.SetException(ex);
            }
        })
        {
            Name = "streamengine-consume",
        };
        thread.Start();
        return completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _source.Dispose();
        _output.Dispose();
        _sink.Dispose();
        _clickHouse.Dispose();
        if (_http is not null)
        {
            await _http.StopAsync();
            await _http.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "StreamEngine consuming from {BootstrapServers} as group {GroupId}, writing to ClickHouse at {ClickHouse}")]
    private static partial void LogStarted(ILogger logger, string bootstrapServers, string groupId, string clickHouse);

    [LoggerMessage(Level = LogLevel.Information, Message = "Operations endpoint (/metrics, /health/live, /health/ready, /) at {Addresses}")]
    private static partial void LogHttp(ILogger logger, string addresses);
}
