using System.Reactive;
using StreamEngine.ClickHouse;
using StreamEngine.ClickHouse.Tables;
using StreamEngine.Core.Metrics;
using StreamEngine.Core.Time;

namespace StreamEngine.Host.Features;

/// <summary>Writes events that missed some or all of their windows to <c>late_events</c> and counts them per pipeline.</summary>
internal sealed class LateEventWriter(ClickHouseTableWriter<LateEventRow> table, EngineMetrics metrics)
{
    private const long MaxDateTimeMs = uint.MaxValue * 1000L;

    /// <summary>The late observer for one pipeline of one partition task.</summary>
    public IObserver<LateEvent<T>> For<T>(string pipeline, string topic, int partition, Func<T, string> eventType)
    {
        var counter = metrics.LateEvents.WithLabels(pipeline);
        return Observer.Create<LateEvent<T>>(late =>
        {
            counter.Inc();
            table.Add(new LateEventRow(
                late.TimeMs,
                Math.Clamp(late.WatermarkMs, 0, MaxDateTimeMs),
                pipeline,
                topic,
                partition,
                late.Offset,
                eventType(late.Value),
                late.MissedWindows,
                late.Windows));
        });
    }
}
