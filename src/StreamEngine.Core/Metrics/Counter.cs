using System.Buffers;

namespace StreamEngine.Core.Metrics;

/// <summary>A monotonically increasing count; <see cref="Inc()"/> is one interlocked add and allocates nothing.</summary>
public sealed class Counter : MetricChild
{
    private long _whole;
    private double _fraction;
    private Func<double>? _read;

    internal Counter(string name, IReadOnlyList<string> labelNames, IReadOnlyList<string> labelValues)
        : base(name, labelNames, labelValues)
    {
    }

    /// <summary>The current value (the bound callback's value when one is bound).</summary>
    public double Value => _read is { } read ? read() : Volatile.Read(ref _whole) + Volatile.Read(ref _fraction);

    /// <summary>Adds one.</summary>
    public void Inc() => Interlocked.Increment(ref _whole);

    /// <summary>Adds a non-negative whole amount.</summary>
    public void Inc(long amount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        Interlocked.Add(ref _whole, amount);
    }

    /// <summary>Adds a non-negative amount (e.g. seconds); a compare-and-swap loop, no allocation.</summary>
    public void Add(double amount)
    {
        if (!(amount >= 0) || double.IsInfinity(amount))
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "A counter only increases by a finite amount.");
        }

        AtomicAdd(ref _fraction, amount);
    }

    /// <summary>Makes the series read its value from a callback at scrape time (process CPU, GC counts). Called on the scrape thread.</summary>
    public void Bind(Func<double> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        _read = read;
    }

    internal override void WriteSamples(IBufferWriter<byte> output) => WriteLine(output, Value);
}
