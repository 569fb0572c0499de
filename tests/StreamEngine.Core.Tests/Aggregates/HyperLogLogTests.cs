using StreamEngine.Core.Aggregates;

namespace StreamEngine.Core.Tests.Aggregates;

public class HyperLogLogTests
{
    // SplitMix64: well-mixed 64-bit hashes, as the pseudonymiser produces.
    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EB;
        return x ^ (x >> 31);
    }

    private static HyperLogLog Sketch(ulong from, int count)
    {
        var sketch = default(HyperLogLog);
        for (var i = 0; i < count; i++)
        {
            sketch.Add(Mix(from + (ulong)i));
        }

        return sketch;
    }

    [Theory]
    [InlineData(100)]
    [InlineData(1_000)]
    [InlineData(10_000)]
    [InlineData(100_000)]
    [InlineData(1_000_000)]
    public void Estimate_IsWithinFourStandardErrorsOfExact(int exact)
    {
        var estimate = Sketch(0, exact).Estimate();
        Assert.InRange(Math.Abs(estimate - exact) / exact, 0, 4 * HyperLogLog.StandardError);
    }

    [Fact]
    public void MeasuredRelativeError_MatchesTheDocumentedBound()
    {
        // 200 independent sets of 20,000 distinct values: the RMS relative error should be close to 1.04/sqrt(1024).
        double sumSquares = 0;
        const int Trials = 200, Exact = 20_000;
        for (var t = 0; t < Trials; t++)
        {
            var relative = (Sketch((ulong)t * 1_000_000_007UL, Exact).Estimate() - Exact) / Exact;
            sumSquares += relative * relative;
        }

        var rms = Math.Sqrt(sumSquares / Trials);
        Assert.InRange(rms, 0.02, 0.045); // documented 3.25 %
    }

    [Fact]
    public void Duplicates_DoNotChangeTheEstimate()
    {
        var once = Sketch(0, 5_000);
        var twice = Sketch(0, 5_000);
        twice.Merge(Sketch(0, 5_000));
        Assert.Equal(once.Estimate(), twice.Estimate());
    }

    [Fact]
    public void Merge_EqualsTheSketchOfTheUnion_AndDoesNotAliasTheOther()
    {
        var a = Sketch(0, 30_000);
        var b = Sketch(20_000, 30_000);
        var union = Sketch(0, 50_000);
        var merged = default(HyperLogLog);
        merged.Merge(a);
        merged.Merge(b);
        Assert.Equal(union.ToArray(), merged.ToArray());
        var before = a.ToArray();
        merged.Add(Mix(999_999_999));
        merged.Merge(Sketch(900_000, 10_000));
        Assert.Equal(before, a.ToArray());
    }

    [Fact]
    public void Empty_EstimatesZero_AndExportsZeroRegisters()
    {
        var empty = default(HyperLogLog);
        Assert.True(empty.IsEmpty);
        Assert.Equal(0, empty.Estimate());
        Assert.Equal(new byte[1024], empty.ToArray());
        Assert.Equal(0, HyperLogLog.Estimate(new byte[1024]));
    }

    [Fact]
    public void ExportedRegisters_RoundTripAndEstimateTheSame()
    {
        var sketch = Sketch(5, 12_345);
        var registers = sketch.ToArray();
        Assert.Equal(1024, registers.Length);
        Assert.Equal(sketch.Estimate(), HyperLogLog.Estimate(registers));
        Assert.Equal(registers, HyperLogLog.FromRegisters(registers).ToArray());
    }

    [Fact]
    public void SmallCardinalities_UseLinearCountingAndAreNearlyExact()
    {
        for (var n = 1; n <= 50; n++)
        {
            Assert.InRange(Sketch(77, n).Estimate(), n - 2.5, n + 2.5); // collisions ~ n²/2m
        }
    }

    [Fact]
    public void Aggregate_AddMergeResult_ResultIsAnIndependentCopy()
    {
        var agg = new DistinctCountAggregate();
        var state = agg.Initial();
        for (ulong i = 0; i < 1000; i++)
        {
            agg.Add(ref state, Mix(i));
        }

        var other = agg.Initial();
        for (ulong i = 5_000; i < 10_000; i++)
        {
            agg.Add(ref other, Mix(i));
        }

        var result = agg.Result(state);
        agg.Merge(ref state, other);
        Assert.NotEqual(result.ToArray(), state.ToArray());
        Assert.InRange(result.Estimate(), 900, 1100);
        Assert.InRange(agg.Result(state).Estimate(), 5_500, 6_500);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(HyperLogLog.SparseCapacity)]
    [InlineData(HyperLogLog.SparseCapacity + 1)]
    [InlineData(5_000)]
    public void SparseSketch_HasTheSameRegistersAndEstimateAsDense(int distinct)
    {
        var sparse = default(HyperLogLog);
        var dense = HyperLogLog.FromRegisters(new byte[HyperLogLog.RegisterCount]);
        var random = new Random(distinct);
        for (var i = 0; i < distinct; i++)
        {
            var hash = (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63);
            sparse.Add(hash);
            dense.Add(hash);
        }

        Assert.Equal(distinct > HyperLogLog.SparseCapacity, sparse.IsDense);
        Assert.Equal(dense.ToArray(), sparse.ToArray());
        Assert.Equal(dense.Estimate(), sparse.Estimate(), 9);
        Assert.Equal(dense.ToSparse(), sparse.ToSparse());
    }

    [Fact]
    public void ToSparse_ListsEachNonZeroRegisterOnceAsIndexTimes64PlusRank()
    {
        var sketch = default(HyperLogLog);
        sketch.Add(0x0010_0000_0000_0000UL); // register 0, rank 1 + 1 leading zero after the index bits
        sketch.Add(0xFFC0_0000_0000_0001UL); // register 1023
        var registers = sketch.ToArray();
        var expected = registers.Select((rank, index) => (rank, index)).Where(r => r.rank != 0)
            .Select(r => (ushort)((r.index << 6) | r.rank)).ToArray();
        Assert.Equal(expected, sketch.ToSparse());
        Assert.Equal(2, expected.Length);
    }

    [Fact]
    public void Merge_OfSparseAndDenseSketches_EqualsTheSketchOfTheUnion()
    {
        var small = default(HyperLogLog);
        var large = default(HyperLogLog);
        var union = HyperLogLog.FromRegisters(new byte[HyperLogLog.RegisterCount]);
        for (ulong i = 1; i <= 10; i++)
        {
            small.Add(i * 0x9E37_79B9_7F4A_7C15UL);
            union.Add(i * 0x9E37_79B9_7F4A_7C15UL);
        }

        for (ulong i = 100; i < 400; i++)
        {
            large.Add(i * 0x9E37_79B9_7F4A_7C15UL);
            union.Add(i * 0x9E37_79B9_7F4A_7C15UL);
        }

        var sparseIntoDense = large.Clone();
        sparseIntoDense.Merge(small);
        var denseIntoSparse = small.Clone();
        denseIntoSparse.Merge(large);
        Assert.Equal(union.ToArray(), sparseIntoDense.ToArray());
        Assert.Equal(union.ToArray(), denseIntoSparse.ToArray());
        Assert.False(small.IsDense);
    }

    [Fact]
    public void ClickHouseSql_SubstitutesTheRegistersExpression()
    {
        var sql = HyperLogLog.ClickHouseEstimateSql("maxForEach(uv_hll)");
        Assert.DoesNotContain("{registers}", sql, StringComparison.Ordinal);
        Assert.Contains("arrayMap(x -> pow(2, -x), maxForEach(uv_hll))", sql, StringComparison.Ordinal);
        Assert.Contains("countEqual(maxForEach(uv_hll), 0)", sql, StringComparison.Ordinal);
    }
}
