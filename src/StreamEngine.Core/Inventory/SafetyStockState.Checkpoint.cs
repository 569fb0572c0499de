using System.Runtime.InteropServices;
using StreamEngine.Core.Checkpoints;

namespace StreamEngine.Core.Inventory;

/// <content>
/// Checkpoint of the whole state: per SKU and warehouse the position, open orders, remembered moves, demand ring, EWMA,
/// class, threshold, hysteresis and gauge flags; lead times; bucket progress; counters; the join's input watermarks.
/// Not saved: the day-close scratch values (rolling statistics, revenue, ABC and category buffers), which each close
/// recomputes for every SKU before reading them. Gauge counters are rebuilt from the per-SKU gauge flags.
/// </content>
public sealed partial class SafetyStockState : ICheckpointState
{
    private const byte CheckpointVersion = 1;

    [Flags]
    private enum SkuFlags : byte
    {
        None = 0,
        HasThreshold = 1,
        SignalDisarmed = 2,
        CountedBelow = 4,
        CountedZero = 8,
        HasSupplier = 16,
        All = HasThreshold | SignalDisarmed | CountedBelow | CountedZero | HasSupplier,
    }

    /// <summary>Writes the complete state (consume thread, between records).</summary>
    public void Save(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(CheckpointVersion);
        writer.Write(_bucketMs);
        writer.Write(_options.LookbackBuckets);
        writer.Write(_options.OpenBuckets);
        writer.Write(_options.LeadTimeReceipts);
        writer.Write(_firstDay);
        writer.Write(_maxDay);
        writer.Write(_lastClosedDay);
        writer.Write(_inventoryWatermarkMs);
        writer.Write(_demandWatermarkMs);
        writer.Write(LateDemandEvents);
        writer.Write(ExpiredDemandEvents);
        writer.Write(StaleSnapshots);
        writer.Write(LateSnapshots);
        writer.Write(_skus.Count);
        foreach (var (key, state) in _skus)
        {
            writer.Write(key.Sku);
            writer.Write(key.Warehouse);
            SaveSku(writer, state);
        }

        writer.Write(_leadTimes.Count);
        foreach (var ((supplier, warehouse), stats) in _leadTimes)
        {
            writer.Write(supplier);
            writer.Write(warehouse);
            stats.Save(writer);
        }
    }

