using StreamEngine.Core.Checkpoints;
using StreamEngine.Core.Events;
using StreamEngine.Core.Features;
using StreamEngine.Core.Time;

namespace StreamEngine.Core.Tests.Features.Checkpoints;

public sealed class UserProfileStoreTests
{
    private static readonly FeatureOptions Options = new();

    public static TheoryData<string, double[]> Runs => new()
    {
        { nameof(SimulatedClicks.ThreeDays), [0.13, 0.5, 0.5, 0.87] },
        { nameof(SimulatedClicks.SixWeeksOfRegulars), [0.3, 0.62, 0.95] },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void Restored_Store_EmitsExactlyTheRowsOfAnUninterruptedRun(string run, double[] at)
    {
        var arrivals = Arrivals(run);
        var splits = at.Select(f => (int)(f * arrivals.Count)).ToList();
        Assert.All(splits, s => Assert.True(SimulatedClicks.SessionsOpenAt(arrivals, s, Options.SessionGap) > 0, $"no session open at {s}"));

        var uninterrupted = CheckpointReplay.Uninterrupted(arrivals, NewStore, Pipeline);
        var restored = CheckpointReplay.Interrupted(arrivals, splits, NewStore, Pipeline);

        Assert.True(StreamFeed.Events(uninterrupted).Count > arrivals.Count / 20);
        Assert.All(restored.Restarts, r => Assert.True(r.Committed < r.Position, $"nothing buffered at {r.Position}"));
        CheckpointReplay.AssertSameOutput(uninterrupted, restored.Output);
    }

    [Fact]
    public void SixWeeksOfRegulars_HasUsersWhoExpireAndReturn()
    {
        // The long run must exercise the 30-day expiry the store keeps across restarts (NextSweepMs, freed users).
        var expiryMs = (UserProfileState.Days * UserProfileState.DayMs) + (long)Options.SessionGap.TotalMilliseconds;
        var returning = SimulatedClicks.SixWeeksOfRegulars
            .GroupBy(a => a.Event.UserId)
            .Count(g => g.Select(a => a.Event.TimeMs).Order().Zip(g.Select(a => a.Event.TimeMs).Order().Skip(1)).Any(p => p.Second - p.First > expiryMs));
        Assert.True(returning > 0);
    }

    [Fact]
    public void Restore_WithFewerCategoriesAllowedThanAProfileHolds_Throws()
    {
        var bytes = FeatureStoreCheckpoints.Early(NewStore, Pipeline);
        var narrower = new UserProfileStore(new FeatureOptions { ProfileCategoryCapacity = 1 });

        var error = Assert.Throws<InvalidDataException>(() => StateSnapshot.Restore(narrower, bytes));
        Assert.Contains("ProfileCategoryCapacity", error.Message, StringComparison.Ordinal);
    }

    internal static UserProfileStore NewStore() => new(Options);

    internal static IObservable<StreamItem<UserProfileRow>> Pipeline(
        IObservable<StreamItem<ClickEvent>> all, IObservable<StreamItem<ClickEvent>> checkpointed, UserProfileStore store) =>
        UserProfiles.Build(checkpointed, store, new CurrencyConverter(Options), 3);

    private static IReadOnlyList<Arrival> Arrivals(string run) =>
        run == nameof(SimulatedClicks.ThreeDays) ? SimulatedClicks.ThreeDays : SimulatedClicks.SixWeeksOfRegulars;
}
