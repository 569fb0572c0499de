namespace StreamEngine.Host.Http;

/// <summary>An <see cref="IReadinessCheck"/> from a delegate, for checks that read a flag or ping a server.</summary>
public sealed class ReadinessCheck : IReadinessCheck
{
    private readonly Func<CancellationToken, ValueTask<bool>> _check;

    /// <summary>A check that runs <paramref name="check"/> (may do I/O).</summary>
    public ReadinessCheck(string name, Func<CancellationToken, ValueTask<bool>> check)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(check);
        Name = name;
        _check = check;
    }

    /// <summary>A check that reads a condition without I/O, e.g. <c>() =&gt; assignedPartitions &gt; 0</c>.</summary>
    public ReadinessCheck(string name, Func<bool> isReady)
        : this(name, _ => ValueTask.FromResult(isReady()))
    {
        ArgumentNullException.ThrowIfNull(isReady);
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public ValueTask<bool> IsReadyAsync(CancellationToken cancellationToken) => _check(cancellationToken);
}
