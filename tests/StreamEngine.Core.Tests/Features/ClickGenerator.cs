using StreamEngine.Core.Events;

namespace StreamEngine.Core.Tests.Features;

/// <summary>Deterministic random clickstream: users with sessions (some with long pauses), products in categories, orders.</summary>
internal static class ClickGenerator
{
    public const long MinuteMs = 60_000;
    public static readonly string[] Channels = ["direct", "search", "social", "email", "ads", "affiliate"];
    public static readonly string[] Countries = ["US", "DE", "FR", "BR"];
    public static readonly string[] Currencies = ["USD", "EUR", "JPY", "GBP", "BRL", "XXX"];

    public static string CategoryOf(int sku) => $"cat{sku % 6}";

    /// <summary>
    /// Events of <paramref name="users"/> users, sessions starting in [startMs, startMs + spanMs). Event ids are unique.
    /// </summary>
    public static List<ClickEvent> Generate(int seed, int users, long startMs, long spanMs, int sessionsPerUser = 3, int skus = 30)
    {
        var random = new Random(seed);
        var events = new List<ClickEvent>();
        ulong eventId = 1, orderId = 1;
        for (var u = 0; u < users; u++)
        {
            var userId = (ulong)random.NextInt64(1, long.MaxValue) | 1;
            var country = Countries[random.Next(Countries.Length)];
            for (var s = 0; s < sessionsPerUser; s++)
            {
                var sessionId = (ulong)random.NextInt64(1, long.MaxValue);
                var channel = Channels[random.Next(Channels.Length)];
                var t = startMs + random.NextInt64(spanMs);
                var count = random.Next(1, 25);
                for (var i = 0; i < count; i++)
                {
                    // Mostly short pauses; sometimes one longer than the 30-minute gap, splitting the session id in two.
                    t += random.Next(100) < 4 ? 31 * MinuteMs + random.Next(600_000) : random.Next(1, 240_000);
                    var sku = random.Next(skus);
                    var currency = Currencies[random.Next(100) < 3 ? 5 : random.Next(5)];
                    var roll = random.Next(100);
                    var type = roll switch
                    {
                        < 25 => ClickEventType.PageView,
                        < 33 => ClickEventType.Search,
                        < 65 => ClickEventType.ProductView,
                        < 78 => ClickEventType.AddToCart,
                        < 82 => ClickEventType.RemoveFromCart,
                        < 89 => ClickEventType.CheckoutStart,
                        _ => ClickEventType.Purchase,
                    };
                    var hasProduct = type is ClickEventType.ProductView or ClickEventType.AddToCart or ClickEventType.RemoveFromCart or ClickEventType.Purchase;
                    var category = hasProduct || (type == ClickEventType.Search && random.Next(2) == 0) ? CategoryOf(sku) : null;
                    var lines = type == ClickEventType.Purchase ? random.Next(1, 3) : 1;
                    for (var line = 0; line < lines; line++)
                    {
                        var lineSku = line == 0 ? sku : random.Next(skus);
                        events.Add(new ClickEvent(
                            eventId++,
                            t,
                            type,
                            userId,
                            sessionId,
                            DeviceId: 7,
                            Ip: 9,
                            country,
                            channel,
                            hasProduct ? $"sku{lineSku}" : null,
                            hasProduct ? CategoryOf(lineSku) : category,
                            hasProduct ? random.Next(100, 20_000) : 0,
                            type == ClickEventType.Purchase ? random.Next(1, 4) : 1,
                            hasProduct ? currency : null,
                            QueryHash: 0,
                            OrderId: type == ClickEventType.Purchase ? orderId : 0));
                    }

                    orderId += type == ClickEventType.Purchase ? 1UL : 0UL;
                }
            }
        }

        return events;
    }

    public static ClickEvent Click(ulong eventId, long timeMs, ClickEventType type, ulong user = 1, ulong session = 1, string? sku = "sku1",
        string? category = "cat1", long price = 1000, int quantity = 1, string currency = "USD", string channel = "direct",
        string country = "US", ulong order = 0) =>
        new(eventId, timeMs, type, user, session, 7, 9, country, channel, sku, category, price, quantity, currency, 0, order);
}
