namespace StreamEngine.Core.Metrics;

/// <summary>
/// A labelled metric. <see cref="WithLabels"/> resolves a set of label values to its series handle once (it locks and
/// allocates); the hot path keeps the handle. The number of series is capped so a bug cannot explode cardinality.
/// </summary>
/// <typeparam name="TChild">The series type: <see cref="Counter"/>, <see cref="Gauge"/> or <see cref="Histogram"/>.</typeparam>
public sealed class MetricFamily<TChild> : MetricFamily
    where TChild : MetricChild
{
    private readonly Func<IReadOnlyList<string>, TChild> _create;
    private readonly Dictionary<string, TChild> _byKey = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private TChild[] _series = [];

    internal MetricFamily(string name, string help, MetricType type, IReadOnlyList<string> labelNames, int maxSeries, Func<IReadOnlyList<string>, TChild> create)
        : base(name, help, type, labelNames)
    {
        MaxSeries = maxSeries;
        _create = create;
    }

    /// <summary>The most series this family accepts; <see cref="WithLabels"/> throws beyond it.</summary>
    public int MaxSeries { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<MetricChild> Series => Volatile.Read(ref _series);

    /// <summary>The series for these label values (created on first use). Call once and keep the handle.</summary>
    public TChild WithLabels(params string[] labelValues)
    {
        ArgumentNullException.ThrowIfNull(labelValues);
        if (labelValues.Length != LabelNames.Count)
        {
            throw new ArgumentException($"{Name} takes {LabelNames.Count} label values ({string.Join(", ", LabelNames)}), got {labelValues.Length}.", nameof(labelValues));
        }

        string key = KeyOf(labelValues);
        lock (_gate)
        {
            if (_byKey.TryGetValue(key, out TChild? existing))
            {
                return existing;
            }

            if (_byKey.Count >= MaxSeries)
            {
                throw new InvalidOperationException($"{Name} already has {MaxSeries} series; label values must come from a small fixed set.");
            }

            TChild child = _create(labelValues);
            _byKey.Add(key, child);
            // Copy-on-write: a scrape reads the array reference without locking or allocating.
            Volatile.Write(ref _series, [.. _series, child]);
            return child;
        }
    }

    /// <summary>Removes a series (e.g. the lag of a revoked partition); returns false when it did not exist.</summary>
    public bool RemoveLabels(params string[] labelValues)
    {
        ArgumentNullException.ThrowIfNull(labelValues);
        string key = KeyOf(labelValues);
        lock (_gate)
        {
            if (!_byKey.Remove(key, out TChild? removed))
            {
                return false;
            }

            Volatile.Write(ref _series, Array.FindAll(_series, s => !ReferenceEquals(s, removed)));
            return true;
        }
    }

    // Length-prefixed so no choice of label values can make two different sets collide.
    private static string KeyOf(string[] labelValues)
    {
        var key = new System.Text.StringBuilder();
        foreach (string value in labelValues)
        {
            ArgumentNullException.ThrowIfNull(value, nameof(labelValues));
            key.Append(value.Length).Append(':').Append(value);
        }

        return key.ToString();
    }
}
