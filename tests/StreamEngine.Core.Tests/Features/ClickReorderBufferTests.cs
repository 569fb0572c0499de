using StreamEngine.Core.Events;
using StreamEngine.Core.Features;
using StreamEngine.Core.Time;

namespace StreamEngine.Core.Tests.Features;

public sealed class ClickReorderBufferTests
{
    [Fact]
    public void Events_AreTakenInTimeThenEventIdThenArrivalOrder_WhateverOrderTheyArrivedIn()
    {
        var events = Events(seed: 3);
        var buffer = new ClickReorderBuffer();
        foreach (var (e, i) in Shuffled(events, seed: 4).Select((e, i) => (e, i)))
        {
            buffer.Add(StreamItem.Event(e, e.TimeMs, long.MinValue, offset: i));
        }

        var taken = TakeAll(buffer, long.MaxValue);

        Assert.Equal(events.OrderBy(e => e.TimeMs).ThenBy(e => e.EventId).Select(e => e.EventId), taken.Select(t => t.Value.EventId));
        Assert.Equal(0, buffer.Count);
    }

    [Fact]
    public void TakingBeforeAWatermark_LeavesLaterEvents_AndSlotsFreedByTakenEventsAreReused()
    {
        var events = Events(seed: 5);
        var middle = events.OrderBy(e => e.TimeMs).ElementAt(events.Count / 2).TimeMs;
        var buffer = new ClickReorderBuffer();
        var expected = new List<ulong>();
        for (var round = 0; round < 3; round++)
        {
            // Each round fills the same slots again: the events taken in the previous round must not come back.
            foreach (var e in events)
            {
                buffer.Add(StreamItem.Event(e with { EventId = e.EventId + (ulong)(round * 1_000_000) }, e.TimeMs, long.MinValue, 0));
            }

            var early = TakeAll(buffer, middle);
            Assert.All(early, t => Assert.True(t.TimeMs < middle));
            Assert.Equal(events.Count(e => e.TimeMs < middle), early.Count);
            Assert.Equal(events.Count(e => e.TimeMs >= middle), buffer.Count);
            var late = TakeAll(buffer, long.MaxValue);
            Assert.All(late, t => Assert.True(t.TimeMs >= middle));
            expected.AddRange(early.Concat(late).Select(t => t.Value.EventId));
        }

        Assert.Equal(expected.Count, expected.Distinct().Count());
        Assert.Equal(3 * events.Count, expected.Count);
    }

    [Fact]
    public void Restored_Buffer_HoldsTheSameEventsInTheSameOrder_WithTheOldestOffset()
    {
        var events = Events(seed: 7);
        var original = new ClickReorderBuffer { WatermarkMs = events.Min(e => e.TimeMs) };
        foreach (var (e, i) in Shuffled(events, seed: 8).Select((e, i) => (e, i)))
        {
            original.Add(StreamItem.Event(e, e.TimeMs, long.MinValue, offset: 100 + i));
        }

        TakeAll(original, events.OrderBy(e => e.TimeMs).ElementAt(events.Count / 3).TimeMs);
        using var image = new MemoryStream();
        using (var writer = new BinaryWriter(image, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            original.Write(writer);
        }

        image.Position = 0;
        var restored = new ClickReorderBuffer();
        using (var reader = new FeatureStateReader(image))
        {
            restored.Read(reader);
        }

        Assert.Equal(original.WatermarkMs, restored.WatermarkMs);
        Assert.Equal(original.OldestOffset, restored.OldestOffset);
        Assert.Equal(TakeAll(original, long.MaxValue), TakeAll(restored, long.MaxValue));
    }

    private static List<ClickEvent> Events(int seed) =>
        ClickGenerator.Generate(seed, users: 40, startMs: 1_700_000_000_000, spanMs: 3_600_000);

    private static List<ClickEvent> Shuffled(List<ClickEvent> events, int seed)
    {
        var copy = events.ToArray();
        new Random(seed).Shuffle(copy);
        return [.. copy];
    }

    private static List<StreamItem<ClickEvent>> TakeAll(ClickReorderBuffer buffer, long watermarkMs)
    {
        var taken = new List<StreamItem<ClickEvent>>();
        while (buffer.TryTakeBefore(watermarkMs, out var item))
        {
            taken.Add(item);
        }

        return taken;
    }
}
