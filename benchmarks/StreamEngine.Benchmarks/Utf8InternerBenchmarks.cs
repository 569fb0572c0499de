using System.Text;
using BenchmarkDotNet.Attributes;
using StreamEngine.Core.Events;

namespace StreamEngine.Benchmarks;

/// <summary>
/// Cache hits of <see cref="Utf8Interner"/> (byte-keyed open addressing) against the BCL alternative it replaced:
/// transcode to chars, then a Dictionary&lt;string, string&gt; alternate lookup. Excluded: filling the caches (setup).
/// </summary>
[MemoryDiagnoser]
public class Utf8InternerBenchmarks
{
    private byte[][] _values = [];
    private Utf8Interner _interner = null!;
    private Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    [Params(64, 4096)]
    public int Distinct { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _values = Enumerable.Range(0, Distinct).Select(i => Encoding.UTF8.GetBytes($"SKU-{i:D6}")).ToArray();
        _interner = new Utf8Interner();
        var dictionary = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var v in _values)
        {
            _interner.Intern(v);
            var s = Encoding.UTF8.GetString(v);
            dictionary[s] = s;
        }

        _lookup = dictionary.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = 1024)]
    public int DictionaryOverChars()
    {
        var total = 0;
        Span<char> chars = stackalloc char[Utf8Interner.MaxValueBytes];
        for (var i = 0; i < 1024; i++)
        {
            var length = Encoding.UTF8.GetChars(_values[i % _values.Length], chars);
            _lookup.TryGetValue(chars[..length], out var value);
            total += value!.Length;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = 1024)]
    public int ByteKeyedInterner()
    {
        var total = 0;
        for (var i = 0; i < 1024; i++)
        {
            total += _interner.Intern(_values[i % _values.Length]).Length;
        }

        return total;
    }
}
