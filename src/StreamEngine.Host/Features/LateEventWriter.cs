using System.Reactive;
using StreamEngine.ClickHouse;
using StreamEngine.ClickHouse.Tables;
using StreamEngine.Core.Metrics;
using StreamEngine.Core.Time;

namespace StreamEngine.Host.Features;

/// <summary>Writes events that missed their windows to <c>late_events</c> and counts them per pipeline.</summary>
internal sealed class LateEventWriter(ClickHouseTableWriter<LateEventRow> table, EngineMetrics metrics)
{
    private const long MaxDateTimeMs = uint.MaxValue * 1000L;

    /// <summary>The late observer for one pipeline of one partition task.</summary>
    public IObserver<StreamItem<T>> For<T>(string pipeline, string topic, int partition, Func<T, string> eventType)
    {
        var counter = metrics.LateEvents.WithLabels(pipeline);
        return Observer.Create<StreamItem<T>>(item =>
        {
            if (item.IsPunctuation)
            {
                return;
            }

            counter.Inc();
            table.Add(new LateEventRow(
                item.TimeMs, Math.Clamp(item.WatermarkMs, 0, MaxDateTimeMs), pipeline, topic, partition, item.Offset, eventType(item.Value)));
        });
    }
}
