using StreamEngine.Core.Events;
using StreamEngine.Core.Features;
using StreamEngine.Core.Privacy;
using StreamEngine.Core.Simulation;

namespace StreamEngine.IntegrationTests.EndToEnd;

/// <summary>
/// Brute-force reference for the clickstream tables, computed from the simulator's records (re-generated with the same
/// options and decoded by the engine's own decoder) with plain LINQ over all events at once: no windows, no watermarks,
/// no partitions. The engine's per-partition rows, summed in SQL, must give the same numbers.
/// </summary>
internal sealed class ClickstreamReference
{
    private const long MinuteMs = 60_000;

    public ClickstreamReference(SimulatorOptions simulation, string secret, FeatureOptions options)
    {
        Options = options;
        var decoder = new ClickEventDecoder(new Pseudonymizer(secret), new Utf8Interner(), new DecoderOptions());
        var clicks = new List<ClickEvent>();
        foreach (var record in new StorefrontSimulator(simulation).Generate())
        {
            if (record.Topic == simulation.Topics.Clickstream)
            {
                var result = decoder.TryDecode(record.Value, record.TimestampMs, out var click);
                Assert.True(result.IsOk, $"simulated click does not decode: {result.Status} {result.Field}");
                clicks.Add(click);
            }
        }

        Clicks = [.. clicks.OrderBy(e => e.TimeMs).ThenBy(e => e.EventId)];
        var gapMs = (long)options.SessionGap.TotalMilliseconds;
        Sessions = [.. Clicks.GroupBy(e => e.SessionId).SelectMany(g => Split(g, gapMs, static (_, _) => false))];
        UserSessions = [.. Clicks.GroupBy(e => e.UserId).SelectMany(g => Split(g, gapMs, static (a, b) => a.SessionId != b.SessionId))];
    }

    public FeatureOptions Options { get; }

    /// <summary>Every click, in the order the ordered features process them (time, then event id).</summary>
    public IReadOnlyList<ClickEvent> Clicks { get; }

    /// <summary>Session-window sessions: one session id without a pause of the gap or more.</summary>
    public IReadOnlyList<List<ClickEvent>> Sessions { get; }

    /// <summary>A user's sessions as profiles count them: a new one at a new session id or after the gap.</summary>
    public IReadOnlyList<List<ClickEvent>> UserSessions { get; }

    public long Money(ClickEvent e) =>
        e.Currency is not null && Options.UsdRates.TryGetValue(e.Currency, out var rate)
            ? (long)decimal.Round(e.PriceCents * e.Quantity * rate / Options.UsdRates[Options.ReportingCurrency], MidpointRounding.AwayFromZero)
            : 0;

    /// <summary>Per entry channel: sessions, converted, pages, product views, cart adds, abandoned cart value.</summary>
    public Dictionary<string, long[]> SessionsByChannel() =>
        Sessions.GroupBy(s => s[0].Channel, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => new[]
            {
                g.LongCount(),
                g.LongCount(s => s.Any(e => e.Type == ClickEventType.Purchase)),
                g.Sum(s => s.LongCount(e => e.Type == ClickEventType.PageView)),
                g.Sum(s => s.LongCount(e => e.Type == ClickEventType.ProductView)),
                g.Sum(s => s.LongCount(e => e.Type == ClickEventType.AddToCart)),
                g.Sum(s => Math.Max(0, s.Sum(e => e.Type switch
                {
                    ClickEventType.AddToCart => Money(e),
                    ClickEventType.RemoveFromCart or ClickEventType.Purchase => -Money(e),
                    _ => 0,
                }))),
            },
            StringComparer.Ordinal);

    /// <summary>Per entry channel: sessions that reached view, cart, checkout, purchase (cumulative steps).</summary>
    public Dictionary<string, long[]> FunnelByChannel() =>
        Sessions.GroupBy(s => s[0].Channel, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => Enumerable.Range(1, 4).Select(step => g.LongCount(s => s.Max(e => (int)StepOf(e.Type)) >= step)).ToArray(),
            StringComparer.Ordinal);

