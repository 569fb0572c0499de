namespace StreamEngine.Core.Aggregates;

/// <summary>
/// Approximate distinct count of 64-bit hashes with a <see cref="HyperLogLog"/> (≈ 3.25 % standard error). The result is
/// an independent copy of the sketch, so it can be estimated now and its registers stored for merging later.
/// </summary>
public readonly struct DistinctCountAggregate : IWindowAggregate<ulong, HyperLogLog, HyperLogLog>
{
    public HyperLogLog Initial() => default;

    public void Add(ref HyperLogLog state, in ulong input) => state.Add(input);

    public void Merge(ref HyperLogLog state, in HyperLogLog other) => state.Merge(other);

    public HyperLogLog Result(in HyperLogLog state) => state.Clone();
}
