using StreamEngine.ClickHouse;
using StreamEngine.ClickHouse.Tables;
using StreamEngine.Core.Events;
using StreamEngine.Core.Features;
using StreamEngine.Host.Engine;

namespace StreamEngine.Host.Features;

/// <summary>Category and country traffic/conversion anomalies against their EWMA baselines, into <c>anomalies</c> and counted.</summary>
internal sealed class AnomalyFeature(FeatureOptions options) : IFeature
{
    public string Name => "anomalies";

    public InputTopic StateInput => InputTopic.Clickstream;


    public IReadOnlyList<InputTopic> Inputs { get; } = [InputTopic.Clickstream];

    public IReadOnlyList<ClickHouseTableDefinition> Tables => [AnomaliesTable.Definition];

    public IDisposable Attach(PartitionStreams streams, FeatureOutputs outputs)
    {
        // The baselines are checkpointed; the minute windows under them are not. Those windows hold commits back like
        // any window, so after a restore they are rebuilt from every replayed click (streams.Clicks, not the checkpointed
        // inputs, which would leave the minutes open at the checkpoint short of the clicks before it). The minutes they
        // re-emit that the restored baselines already folded are skipped by the detector (per key, any minute at or
        // before the last one folded), so no window result is folded twice.
        var detector = new AnomalyDetector(options, streams.Partition);
        _ = streams.Checkpointed(Name, detector);
        var late = outputs.LateClicks(Name, streams.Partition);
        var table = outputs.Table(AnomaliesTable.Definition, AnomaliesTable.Encoder);
        var traffic = outputs.Metrics.FeatureAnomalies.WithLabels("traffic");
        var conversion = outputs.Metrics.FeatureAnomalies.WithLabels("conversion");
        return Anomalies.Build(streams.Clicks, detector, late).Subscribe(
            item =>
            {
                if (item.IsPunctuation)
                {
                    return;
                }

                table.Add(item.Value);
                (item.Value.Metric == AnomalyMetric.Traffic ? traffic : conversion).Inc();
            },
            error => throw new InvalidOperationException($"Pipeline feeding table '{AnomaliesTable.Definition.Name}' failed.", error));
    }
}
