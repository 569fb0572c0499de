using StreamEngine.ClickHouse;
using StreamEngine.ClickHouse.Tables;
using StreamEngine.Core.Events;
using StreamEngine.Core.Features;
using StreamEngine.Host.Engine;

namespace StreamEngine.Host.Features;

/// <summary>Per-user profile features, latest row per user, into <c>user_profiles</c>.</summary>
internal sealed class UserProfileFeature(FeatureOptions options, CurrencyConverter converter) : IFeature
{
    public string Name => "user_profiles";

    public InputTopic StateInput => InputTopic.Clickstream;


    public IReadOnlyList<InputTopic> Inputs { get; } = [InputTopic.Clickstream];

    public IReadOnlyList<ClickHouseTableDefinition> Tables => [UserProfilesTable.Definition];

    public IDisposable Attach(PartitionStreams streams, FeatureOutputs outputs)
    {
        // 30 days of per-user history cannot be rebuilt by a short replay: checkpointed, and fed only what it lacks.
        var store = new UserProfileStore(options);
        var inputs = streams.Checkpointed(Name, store);
        var late = outputs.LateClicks(Name, streams.Partition);
        var table = outputs.Table(UserProfilesTable.Definition, UserProfilesTable.Encoder);
        return UserProfiles.Build(inputs.Clicks, store, converter, streams.Partition, late).Subscribe(FeatureOutputs.Rows(table));
    }
}
