using StreamEngine.Core.Events;
using StreamEngine.Core.Privacy;
using StreamEngine.Core.Simulation;
using StreamEngine.Core.Tests.Simulation;

namespace StreamEngine.Core.Tests.Features.Checkpoints;

/// <summary>
/// The storefront simulator's clicks, decoded by the engine's decoder, as one partition's arrivals: offset = position,
/// watermark = largest time so far − the simulator's out-of-orderness (as the engine's tracker computes it).
/// </summary>
internal static class SimulatedClicks
{
    private static readonly Lazy<List<Arrival>> SharedDays = new(() => Arrivals(SimulatedRun.Shared.Records, SimulatedRun.Shared.Options));

    private static readonly Lazy<List<Arrival>> SixWeeks = new(() =>
    {
        var options = new SimulatorOptions { Seed = 11, EventCount = 60_000, Duration = TimeSpan.FromDays(42), Users = 600, Products = 200 };
        return Arrivals(new StorefrontSimulator(options).Generate(), options);
    });

    /// <summary>Three busy days (the shared simulated run): sessions, funnels, intent and minute-level traffic.</summary>
    public static IReadOnlyList<Arrival> ThreeDays => SharedDays.Value;

    /// <summary>Six quiet weeks of a few hundred users: profile day buckets roll over and idle users expire.</summary>
    public static IReadOnlyList<Arrival> SixWeeksOfRegulars => SixWeeks.Value;

    /// <summary>Sessions (same session id, no pause of <paramref name="gap"/>) with events on both sides of a split.</summary>
    public static int SessionsOpenAt(IReadOnlyList<Arrival> arrivals, int split, TimeSpan gap)
    {
        var lastBefore = new Dictionary<ulong, long>();
        for (var i = 0; i < split; i++)
        {
            var e = arrivals[i].Event;
            lastBefore[e.SessionId] = Math.Max(lastBefore.GetValueOrDefault(e.SessionId, long.MinValue), e.TimeMs);
        }

        var open = new HashSet<ulong>();
        for (var i = split; i < arrivals.Count; i++)
        {
            var e = arrivals[i].Event;
            if (lastBefore.TryGetValue(e.SessionId, out var last) && e.TimeMs - last < gap.TotalMilliseconds)
            {
                open.Add(e.SessionId);
            }
        }

        return open.Count;
    }

    private static List<Arrival> Arrivals(IEnumerable<SimulatedRecord> records, SimulatorOptions options)
    {
        var decoder = new ClickEventDecoder(new Pseudonymizer("checkpoint-tests"), new Utf8Interner(), new DecoderOptions());
        var lagMs = (long)options.MaxOutOfOrderness.TotalMilliseconds;
        var arrivals = new List<Arrival>();
        var maxMs = long.MinValue;
        foreach (var record in records)
        {
            if (record.Topic != options.Topics.Clickstream)
            {
                continue;
            }

            var result = decoder.TryDecode(record.Value, record.TimestampMs, out var click);
            Assert.True(result.IsOk, $"simulated click does not decode: {result.Status} {result.Field}");
            maxMs = Math.Max(maxMs, click.TimeMs);
            arrivals.Add(new Arrival(click, maxMs - lagMs, arrivals.Count));
        }

        return arrivals;
    }
}
