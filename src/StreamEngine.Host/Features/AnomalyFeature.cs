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

    public IReadOnlyList<ClickHouseTableDefinition> Tables => [AnomaliesTable.Definition];

    public IDisposable Attach(PartitionStreams streams, FeatureOutputs outputs)
    {
        var late = outputs.LateClicks(Name, streams.Partition);
        var table = outputs.Table(AnomaliesTable.Definition, AnomaliesTable.Encoder);
        var traffic = outputs.Metrics.FeatureAnomalies.WithLabels("traffic");
        var conversion = outputs.Metrics.FeatureAnomalies.WithLabels("conversion");
        return Anomalies.Build(streams.Clicks, options, streams.Partition, late).Subscribe(
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
