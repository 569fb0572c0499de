using StreamEngine.Core.Events;
using StreamEngine.Core.Operators;
using StreamEngine.Core.Time;

namespace StreamEngine.Core.Features;

/// <summary>Per-user profile features (latest row per user), maintained continuously and written rate-limited.</summary>
public static class UserProfiles
{
    /// <summary>
    /// Builds the profile stream over one partition's clicks (keyed by user, so a user lives in one partition). Rows
    /// carry offset <see cref="long.MaxValue"/>: they summarise unbounded history, which a state checkpoint covers.
    /// </summary>
    public static IObservable<StreamItem<UserProfileRow>> Build(
        IObservable<StreamItem<ClickEvent>> clicks,
        FeatureOptions options,
        CurrencyConverter converter,
        int partition,
        IObserver<LateEvent<ClickEvent>>? late = null)
    {
        ArgumentNullException.ThrowIfNull(clicks);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(converter);
        return new WindowOperatorObservable<ClickEvent, UserProfileRow>(
            clicks, downstream => new UserProfileSink(downstream, options, converter, partition, late));
    }
}
