using StreamEngine.Core.Events;
using StreamEngine.Core.Features;

namespace StreamEngine.Core.Tests.Features;

/// <summary>Straightforward (slow, obviously right) formulas the streaming results are compared with.</summary>
internal static class ReferenceMath
{
    public static long FloorDiv(long a, long b) => (long)Math.Floor((double)a / b);

    /// <summary>Starts of the hopping windows [k·hop, k·hop + size) containing t.</summary>
    public static IEnumerable<long> WindowStarts(long t, long sizeMs, long hopMs)
    {
        for (var k = FloorDiv(t - sizeMs, hopMs) + 1; k * hopMs <= t; k++)
        {
            yield return k * hopMs;
        }
    }

    /// <summary>Conversion in decimal: minor × (usd rate of currency / usd rate of reporting currency), half away from zero.</summary>
    public static long Convert(FeatureOptions options, long minor, string? currency) =>
        currency is not null && options.UsdRates.TryGetValue(currency, out var rate)
            ? (long)decimal.Round(minor * rate / options.UsdRates[options.ReportingCurrency], MidpointRounding.AwayFromZero)
            : 0;

    public static long LineValue(FeatureOptions options, ClickEvent e) => Convert(options, e.PriceCents * e.Quantity, e.Currency);

    /// <summary>Events sorted as the ordered features see them: by time, then event id.</summary>
    public static List<ClickEvent> Ordered(IEnumerable<ClickEvent> events) => [.. events.OrderBy(e => e.TimeMs).ThenBy(e => e.EventId)];

    /// <summary>Splits one key's time-ordered events into sessions where the pause is at least the gap.</summary>
    public static List<List<ClickEvent>> SplitSessions(IEnumerable<ClickEvent> ordered, long gapMs)
    {
        var sessions = new List<List<ClickEvent>>();
        foreach (var e in ordered)
        {
            if (sessions.Count == 0 || e.TimeMs - sessions[^1][^1].TimeMs >= gapMs)
            {
                sessions.Add([]);
            }

            sessions[^1].Add(e);
        }

        return sessions;
    }
}
