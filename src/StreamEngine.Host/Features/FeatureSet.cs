using System.Reactive.Disposables;
using StreamEngine.ClickHouse;
using StreamEngine.Core.Time;
using StreamEngine.Core.Windows;
using StreamEngine.Host.Engine;

namespace StreamEngine.Host.Features;

/// <summary>The features the engine runs; attaches them to each partition task and tracks their open state.</summary>
internal sealed class FeatureSet(IReadOnlyList<IFeature> features)
{
    // Window and session operators of every live task, per feature, for the open-windows gauge (read by scrapes).
    private readonly Dictionary<string, List<IWindowOperatorState>> _operators = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<IFeature> Features { get; } = features;

    public IEnumerable<ClickHouseTableDefinition> Tables => Features.SelectMany(f => f.Tables).DistinctBy(t => t.Name);

    public IDisposable Attach(PartitionStreams streams, FeatureOutputs outputs)
    {
        var subscriptions = new CompositeDisposable();
        try
        {
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

                subscriptions.Add(TrackOpenWindows(feature.Name, operators.OfType<IWindowOperatorState>().ToList(), outputs));
            }
        }
        catch
        {
            // An unreadable checkpoint fails the attach part-way: undo what was attached before it is retried fresh.
            subscriptions.Dispose();
            throw;
        }

        return subscriptions;
    }

    private IDisposable TrackOpenWindows(string feature, List<IWindowOperatorState> states, FeatureOutputs outputs)
    {
        lock (_gate)
        {
            if (!_operators.TryGetValue(feature, out var live))
            {
                live = [];
                _operators.Add(feature, live);
                outputs.Metrics.OpenWindows.WithLabels(feature).Bind(() => OpenWindows(feature));
            }

            live.AddRange(states);
        }

        return Disposable.Create(() =>
        {
            lock (_gate)
            {
                _operators[feature].RemoveAll(states.Contains);
            }
        });
    }

    private double OpenWindows(string feature)
    {
        lock (_gate)
        {
            return _operators[feature].Sum(state => state.StateCount);
        }
    }
}