    /// <summary>
    /// Trending products by definition: per category, 5-minute window and metric (product views, purchase lines), the
    /// top <paramref name="topN"/> SKUs over every click (all partitions at once) by score, then SKU (ordinal), each with
    /// its rank in the previous window (0 if not ranked there).
    /// </summary>
    public List<TrendingRank> TrendingRanking(int topN)
    {
        var windowMs = (long)Options.TrendingWindow.TotalMilliseconds;
        var rankings = Clicks
            .Where(e => e.Type is ClickEventType.ProductView or ClickEventType.Purchase && e.Category is not null && e.Sku is not null)
            .GroupBy(e => (Category: e.Category!, Metric: e.Type == ClickEventType.ProductView ? "views" : "purchases", StartMs: e.TimeMs / windowMs * windowMs))
            .ToDictionary(
                g => g.Key,
                g => g.GroupBy(e => e.Sku!).Select(s => (Sku: s.Key, Score: s.LongCount()))
                    .OrderByDescending(s => s.Score).ThenBy(s => s.Sku, StringComparer.Ordinal).Take(topN).ToList());
        var ranks = new List<TrendingRank>();
        foreach (var ((category, metric, startMs), top) in rankings)
        {
            var previous = rankings.GetValueOrDefault((category, metric, startMs - windowMs)) ?? [];
            for (var i = 0; i < top.Count; i++)
            {
                var previousRank = previous.FindIndex(p => p.Sku == top[i].Sku) + 1;
                ranks.Add(new TrendingRank(category, metric, startMs / 1000, i + 1, top[i].Sku, top[i].Score, previousRank,
                    previousRank == 0 ? 0 : previousRank - (i + 1), previousRank == 0));
            }
        }

        return [.. ranks.OrderBy(r => r.Category, StringComparer.Ordinal).ThenBy(r => r.Metric, StringComparer.Ordinal).ThenBy(r => r.WindowStartS).ThenBy(r => r.Rank)];
    }

    /// <summary>Per user: last activity, orders, spend, sessions, sessions with a cart, abandoned cart sessions.</summary>
    public Dictionary<ulong, long[]> Profiles()
    {
        var sessions = UserSessions.GroupBy(s => s[0].UserId).ToDictionary(g => g.Key, g => g.ToList());
        return Clicks.GroupBy(e => e.UserId).ToDictionary(
            g => g.Key,
            g =>
            {
                var purchases = g.Where(e => e.Type == ClickEventType.Purchase).ToList();
                var own = sessions[g.Key];
                var carts = own.Where(s => s.Any(e => e.Type == ClickEventType.AddToCart)).ToList();
                return new[]
                {
                    g.Max(e => e.TimeMs),
                    purchases.Select(e => e.OrderId).Distinct().LongCount(),
                    purchases.Sum(Money),
                    own.Count,
                    carts.Count,
                    carts.LongCount(s => !s.Any(e => e.Type == ClickEventType.Purchase)),
                };
            });
    }

    /// <summary>Intent signals (user, category, time, first counted event's time), straight from the definition.</summary>
    public HashSet<(ulong User, string Category, long TimeMs, long WindowStartMs)> IntentSignals()
    {
        var n = Options.IntentThreshold;
        var windowMs = (long)Options.IntentWindow.TotalMilliseconds;
        var cooldownMs = (long)Options.IntentCooldown.TotalMilliseconds;
        var signals = new HashSet<(ulong, string, long, long)>();
        foreach (var pair in Clicks.Where(e => e.Category is not null).GroupBy(e => (e.UserId, e.Category!)))
        {
            var evidence = new List<long>();
            long? last = null;
            foreach (var e in pair)
            {
                if (e.Type == ClickEventType.Purchase)
                {
                    evidence.Clear();
                }
                else if (e.Type is ClickEventType.ProductView or ClickEventType.Search)
                {
                    evidence.Add(e.TimeMs);
                    var first = evidence.Count >= n ? evidence[^n] : long.MinValue;
                    if (evidence.Count >= n && e.TimeMs - first < windowMs && (last is null || e.TimeMs - last >= cooldownMs))
                    {
                        signals.Add((e.UserId, e.Category!, e.TimeMs, first));
                        last = e.TimeMs;
                    }
                }
            }
        }

        return signals;
    }

    /// <summary>Product views per (category, country, minute start in ms).</summary>
    public Dictionary<(string Category, string Country, long MinuteMs), long> ViewsPerMinute() =>
        Clicks.Where(e => e.Type == ClickEventType.ProductView && e.Category is not null)
            .GroupBy(e => (e.Category!, e.Country, e.TimeMs / MinuteMs * MinuteMs))
            .ToDictionary(g => g.Key, g => g.LongCount());

    private static FunnelStep StepOf(ClickEventType type) => type switch
    {
        ClickEventType.ProductView => FunnelStep.View,
        ClickEventType.AddToCart => FunnelStep.Cart,
        ClickEventType.CheckoutStart => FunnelStep.Checkout,
        ClickEventType.Purchase => FunnelStep.Purchase,
        _ => FunnelStep.None,
    };

    private static IEnumerable<List<ClickEvent>> Split(IEnumerable<ClickEvent> ordered, long gapMs, Func<ClickEvent, ClickEvent, bool> breaks)
    {
        List<ClickEvent>? current = null;
        foreach (var e in ordered)
        {
            if (current is null || e.TimeMs - current[^1].TimeMs >= gapMs || breaks(current[^1], e))
            {
                if (current is not null)
                {
                    yield return current;
                }

                current = [];
            }

            current.Add(e);
        }

        if (current is not null)
        {
            yield return current;
        }
    }
}
