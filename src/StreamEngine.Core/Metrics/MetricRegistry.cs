using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace StreamEngine.Core.Metrics;

/// <summary>
/// Holds metric families and writes them in the Prometheus text format 0.0.4. Registration and scrapes are thread-safe;
/// updates happen on the handles (any thread, lock-free), scrapes on the HTTP thread.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "SemaphoreSlim needs disposing only when AvailableWaitHandle is used, which it never is.")]
public sealed class MetricRegistry
{
    /// <summary>The content type of <see cref="WriteTo(IBufferWriter{byte})"/>'s output.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>The default cap on series per family.</summary>
    public const int DefaultMaxSeries = 1000;

    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _scrapeGate = new(1, 1);
    private readonly ArrayBufferWriter<byte> _scrapeBuffer = new(64 * 1024);
    private MetricFamily[] _families = [];

    /// <summary>The registered families in registration order (a snapshot).</summary>
    public IReadOnlyList<MetricFamily> Families => Volatile.Read(ref _families);

    /// <summary>Registers an unlabelled counter.</summary>
    public Counter CreateCounter(string name, string help) => CreateCounterFamily(name, help, []).WithLabels();

    /// <summary>Registers an unlabelled counter whose value is read from <paramref name="read"/> at scrape time.</summary>
    public Counter CreateCounter(string name, string help, Func<double> read)
    {
        Counter counter = CreateCounter(name, help);
        counter.Bind(read);
        return counter;
    }

    /// <summary>Registers a labelled counter family.</summary>
    public MetricFamily<Counter> CreateCounterFamily(string name, string help, string[] labelNames, int maxSeries = DefaultMaxSeries) =>
        Add(new MetricFamily<Counter>(name, help, MetricType.Counter, Check(name, help, labelNames, false), maxSeries, v => new Counter(name, labelNames, v)));

    /// <summary>Registers an unlabelled gauge.</summary>
    public Gauge CreateGauge(string name, string help) => CreateGaugeFamily(name, help, []).WithLabels();

    /// <summary>Registers an unlabelled gauge whose value is read from <paramref name="read"/> at scrape time.</summary>
    public Gauge CreateGauge(string name, string help, Func<double> read)
    {
        Gauge gauge = CreateGauge(name, help);
        gauge.Bind(read);
        return gauge;
    }

    /// <summary>Registers a labelled gauge family.</summary>
    public MetricFamily<Gauge> CreateGaugeFamily(string name, string help, string[] labelNames, int maxSeries = DefaultMaxSeries) =>
        Add(new MetricFamily<Gauge>(name, help, MetricType.Gauge, Check(name, help, labelNames, false), maxSeries, v => new Gauge(name, labelNames, v)));

    /// <summary>Registers an unlabelled histogram with the given bucket upper bounds (+Inf is implied).</summary>
    public Histogram CreateHistogram(string name, string help, double[] upperBounds) => CreateHistogramFamily(name, help, upperBounds, []).WithLabels();

    /// <summary>Registers a labelled histogram family.</summary>
    public MetricFamily<Histogram> CreateHistogramFamily(string name, string help, double[] upperBounds, string[] labelNames, int maxSeries = DefaultMaxSeries)
    {
        double[] bounds = HistogramBuckets.Validate(upperBounds);
        return Add(new MetricFamily<Histogram>(name, help, MetricType.Histogram, Check(name, help, labelNames, true), maxSeries, v => new Histogram(name, labelNames, v, bounds)));
    }

    /// <summary>Writes every family with at least one series. Families with no series yet are left out.</summary>
    public void WriteTo(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        MetricFamily[] families = Volatile.Read(ref _families);
        for (int i = 0; i < families.Length; i++)
        {
            families[i].WriteTo(output);
        }
    }

    /// <summary>Writes the exposition to a stream through one reused buffer (one scrape at a time).</summary>
    public async Task WriteToAsync(Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        await _scrapeGate.WaitAsync(cancellationToken);
        try
        {
            _scrapeBuffer.ResetWrittenCount();
            WriteTo(_scrapeBuffer);
            await output.WriteAsync(_scrapeBuffer.WrittenMemory, cancellationToken);
        }
        finally
        {
            _scrapeGate.Release();
        }
    }

    private static string[] Check(string name, string help, string[] labelNames, bool histogram)
    {
        ArgumentNullException.ThrowIfNull(help);
        ArgumentNullException.ThrowIfNull(labelNames);
        if (!ExpositionText.IsValidMetricName(name))
        {
            throw new ArgumentException($"'{name}' is not a valid metric name.", nameof(name));
        }

        foreach (string label in labelNames)
        {
            if (!ExpositionText.IsValidLabelName(label) || (histogram && label == "le"))
            {
                throw new ArgumentException($"'{label}' is not a valid label name for {name}.", nameof(labelNames));
            }
        }

        if (labelNames.Distinct(StringComparer.Ordinal).Count() != labelNames.Length)
        {
            throw new ArgumentException($"{name} repeats a label name.", nameof(labelNames));
        }

        return labelNames;
    }

    private TFamily Add<TFamily>(TFamily family)
        where TFamily : MetricFamily
    {
        lock (_gate)
        {
            foreach (MetricFamily existing in _families)
            {
                if (existing.Name == family.Name)
                {
                    throw new InvalidOperationException($"Metric {family.Name} is already registered.");
                }
            }

            Volatile.Write(ref _families, [.. _families, family]);
        }

        return family;
    }
}
