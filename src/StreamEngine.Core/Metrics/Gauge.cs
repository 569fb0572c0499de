using System.Buffers;

namespace StreamEngine.Core.Metrics;

/// <summary>A value that goes up and down; every update is lock-free and allocates nothing.</summary>
public sealed class Gauge : MetricChild
{
    private double _value;
    private Func<double>? _read;

    internal Gauge(string name, IReadOnlyList<string> labelNames, IReadOnlyList<string> labelValues)
        : base(name, labelNames, labelValues)
    {
    }

    /// <summary>The current value (the bound callback's value when one is bound).</summary>
    public double Value => _read is { } read ? read() : Volatile.Read(ref _value);

    /// <summary>Replaces the value.</summary>
    public void Set(double value) => Interlocked.Exchange(ref _value, value);

    /// <summary>Adds one.</summary>
    public void Inc() => AtomicAdd(ref _value, 1);

    /// <summary>Subtracts one.</summary>
    public void Dec() => AtomicAdd(ref _value, -1);

    /// <summary>Adds a (possibly negative) amount.</summary>
    public void Add(double amount) => AtomicAdd(ref _value, amount);

    /// <summary>Makes the series read its value from a callback at scrape time (lag, memory). Called on the scrape thread.</summary>
    public void Bind(Func<double> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        _read = read;
    }

    internal override void WriteSamples(IBufferWriter<byte> output) => WriteLine(output, Value);
}
