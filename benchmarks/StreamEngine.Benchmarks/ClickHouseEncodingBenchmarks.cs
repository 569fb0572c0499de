using BenchmarkDotNet.Attributes;
using StreamEngine.ClickHouse;

namespace StreamEngine.Benchmarks;

/// <summary>
/// Encodes a batch of typical windowed aggregate rows into RowBinary, as the sink does per row on the consume thread.
/// Excluded from the measurement: building the rows (GlobalSetup) and the HTTP insert. The writer keeps its grown buffer
/// between iterations, as the sink's table writers do between flushes, so steady state must show 0 B allocated.
/// </summary>
[MemoryDiagnoser]
public class ClickHouseEncodingBenchmarks
{
    private AggregateRow[] _rows = [];
    private RowBinaryWriter _writer = null!;
    private readonly AggregateRowEncoder _encoder = new();

    [Params(10_000, 50_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        string[] skus = [.. Enumerable.Range(0, 2_000).Select(i => $"SKU-{i:D6}")];
        string[] countries = ["DE", "FR", "US", "GB", "PL", "NL", "IT", "ES"];
        string[] channels = ["direct", "search", "social", "email", "ads", "affiliate"];
        _rows = new AggregateRow[Rows];
        for (var i = 0; i < _rows.Length; i++)
        {
            _rows[i] = new AggregateRow(
                1_704_067_200_000L + (i / 1_000 * 60_000L),
                skus[random.Next(skus.Length)],
                countries[random.Next(countries.Length)],
                channels[random.Next(channels.Length)],
                (ulong)random.Next(1, 1_000),
                (ulong)random.Next(0, 50),
                random.NextInt64(0, 10_000_000),
                random.NextDouble(),
                (ulong)i);
        }

        _writer = new RowBinaryWriter(Rows * 64);
        EncodeBatch(); // grow the buffer once, outside the measurement
    }

    [GlobalCleanup]
    public void Cleanup() => _writer.Dispose();

    [Benchmark]
    public int EncodeBatch()
    {
        _writer.Clear();
        var rows = _rows;
        for (var i = 0; i < rows.Length; i++)
        {
            _encoder.Encode(in rows[i], _writer);
        }

        return _writer.Length;
    }
}
