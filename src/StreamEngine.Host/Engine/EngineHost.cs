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
    private readonly EngineCore _core;
    private readonly KafkaSource _source;
    private readonly WebApplication? _http;

    private EngineHost(
        EngineOptions options,
        ILogger logger,
        string bootstrapServers,
        InputTopicLayout topics,
        MetricRegistry registry,
        EngineMetrics metrics,
        ClickHouseClient clickHouse,
        TimeProvider time,
        FeatureSet? features)
    {
        Options = options;
        _logger = logger;
        Metrics = metrics;
        BootstrapServers = bootstrapServers;
        _clickHouse = clickHouse;
        _core = new EngineCore(options, clickHouse, bootstrapServers, topics, metrics, new SinkMetrics(metrics, logger), logger, time, features);
        _source = new KafkaSource(options.Kafka, bootstrapServers, _core.Tasks, _core.Barrier, logger, time);
        _core.Output.DeliveryFailed += topic => metrics.OutputErrors.WithLabels(topic).Inc();
        _core.Output.RetryScheduled += (messages, error, delay) => LogOutputRetry(logger, messages, error.Code.ToString(), error.Reason, delay.TotalSeconds);
        foreach (var topic in options.Kafka.InputTopics)
        {
            metrics.AssignedPartitions.WithLabels(topic).Bind(() => _source.Progress.Count(p => p.Topic == topic));
        }

        metrics.KafkaUp.Bind(() => _source.BrokersReachable ? 1 : 0);
        metrics.Commits.Bind(() => _source.Commits);
        metrics.CommitErrors.Bind(() => _source.CommitErrors);
        metrics.SkippedRecords.Bind(() => _source.SkippedRecords);
        _source.PartitionAssigned += p => metrics.ConsumerLag.WithLabels(p.Topic, Label(p.Partition)).Bind(() => p.Lag);
        _source.PartitionRemoved += p => metrics.ConsumerLag.RemoveLabels(p.Topic, Label(p.Partition));

        if (options.Http.Url.Length > 0)
        {
            var readiness = new ReadinessProbe(
            [
                new ReadinessCheck("kafka", () => _source.HasAssignment && _source.BrokersReachable),
                new ReadinessCheck("clickhouse", async ct => await _clickHouse.PingAsync(ct)),
            ]);
            _http = MetricsServer.Build(registry, readiness, options.Http.Url);
            _http.MapStatusPage(metrics, () => _source.Progress, _core.Status, _core.Tasks.PipelineInputs, time);
        }
    }

    public EngineOptions Options { get; }

    private static string Label(int partition) => partition.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public EngineMetrics Metrics { get; }

    public string BootstrapServers { get; }

    public KafkaSource Source => _source;

    public ClickHouseClient ClickHouse => _clickHouse;

    /// <summary>Top products, risky payments and low stock for the status page.</summary>
    public StatusBoard Status => _core.Status;

    /// <summary>The addresses the operations endpoint listens on (empty when it is off).</summary>
    public IReadOnlyList<string> HttpAddresses => _http is null ? [] : MetricsServer.BoundAddresses(_http);

    /// <summary>
    /// Checks the input topics' partition counts (an <see cref="StreamEngine.Core.OptionsException"/> naming topics and
    /// counts when they cannot be joined), creates the tables, connects the outputs and starts the operations endpoint.
    /// </summary>
    public static Task<EngineHost> StartAsync(
        EngineOptions options, string bootstrapServers, ILoggerFactory loggerFactory, CancellationToken cancellationToken) =>
        StartAsync(options, bootstrapServers, loggerFactory, features: null, cancellationToken);

    /// <summary>The same with a chosen feature set instead of <see cref="FeatureCatalog"/>'s (null: the catalog's).</summary>
    public static async Task<EngineHost> StartAsync(
        EngineOptions options, string bootstrapServers, ILoggerFactory loggerFactory, FeatureSet? features, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var logger = loggerFactory.CreateLogger("StreamEngine");
        var topics = InputTopicLayout.Read(options.Kafka, bootstrapServers);
        var registry = new MetricRegistry();
        var metrics = new EngineMetrics(registry);
        var clickHouse = new ClickHouseClient(options.ClickHouse);
        var host = new EngineHost(options, logger, bootstrapServers, topics, registry, metrics, clickHouse, TimeProvider.System, features);
        await new SchemaManager(clickHouse).ApplyAsync(FeatureCatalog.AllTables(host._core.Tasks.Features), cancellationToken: cancellationToken);
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
        _core.Dispose();
        _clickHouse.Dispose();
        if (_http is not null)
        {
            await _http.StopAsync();
            await _http.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "StreamEngine consuming from {BootstrapServers} as group {GroupId}, writing to ClickHouse at {ClickHouse}")]
    private static partial void LogStarted(ILogger logger, string bootstrapServers, string groupId, string clickHouse);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka output: {Messages} messages not delivered ({Code}: {Reason}); producing them again in {Delay:0.0} s, consumption paused")]
    private static partial void LogOutputRetry(ILogger logger, int messages, string code, string reason, double delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Operations endpoint (/metrics, /health/live, /health/ready, /) at {Addresses}")]
    private static partial void LogHttp(ILogger logger, string addresses);
}
