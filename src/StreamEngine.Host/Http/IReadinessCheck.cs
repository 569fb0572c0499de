namespace StreamEngine.Host.Http;

/// <summary>One named condition of <c>/health/ready</c> (e.g. "kafka": partitions assigned, "clickhouse": reachable).</summary>
public interface IReadinessCheck
{
    /// <summary>The name reported in the 503 body when the check fails; short and stable, e.g. <c>kafka</c>.</summary>
    string Name { get; }

    /// <summary>True when ready. Called on an HTTP thread per readiness request; a throw or time-out counts as not ready.</summary>
    ValueTask<bool> IsReadyAsync(CancellationToken cancellationToken);
}
