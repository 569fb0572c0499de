using System.Reactive.Subjects;
using StreamEngine.ClickHouse.Tables;
using StreamEngine.Core;
using StreamEngine.Core.Checkpoints;
using StreamEngine.Core.Events;
using StreamEngine.Core.Features;
using StreamEngine.Core.Time;
using StreamEngine.Host.Features;

namespace StreamEngine.IntegrationTests.Features;

/// <summary>
/// The sessions table's rows, read as a BI query must (latest version per (session_id, start_ms), then
/// superseded = 0), hold each session once, also when a late event moved a session's start after it was written.
/// </summary>
public sealed class SessionSupersedeTrackerTests
{
    private const long Minute = 60_000;
    private static readonly FeatureOptions Options = new(); // gap 30 min, grace 2 min

    [Fact]
    public void LateEventBeforeAWrittenSession_MarksTheOldIdentitySuperseded()
    {
        //  10:00 A  -> written at watermark 10:30 as (s1, 10:00) v1
        //  09:59 B  arrives late (watermark 10:31, within grace): the session now starts at 09:59 (v2), so (s1, 10:00) is stale
        var rows = Run(
            Click(1, 600 * Minute),
            StreamItem.Punctuation<ClickEvent>(630 * Minute),
            Click(2, 599 * Minute, watermarkMs: 631 * Minute));

        var current = Current(rows);

        var session = Assert.Single(current);
        Assert.Equal(599 * Minute, session.StartMs);
        Assert.Equal(2, session.Version);
        var marker = Assert.Single(rows, r => r.Superseded);
        Assert.Equal((1UL, 600 * Minute, 2L, 0), (marker.Session.SessionId, marker.Session.StartMs, marker.Session.Version, marker.Session.ProductViews));
    }

    [Fact]
    public void OneSessionIdPausedForMoreThanTheGap_IsTwoSessions_AndNothingIsSuperseded()
    {
        var rows = Run(
            Click(1, 600 * Minute),
            Click(2, 601 * Minute),
            Click(3, 700 * Minute, watermarkMs: 640 * Minute),
            StreamItem.Punctuation<ClickEvent>(800 * Minute));

        Assert.DoesNotContain(rows, r => r.Superseded);
        Assert.Equal([600 * Minute, 700 * Minute], Current(rows).Select(s => s.StartMs).Order());
    }

    [Fact]
    public void LateEventExtendingASessionAtItsEnd_KeepsItsIdentity()
    {
        var rows = Run(
            Click(1, 600 * Minute),
            StreamItem.Punctuation<ClickEvent>(630 * Minute),
            Click(2, 601 * Minute, watermarkMs: 631 * Minute),
            StreamItem.Punctuation<ClickEvent>(700 * Minute));

        Assert.DoesNotContain(rows, r => r.Superseded);
        var session = Assert.Single(Current(rows));
        Assert.Equal((600 * Minute, 2L), (session.StartMs, session.Version));
    }

    [Fact]
    public void FinalSessions_AreForgotten()
    {
        var tracker = new SessionSupersedeTracker(Options.SessionGap, Options.Grace);
        tracker.Observe(Row(1, 600 * Minute, 1), out _);
        tracker.OnWatermark(631 * Minute);
        Assert.Equal(1, tracker.Count);

        tracker.OnWatermark(700 * Minute);

        Assert.Equal(0, tracker.Count);
    }

    [Fact]
    public void RestoredTracker_StillMarksTheIdentityWrittenBeforeTheCheckpointSuperseded()
    {
        var tracker = new SessionSupersedeTracker(Options.SessionGap, Options.Grace);
        tracker.Observe(Row(1, 600 * Minute, 1), out _);
        tracker.OnWatermark(631 * Minute);
        var restored = new SessionSupersedeTracker(Options.SessionGap, Options.Grace);

        StateSnapshot.Restore(restored, StateSnapshot.Capture(tracker));

        Assert.True(restored.Observe(Row(1, 599 * Minute, 2) with { EndMs = 630 * Minute }, out var superseded));
        Assert.Equal(600 * Minute, superseded.StartMs);
        restored.OnWatermark(700 * Minute);
        Assert.Equal(0, restored.Count);
    }

    [Fact]
    public void TrackerCheckpointWithARepeatedSession_IsRejected()
    {
        var tracker = new SessionSupersedeTracker(Options.SessionGap, Options.Grace);
        tracker.Observe(Row(1, 600 * Minute, 1), out _);
        tracker.Observe(Row(2, 600 * Minute, 1), out _);
        var bytes = StateSnapshot.Capture(tracker);
        Array.Clear(bytes, bytes.Length - 24, 8);
        Array.Clear(bytes, bytes.Length - 48, 8); // both session ids now 0

        Assert.Throws<InvalidDataException>(() => StateSnapshot.Restore(new SessionSupersedeTracker(Options.SessionGap, Options.Grace), bytes));
    }

    [Fact]
    public void GraceLongerThanTheGap_IsRejectedAtStartUp_NamingTheKey()
    {
        var options = new FeatureOptions { SessionGap = TimeSpan.FromMinutes(5), Grace = TimeSpan.FromMinutes(6) };

        var error = Assert.Throws<OptionsException>(() => new SessionFeature(options, new CurrencyConverter(options)));

        Assert.Equal("StreamEngine:Features:Grace", error.Key);
    }

    private static List<SessionTableRow> Run(params StreamItem<ClickEvent>[] input)
    {
        var rows = new List<SessionTableRow>();
        var tracker = new SessionSupersedeTracker(Options.SessionGap, Options.Grace);
        using var clicks = new Subject<StreamItem<ClickEvent>>();
        using var subscription = Sessions.Build(clicks, Options, new CurrencyConverter(Options), partition: 0).Subscribe(
            item =>
            {
                if (item.IsPunctuation)
                {
                    tracker.OnWatermark(item.WatermarkMs);
                }
                else
                {
                    if (tracker.Observe(item.Value, out var superseded))
                    {
                        rows.Add(new SessionTableRow(superseded, Superseded: true));
                    }

                    rows.Add(new SessionTableRow(item.Value, Superseded: false));
                }
            },
            error => throw new InvalidOperationException("session pipeline failed", error));
        foreach (var item in input)
        {
            clicks.OnNext(item);
        }

        return rows;
    }

    // ReplacingMergeTree FINAL (highest version per ORDER BY identity), then the documented filter.
    private static List<SessionRow> Current(List<SessionTableRow> rows) =>
        [.. rows.GroupBy(r => (r.Session.SessionId, r.Session.StartMs))
            .Select(g => g.MaxBy(r => r.Session.Version))
            .Where(r => !r.Superseded)
            .Select(r => r.Session)];

    private static StreamItem<ClickEvent> Click(ulong eventId, long timeMs, long? watermarkMs = null) =>
        StreamItem.Event(
            new ClickEvent(eventId, timeMs, ClickEventType.ProductView, 7, 1, 0, 0, "DE", "search", "SKU-1", "shoes", 1000, 1, "EUR", 0, 0),
            timeMs,
            watermarkMs ?? timeMs - 1,
            (long)eventId);

    private static SessionRow Row(ulong sessionId, long startMs, long version) =>
        new(sessionId, 7, 0, startMs, startMs, 0, 0, 0, 0, false, 0, "search", "DE", version);
}
