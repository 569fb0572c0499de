namespace StreamEngine.Core.Time;

/// <summary>
/// Collects the stateful operators created while a partition task builds its pipelines, so the task can hold its
/// offset commits below every operator's open state without each feature having to hand its operators out (a feature
/// that forgot one would silently lose data on a crash). Scopes are per thread; pipelines are built on the consume thread.
/// </summary>
public static class OffsetTrackingScope
{
    [ThreadStatic]
    private static List<IOffsetTracking>? t_current;

    /// <summary>Starts collecting into <paramref name="into"/> until the returned scope is disposed.</summary>
    public static IDisposable Begin(List<IOffsetTracking> into)
    {
        var previous = t_current;
        t_current = into;
        return new Scope(previous);
    }

    /// <summary>Called by stateful operators when they are created; a no-op outside a scope (tests, benchmarks).</summary>
    public static void Register(IOffsetTracking operatorState) => t_current?.Add(operatorState);

    private sealed class Scope(List<IOffsetTracking>? previous) : IDisposable
    {
        public void Dispose() => t_current = previous;
    }
}
