using StreamEngine.Core.Events;

namespace StreamEngine.Core.Tests.Fraud;

/// <summary>Builders of payment events for fraud tests.</summary>
internal static class FraudTestEvents
{
    public const long T0 = 1_789_948_800_000; // 2026-09-20T00:00:00Z: a multiple of every bucket width up to one day
    public const long Minute = 60_000;
    public const long Hour = 60 * Minute;
    public const long Day = 24 * Hour;

    public static PaymentEvent Attempt(
        long timeMs,
        ulong user = 1,
        ulong card = 100,
        ulong device = 200,
        ulong ip = 300,
        long cents = 5_000,
        bool declined = false,
        string txn = "t",
        string billing = "DE",
        string shipping = "DE",
        string ipCountry = "DE",
        double lat = double.NaN,
        double lon = double.NaN,
        ulong session = 0) =>
        new(1, timeMs, declined ? PaymentEventType.Declined : PaymentEventType.Authorized, txn, 9, user, card, cents, "EUR", [],
            ip, device, session, billing, shipping, ipCountry, lat, lon);

    public static PaymentEvent Label(long timeMs, PaymentEventType type, string txn, ulong user = 1, ulong card = 100) =>
        new(2, timeMs, type, txn, 0, user, card, 5_000, "EUR", [], 0, 0, 0, "", "", "", double.NaN, double.NaN);

    public static ClickEvent Click(long timeMs, ulong user = 1, ulong session = 77) =>
        new(1, timeMs, ClickEventType.PageView, user, session, 200, 300, "DE", "direct", null, null, 0, 1, null, 0, 0);

    public static double[] Features(this Core.Fraud.FraudFeatureExtractor extractor, in PaymentEvent e)
    {
        var f = new double[Core.Fraud.FraudFeatureNames.Count];
        Assert.True(extractor.Process(e, f));
        return f;
    }
}
