using System.Reactive.Disposables;
using StreamEngine.ClickHouse;
using StreamEngine.Core.Time;
using StreamEngine.Host.Engine;

namespace StreamEngine.Host.Features;

/// <summary>The features the engine runs; attaches them to each partition task and tracks their open state.</summary>
internal sealed class FeatureSet(IReadOnlyList<IFeature> features)
{
    public IReadOnlyList<IFeature> Features { get; } = features;

    public IEnumerable<ClickHouseTableDefinition> Tables => Features.SelectMany(f => f.Tables).DistinctBy(t => t.Name);

    public IDisposable Attach(PartitionStreams streams, FeatureOutputs outputs)
    {
        var subscriptions = new CompositeDisposable();
        foreach (var feature in Features)
        {
            var operators = new List<IOffsetTracking>();
            using (OffsetTrackingScope.Begin(operators))
            {
                subscriptions.Add(feature.Attach(streams, outputs));
            }

            foreach (var state in operators)
            {
                streams.TrackState(feature.StateInput, state);
            }
        }

        return subscriptions;
    }
}
