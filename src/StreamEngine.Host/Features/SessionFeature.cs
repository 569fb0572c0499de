using StreamEngine.ClickHouse;
using StreamEngine.Core;
using StreamEngine.ClickHouse.Tables;
using StreamEngine.Core.Events;
using StreamEngine.Core.Features;
using StreamEngine.Core.Time;
using StreamEngine.Host.Engine;

namespace StreamEngine.Host.Features;

/// <summary>Closed sessions (session window per session id) into <c>sessions</c>, with superseded identities marked.</summary>
internal sealed class SessionFeature : IFeature
{
    private readonly FeatureOptions _options;
    private readonly CurrencyConverter _converter;

    public SessionFeature(FeatureOptions options, CurrencyConverter converter)
    {
        // The superseded markers (SessionSupersedeTracker) are exact only while a session id has one open session.
        ArgumentNullException.ThrowIfNull(options);
        if (options.Grace > options.SessionGap)
        {
            throw new OptionsException($"{FeatureOptions.SectionName}:{nameof(FeatureOptions.Grace)}", "must not exceed SessionGap (sessions table identity)");
        }

        _options = options;
        _converter = converter;
    }

    public string Name => "sessions";

    public InputTopic StateInput => InputTopic.Clickstream;


    public IReadOnlyList<InputTopic> Inputs { get; } = [InputTopic.Clickstream];

    public IReadOnlyList<ClickHouseTableDefinition> Tables => [SessionsTable.Definition];

    public IDisposable Attach(PartitionStreams streams, FeatureOutputs outputs)
    {
        // A replay from the committed offset (held back by the hour windows) would start inside sessions already written
        // and freed, and write their tails as sessions of their own: the open sessions and the identities written are
        // checkpointed instead, and the operator sees only the clicks after the checkpoint.
        var store = Sessions.NewStore();
        var inputs = streams.Checkpointed(Name, store);
        var tracker = new SessionSupersedeTracker(_options.SessionGap, _options.Grace);
        streams.Checkpointed($"{Name}.identities", tracker);
        var late = outputs.LateClicks(Name, streams.Partition);
        var table = outputs.Table(SessionsTable.Definition, SessionsTable.Encoder);
        return Sessions.Build(inputs.Clicks, _options, _converter, streams.Partition, late, store).Subscribe(
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