    /// <summary>
    /// Replaces this freshly built state with one written by <see cref="Save"/> under the same bucket, lookback,
    /// open-bucket and lead-time settings; throws <see cref="InvalidDataException"/> otherwise or on impossible values.
    /// SKUs are added in their saved order, so bucket closes emit thresholds in the original's order.
    /// </summary>
    public void Restore(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (_skus.Count > 0 || _leadTimes.Count > 0 || _firstDay != long.MaxValue)
        {
            throw new InvalidOperationException("A safety-stock state is restored only into a freshly built one.");
        }

        var version = reader.ReadByte();
        if (version != CheckpointVersion)
        {
            throw new InvalidDataException($"Unknown safety-stock checkpoint version {version} (this build reads {CheckpointVersion}).");
        }

        var shape = (reader.ReadInt64(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
        if (shape != (_bucketMs, _options.LookbackBuckets, _options.OpenBuckets, _options.LeadTimeReceipts))
        {
            throw new InvalidDataException(
                $"The safety-stock checkpoint was written with (bucket ms, lookback buckets, open buckets, lead-time receipts) {shape}, not the configured ones.");
        }

        _firstDay = reader.ReadInt64();
        _maxDay = reader.ReadInt64();
        _lastClosedDay = reader.ReadInt64();
        _inventoryWatermarkMs = reader.ReadInt64();
        _demandWatermarkMs = reader.ReadInt64();
        LateDemandEvents = ReadCounter(reader);
        ExpiredDemandEvents = ReadCounter(reader);
        StaleSnapshots = ReadCounter(reader);
        LateSnapshots = ReadCounter(reader);

        var strings = new Dictionary<string, string>(StringComparer.Ordinal);
        var skus = ReadCount(reader, "SKUs");
        for (var i = 0; i < skus; i++)
        {
            var key = new SkuWarehouseKey(Pooled(strings, reader.ReadString()), Pooled(strings, reader.ReadString()));
            var state = ReadSku(reader, strings);
            if (!_skus.TryAdd(key, state))
            {
                throw new InvalidDataException($"The safety-stock checkpoint holds {key} twice.");
            }

            var gauge = Gauge(key.Warehouse);
            gauge.AddBelow(state.CountedBelow ? 1 : 0);
            gauge.AddZero(state.CountedZero ? 1 : 0);
        }

        var leadTimes = ReadCount(reader, "lead-time statistics");
        for (var i = 0; i < leadTimes; i++)
        {
            var key = (Pooled(strings, reader.ReadString()), Pooled(strings, reader.ReadString()));
            if (!_leadTimes.TryAdd(key, LeadTimeStats.Restore(reader, _options.LeadTimeReceipts)))
            {
                throw new InvalidDataException($"The safety-stock checkpoint holds the lead times of {key} twice.");
            }
        }
    }

    private static void SaveSku(BinaryWriter writer, in SkuWarehouseState s)
    {
        var flags = (s.HasThreshold ? SkuFlags.HasThreshold : SkuFlags.None)
            | (s.SignalDisarmed ? SkuFlags.SignalDisarmed : SkuFlags.None)
            | (s.CountedBelow ? SkuFlags.CountedBelow : SkuFlags.None)
            | (s.CountedZero ? SkuFlags.CountedZero : SkuFlags.None)
            | (s.Supplier is null ? SkuFlags.None : SkuFlags.HasSupplier);
        writer.Write((byte)flags);
        writer.Write(s.Category);
        if (s.Supplier is not null)
        {
            writer.Write(s.Supplier);
        }

        writer.Write(s.OnHand);
        writer.Write(s.SnapshotTimeMs);
        writer.Write(s.OnOrder);
        writer.Write(s.RecentMoves?.Count ?? 0);
        foreach (var move in s.RecentMoves ?? [])
        {
            writer.Write(move.TimeMs);
            writer.Write(move.Delta);
        }

        writer.Write(s.OpenOrders?.Count ?? 0);
        foreach (var (poId, quantity) in s.OpenOrders ?? [])
        {
            writer.Write(poId);
            writer.Write(quantity);
        }

        s.Demand.Save(writer);
        writer.Write(s.Ewma.Mean);
        writer.Write(s.Ewma.Variance);
        writer.Write(s.Ewma.Count);
        writer.Write((byte)s.Class);
        if (s.HasThreshold)
        {
            writer.Write(s.ReorderPoint);
            writer.Write(s.SafetyStock);
            writer.Write(s.DemandMean);
            writer.Write(s.ThresholdBucketStartMs);
        }
    }

    private SkuWarehouseState ReadSku(BinaryReader reader, Dictionary<string, string> strings)
    {
        var flags = (SkuFlags)reader.ReadByte();
        var hasThreshold = flags.HasFlag(SkuFlags.HasThreshold);
        if ((flags & ~SkuFlags.All) != 0 || (!hasThreshold && (flags & (SkuFlags.SignalDisarmed | SkuFlags.CountedBelow)) != 0))
        {
            throw new InvalidDataException($"Impossible SKU flags {(byte)flags:x2} in the safety-stock checkpoint.");
        }

        var s = new SkuWarehouseState
        {
            HasThreshold = hasThreshold,
            SignalDisarmed = flags.HasFlag(SkuFlags.SignalDisarmed),
            CountedBelow = flags.HasFlag(SkuFlags.CountedBelow),
            CountedZero = flags.HasFlag(SkuFlags.CountedZero),
            Category = Pooled(strings, reader.ReadString()),
            Supplier = flags.HasFlag(SkuFlags.HasSupplier) ? Pooled(strings, reader.ReadString()) : null,
            OnHand = reader.ReadInt64(),
            SnapshotTimeMs = reader.ReadInt64(),
            OnOrder = reader.ReadInt64(),
        };

        // Absent and empty lists behave alike (both are created on first use), so empty ones stay absent.
        var moves = ReadCount(reader, "remembered stock moves");
        for (var i = 0; i < moves; i++)
        {
            (s.RecentMoves ??= []).Add(new StockMove(reader.ReadInt64(), reader.ReadInt32()));
        }

        var orders = ReadCount(reader, "open purchase orders");
        for (var i = 0; i < orders; i++)
        {
            if (!(s.OpenOrders ??= []).TryAdd(reader.ReadUInt64(), reader.ReadInt32()))
            {
                throw new InvalidDataException("A purchase order is open twice in the safety-stock checkpoint.");
            }
        }

        s.Demand = RollingDemandWindow.Restore(reader, _options.LookbackBuckets, _options.OpenBuckets);
        s.Ewma = new EwmaStats(reader.ReadDouble(), reader.ReadDouble(), reader.ReadInt64());
        if (!double.IsFinite(s.Ewma.Mean) || !(s.Ewma.Variance >= 0) || s.Ewma.Count < 0)
        {
            throw new InvalidDataException($"Impossible EWMA {s.Ewma} in the safety-stock checkpoint.");
        }

        var abcClass = reader.ReadByte();
        s.Class = abcClass <= (byte)AbcClass.C ? (AbcClass)abcClass : throw new InvalidDataException($"Unknown ABC class {abcClass}.");
        if (hasThreshold)
        {
            s.ReorderPoint = reader.ReadDouble();
            s.SafetyStock = reader.ReadDouble();
            s.DemandMean = reader.ReadDouble();
            s.ThresholdBucketStartMs = reader.ReadInt64();
        }

        return s;
    }

    private static int ReadCount(BinaryReader reader, string what)
    {
        var count = reader.ReadInt32();
        return count >= 0 ? count : throw new InvalidDataException($"A negative number of {what} ({count}) in the safety-stock checkpoint.");
    }

    private static long ReadCounter(BinaryReader reader)
    {
        var value = reader.ReadInt64();
        return value >= 0 ? value : throw new InvalidDataException($"A negative event counter ({value}) in the safety-stock checkpoint.");
    }

    // Warehouses, categories, suppliers and SKUs repeat across entries: one string instance each, as the decoder's interner gives.
    private static string Pooled(Dictionary<string, string> strings, string value)
    {
        ref var pooled = ref CollectionsMarshal.GetValueRefOrAddDefault(strings, value, out var exists);
        if (!exists)
        {
            pooled = value;
        }

        return pooled!;
    }
}
