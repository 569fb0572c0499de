using System.Reactive.Linq;
using StreamEngine.Core.Events;
using StreamEngine.Core.Operators;
using StreamEngine.Core.Time;

namespace StreamEngine.Core.Features;

/// <summary>Per-user profile features (latest row per user), maintained continuously and written rate-limited.</summary>
public static class UserProfiles
{
    /// <summary>Builds the profile stream with a fresh <see cref="UserProfileStore"/> per subscription.</summary>
    public static IObservable<StreamItem<UserProfileRow>> Build(
        IObservable<StreamItem<ClickEvent>> clicks,
        FeatureOptions options,
        CurrencyConverter converter,
        int partition,
        IObserver<StreamItem<ClickEvent>>? late = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Observable.Defer(() => Build(clicks, new UserProfileStore(options), converter, partition, late));
    }

    /// <summary>
    /// Builds the profile stream over one partition's clicks (keyed by user, so a user lives in one partition), keeping
    /// its state in <paramref name="store"/> (checkpointed by the caller). Rows carry offset <see cref="long.MaxValue"/>:
    /// they summarise unbounded history, which the store's checkpoint covers.
    /// </summary>
    public static IObservable<StreamItem<UserProfileRow>> Build(
        IObservable<StreamItem<ClickEvent>> clicks,
        UserProfileStore store,
        CurrencyConverter converter,
        int partition,
        IObserver<StreamItem<ClickEvent>>? late = null)
    {
        ArgumentNullException.ThrowIfNull(clicks);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(converter);
        return new WindowOperatorObservable<ClickEvent, UserProfileRow>(
            clicks,
            downstream =>
            {
                store.Claim();
                return new UserProfileSink(downstream, store, converter, partition, late);
            });
    }
}
