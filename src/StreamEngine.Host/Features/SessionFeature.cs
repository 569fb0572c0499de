using StreamEngine.ClickHouse;
using StreamEngine.ClickHouse.Tables;
using StreamEngine.Core.Events;
using StreamEngine.Core.Features;
using StreamEngine.Core.Time;
using StreamEngine.Host.Engine;

namespace StreamEngine.Host.Features;

/// <summary>Closed sessions (session window per session id) into <c>sessions</c>, with superseded identities marked.</summary>
internal sealed class SessionFeature(FeatureOptions options, CurrencyConverter converter) : IFeature
{
    public string Name => "sessions";

    public InputTopic StateInput => InputTopic.Clickstream;

    public IReadOnlyList<ClickHouseTableDefinition> Tables => [SessionsTable.Definition];

    public IDisposable Attach(PartitionStreams streams, FeatureOutputs outputs)
    {
        var late = outputs.LateEvents.For<ClickEvent>(Name, "clickstream", streams.Partition, static e => e.Type.ToString());
        var table = outputs.Table(SessionsTable.Definition, SessionsTable.Encoder);
        var tracker = new SessionSupersedeTracker(options.SessionGap, options.Grace);
        return Sessions.Build(streams.Clicks, options, converter, streams.Partition, late).Subscribe(
            item =>
            {
                if (item.IsPunctuation)
                {
                    tracker.OnWatermark(item.WatermarkMs);
                    return;
                }

                if (tracker.Observe(item.Value, out var superseded))
                {
                    table.Add(new SessionTableRow(superseded, Superseded: true));
                }

                table.Add(new SessionTableRow(item.Value, Superseded: false));
            },
            error => throw new InvalidOperationException($"Pipeline feeding table '{SessionsTable.Definition.Name}' failed.", error));
    }
}
