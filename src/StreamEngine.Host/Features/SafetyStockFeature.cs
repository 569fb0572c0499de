using System.Reactive.Disposables;
using StreamEngine.ClickHouse;
using StreamEngine.ClickHouse.Tables;
using StreamEngine.Core.Inventory;
using StreamEngine.Host.Engine;

namespace StreamEngine.Host.Features;

/// <summary>
/// Safety stock over the task's inventory and (repartitioned) demand: thresholds to <c>stock_thresholds</c>, signals
/// to <c>replenishment_signals</c> and the replenishment topic, per-warehouse gauges. Its state spans the 28-day lookback,
/// so it is checkpointed rather than registered for offset tracking (that would hold commits back for weeks): a restart
/// or a partition move restores it and continues exactly (docs/safety-stock.md).
/// </summary>
internal sealed class SafetyStockFeature(SafetyStockOptions options, string replenishmentTopic) : IFeature
{
    private SafetyStockGauges? _gauges;

    public string Name => "safety_stock";

    public InputTopic StateInput => InputTopic.Inventory;


    public IReadOnlyList<InputTopic> Inputs { get; } = [InputTopic.Inventory, InputTopic.Demand];

    public IReadOnlyList<ClickHouseTableDefinition> Tables => [StockThresholdsTable.Definition, ReplenishmentSignalsTable.Definition];

    public IDisposable Attach(PartitionStreams streams, FeatureOutputs outputs)
    {
        ArgumentNullException.ThrowIfNull(streams);
        ArgumentNullException.ThrowIfNull(outputs);
        var state = new SafetyStockState(options);
        var inputs = streams.Checkpointed(Name, state);
        var gauges = _gauges ??= new SafetyStockGauges(outputs.Metrics);
        var thresholds = outputs.Table(StockThresholdsTable.Definition, StockThresholdsTable.Encoder);
        var signals = outputs.Table(ReplenishmentSignalsTable.Definition, ReplenishmentSignalsTable.Encoder);
        var signalCounter = outputs.Metrics.ReplenishmentSignals;
        var status = outputs.Status;
        var pipeline = SafetyStockPipeline.Build(inputs.Inventory, inputs.Demand, state);
        var registration = gauges.Add(state);

        // Warehouses get their gauge series when first seen: those of a restored state now, the others on the
        // inventory stream (a hash lookup per event).
        foreach (var gauge in state.GetGauges())
        {
            gauges.Observe(gauge.Warehouse);
        }

        var warehouses = inputs.Inventory.Subscribe(
            item =>
            {
                if (!item.IsPunctuation && item.Value.Warehouse is { Length: > 0 } warehouse)
                {
                    gauges.Observe(warehouse);
                }
            },
            error => throw new InvalidOperationException($"Inventory feeding '{Name}' gauges failed.", error));
        var output = pipeline.Output.Subscribe(
            item =>
            {
                if (item.IsPunctuation)
                {
                    return;
                }

                if (item.Value.Kind == SafetyStockOutputKind.Threshold)
                {
                    var threshold = item.Value.Threshold;
                    thresholds.Add(threshold);
                    if (!threshold.BelowReorderPoint)
                    {
                        status.ClearBelowReorderPoint(threshold.Sku, threshold.Warehouse);
                    }

                    return;
                }

                var signal = item.Value.Signal;
                signals.Add(signal);
                outputs.Kafka.Produce(replenishmentTopic, ReplenishmentSignalJson.Key(signal), ReplenishmentSignalJson.Encode(signal), signal.TimeMs);
                signalCounter.Inc();
                status.RecordBelowReorderPoint(signal);
            },
            error => throw new InvalidOperationException($"Pipeline feeding '{Name}' failed.", error));
        return new CompositeDisposable(output, warehouses, registration);
    }
}
