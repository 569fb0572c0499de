namespace StreamEngine.Core.Features;

/// <summary>
/// The profile feature's state over one partition: every user's <see cref="UserProfileState"/> (30 days of history),
/// the users changed since their last row, in order, the next sweep time and the reorder buffer. Build one per
/// partition with the feature's options and pass it to <see cref="UserProfiles.Build(IObservable{Time.StreamItem{Events.ClickEvent}}, UserProfileStore, CurrencyConverter, int, IObserver{Time.StreamItem{Events.ClickEvent}}?)"/>.
/// </summary>
public sealed class UserProfileStore(FeatureOptions options) : FeatureStore
{
    internal FeatureOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    internal ClickReorderBuffer Buffer { get; } = new();

    internal Dictionary<ulong, UserProfileState> Users { get; } = [];

    /// <summary>Users with <see cref="UserProfileState.Dirty"/> set, in the order their rows are due.</summary>
    internal List<ulong> Changed { get; } = [];

    internal long NextSweepMs { get; set; } = long.MinValue;

    private protected override byte FormatVersion => 1;

    private protected override void Write(BinaryWriter writer)
    {
        Buffer.Write(writer);
        writer.Write(NextSweepMs);
        writer.WriteCount(Users.Count);
        foreach (var (id, user) in Users)
        {
            writer.Write(id);
            user.Write(writer);
        }

        writer.WriteCount(Changed.Count);
        foreach (var id in Changed)
        {
            writer.Write(id);
        }
    }

    private protected override void Read(FeatureStateReader reader)
    {
        Buffer.Read(reader);
        NextSweepMs = reader.ReadInt64();
        Users.Clear();
        var users = reader.ReadCount();
        for (var i = 0; i < users; i++)
        {
            var id = reader.ReadUInt64();
            if (!Users.TryAdd(id, UserProfileState.Read(reader, Options.ProfileCategoryCapacity)))
            {
                throw new InvalidDataException($"User {id} is listed twice.");
            }
        }

        Changed.Clear();
        var changed = reader.ReadCount();
        for (var i = 0; i < changed; i++)
        {
            var id = reader.ReadUInt64();
            if (!Users.TryGetValue(id, out var user) || user.Dirty)
            {
                throw new InvalidDataException($"Changed user {id} is unknown or listed twice.");
            }

            user.Dirty = true;
            Changed.Add(id);
        }
    }
}
