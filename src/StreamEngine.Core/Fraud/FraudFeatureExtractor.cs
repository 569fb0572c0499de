using StreamEngine.Core.Events;

namespace StreamEngine.Core.Fraud;

/// <summary>
/// Computes the <see cref="FraudFeature"/> vector of each payment attempt from per-key state kept in event time; the
/// one code path for live scoring and training. Not thread-safe: one instance per partition, called on its consume thread.
/// </summary>
public sealed class FraudFeatureExtractor
{
    private const long MinuteMs = 60_000;
    private const long HourMs = 3_600_000;
    private const long DayMs = 24 * HourMs;
    private const long LabelBucketMs = 9 * DayMs;
    private const double MaxHoursSinceLastPayment = 720;
    private const double MaxAccountAgeDays = 365;
    private const double MaxSessionMinutes = 240;
    private const double MaxSpeedKmh = 5000;

    /// <summary>How long a device or IP stays "known" for a user after it was last seen.</summary>
    public static readonly TimeSpan KnownDeviceExpiry = TimeSpan.FromDays(30);

    /// <summary>Idle time after which card and user state are dropped (covers the 90-day label history).</summary>
    public static readonly TimeSpan LongStateExpiry = TimeSpan.FromDays(91);

    /// <summary>Idle time after which device, IP and session state are dropped (covers the 24-hour windows).</summary>
    public static readonly TimeSpan ShortStateExpiry = TimeSpan.FromDays(1);

    private readonly StateTable<CardState> _cards = new();
    private readonly StateTable<UserState> _users = new();
    private readonly StateTable<DeviceState> _devices = new();
    private readonly StateTable<IpState> _ips = new();
    private readonly StateTable<SessionState> _sessions = new();
    private readonly StateTable<FirstClickState> _firstClicks = new();
    private readonly double _impossibleSpeedKmh;
    private readonly long _sweepIntervalMs;
    private long _lastSweepMs = long.MinValue;

    public FraudFeatureExtractor(FraudOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _impossibleSpeedKmh = options.ImpossibleTravelSpeedKmh;
        _sweepIntervalMs = (long)options.SweepInterval.TotalMilliseconds;
    }

    /// <summary>Number of keys held (cards + users + devices + IPs + sessions), for the state-size metric.</summary>
    public int StateCount => _cards.Count + _users.Count + _devices.Count + _ips.Count + _sessions.Count + _firstClicks.Count;

    /// <summary>Clickstream hook: records the session's first click and the user's first event.</summary>
    public void ObserveClick(in ClickEvent click)
    {
        if (click.SessionId != 0)
        {
            ref var s = ref _sessions.GetOrAdd(click.SessionId, click.TimeMs);
            s.FirstSeenMs = s.FirstSeenMs != 0 ? Math.Min(s.FirstSeenMs, click.TimeMs) : click.TimeMs;
        }

        // Not the full user state: most browsing users never pay, and only their first click matters here.
        ref var u = ref _firstClicks.GetOrAdd(click.UserId, click.TimeMs);
        u.FirstClickMs = u.FirstClickMs != 0 ? Math.Min(u.FirstClickMs, click.TimeMs) : click.TimeMs;
    }

    /// <summary>
    /// Updates the state with <paramref name="payment"/>. For an attempt (authorized or declined) writes its features,
    /// computed from the history before its outcome, to <paramref name="features"/> and returns true; refunds and
    /// chargebacks only update the history and return false.
    /// </summary>
    public bool Process(in PaymentEvent payment, Span<double> features)
    {
        if (features.Length < FraudFeatureNames.Count)
        {
            throw new ArgumentException($"Needs room for {FraudFeatureNames.Count} features.", nameof(features));
        }

        var t = payment.TimeMs;
        if (payment.Type is PaymentEventType.Refunded or PaymentEventType.Chargeback)
        {
            RecordLabel(payment, t);
            return false;
        }

        ref var card = ref _cards.GetOrAdd(payment.CardToken, t);
        ref var user = ref _users.GetOrAdd(payment.UserId, t);
        ref var device = ref _devices.GetOrAdd(payment.DeviceId, t);
        ref var ip = ref _ips.GetOrAdd(payment.Ip, t);
        var amount = payment.AmountCents;

        card.Velocity.Add(t, amount);
        user.Velocity.Add(t, amount);
        ip.Velocity.Add(t, amount);
        device.Velocity.Add(t, amount);
        card.Velocity.Write(t, features, FraudFeature.VelocityCard1m, FraudFeature.AmountCard1m);
        user.Velocity.Write(t, features, FraudFeature.VelocityUser1m, FraudFeature.AmountUser1m);
        ip.Velocity.Write(t, features, FraudFeature.VelocityIp1m, FraudFeature.AmountIp1m);
        device.Velocity.Write(t, features, FraudFeature.VelocityDevice1m, FraudFeature.AmountDevice1m);

        features[(int)FraudFeature.DeclinesCard10m] = BucketRing.Sum(card.Declines, MinuteMs, t, out _);
        features[(int)FraudFeature.DeclinesDevice10m] = BucketRing.Sum(device.Declines, MinuteMs, t, out _);

        device.Cards.Touch(payment.CardToken, t, DayMs);
        ip.Cards.Touch(payment.CardToken, t, DayMs);
        var knownDevice = user.Devices.Touch(payment.DeviceId, t, (long)KnownDeviceExpiry.TotalMilliseconds);
        var knownIp = user.Ips.Touch(payment.Ip, t, (long)KnownDeviceExpiry.TotalMilliseconds);
        features[(int)FraudFeature.DistinctCardsDevice24h] = device.Cards.CountSince(t - DayMs);
        features[(int)FraudFeature.DistinctCardsIp24h] = ip.Cards.CountSince(t - DayMs);
        features[(int)FraudFeature.DistinctDevicesUser24h] = user.Devices.CountSince(t - DayMs);
        features[(int)FraudFeature.DistinctIpsUser24h] = user.Ips.CountSince(t - DayMs);
        features[(int)FraudFeature.NewDeviceForUser] = knownDevice ? 0 : 1;
        features[(int)FraudFeature.NewIpForUser] = knownIp ? 0 : 1;

        WriteAmount(ref user, amount, features);
        WriteTiming(ref user, payment.UserId, t, payment.SessionId, features);
        features[(int)FraudFeature.IpCountryNotBilling] = Differs(payment.IpCountry, payment.BillingCountry);
        features[(int)FraudFeature.IpCountryNotShipping] = Differs(payment.IpCountry, payment.ShippingCountry);
        features[(int)FraudFeature.BillingNotShipping] = Differs(payment.BillingCountry, payment.ShippingCountry);
        WriteTravel(ref user, payment, features);

        features[(int)FraudFeature.RefundsCard90d] = BucketRing.Sum(card.Refunds, LabelBucketMs, t, out _);
        features[(int)FraudFeature.ChargebacksCard90d] = BucketRing.Sum(card.Chargebacks, LabelBucketMs, t, out _);
        features[(int)FraudFeature.RefundsUser90d] = BucketRing.Sum(user.Refunds, LabelBucketMs, t, out _);
        features[(int)FraudFeature.ChargebacksUser90d] = BucketRing.Sum(user.Chargebacks, LabelBucketMs, t, out _);

        // The outcome becomes history only after the features are taken: at authorisation time it is not known yet.
        if (payment.Type == PaymentEventType.Declined)
        {
            BucketRing.Add(card.Declines, MinuteMs, t, amount);
            BucketRing.Add(device.Declines, MinuteMs, t, amount);
        }

        return true;
    }

    /// <summary>Drops keys idle beyond their expiry once the watermark has moved a sweep interval since the last sweep.</summary>
    public void AdvanceWatermark(long watermarkMs)
    {
        if (_lastSweepMs != long.MinValue && watermarkMs - _lastSweepMs < _sweepIntervalMs)
        {
            return;
        }

        if (_lastSweepMs == long.MinValue)
        {
            _lastSweepMs = watermarkMs;
            return;
        }

        _lastSweepMs = watermarkMs;
        var longCutoff = watermarkMs - (long)LongStateExpiry.TotalMilliseconds;
        var shortCutoff = watermarkMs - (long)ShortStateExpiry.TotalMilliseconds;

        _cards.RemoveIdle(longCutoff);
        _users.RemoveIdle(longCutoff);
        _devices.RemoveIdle(shortCutoff);
        _ips.RemoveIdle(shortCutoff);
        _sessions.RemoveIdle(shortCutoff);
        _firstClicks.RemoveIdle(longCutoff);
    }

    /// <summary>Writes every key's state and the last sweep time (the options are not part of the state).</summary>
    internal void Save(BinaryWriter writer)
    {
        writer.Write(_lastSweepMs);
        _cards.Save(writer);
        _users.Save(writer);
        _devices.Save(writer);
        _ips.Save(writer);
        _sessions.Save(writer);
        _firstClicks.Save(writer);
    }

    /// <summary>Replaces the state with one written by <see cref="Save"/>.</summary>
    internal void Restore(BinaryReader reader)
    {
        _lastSweepMs = reader.ReadInt64();
        _cards.Restore(reader);
        _users.Restore(reader);
        _devices.Restore(reader);
        _ips.Restore(reader);
        _sessions.Restore(reader);
        _firstClicks.Restore(reader);
    }

    private static double Differs(string a, string b) => string.Equals(a, b, StringComparison.Ordinal) ? 0 : 1;

    private static void WriteAmount(ref UserState user, long amountCents, Span<double> features)
    {
        // Amounts are log-normal-ish; the z-score is taken on log1p(major units) so one outlier does not dominate.
        var x = VelocityState.LogMajor(amountCents);
        features[(int)FraudFeature.LogAmount] = x;
        var z = 0.0;
        if (user.AmountCount >= 2)
        {
            var std = Math.Sqrt(user.AmountM2 / (user.AmountCount - 1));
            z = (x - user.AmountMean) / Math.Max(std, 0.1);
        }

        features[(int)FraudFeature.AmountZScoreUser] = z;

        // Welford's online mean/variance.
        user.AmountCount++;
        var delta = x - user.AmountMean;
        user.AmountMean += delta / user.AmountCount;
        user.AmountM2 += delta * (x - user.AmountMean);
    }

    private void WriteTiming(ref UserState user, ulong userId, long t, ulong sessionId, Span<double> features)
    {
        features[(int)FraudFeature.HoursSinceLastPayment] = user.LastPaymentMs == 0
            ? MaxHoursSinceLastPayment
            : Math.Clamp((t - user.LastPaymentMs) / (double)HourMs, 0, MaxHoursSinceLastPayment);
        user.LastPaymentMs = Math.Max(user.LastPaymentMs, t);
        if (user.FirstEventMs == 0 || t < user.FirstEventMs)
        {
            user.FirstEventMs = t;
        }

        if (_firstClicks.TryGet(userId, out var click) && click.FirstClickMs < user.FirstEventMs)
        {
            user.FirstEventMs = click.FirstClickMs;
        }

        features[(int)FraudFeature.AccountAgeDays] = Math.Min((t - user.FirstEventMs) / (double)DayMs, MaxAccountAgeDays);

        if (sessionId != 0 && _sessions.TryGet(sessionId, out var session))
        {
            features[(int)FraudFeature.SessionKnown] = 1;
            features[(int)FraudFeature.SessionMinutesBeforePayment] =
                Math.Clamp((t - session.FirstSeenMs) / (double)MinuteMs, 0, MaxSessionMinutes);
        }
        else
        {
            features[(int)FraudFeature.SessionKnown] = 0;
            features[(int)FraudFeature.SessionMinutesBeforePayment] = 0;
        }
    }

    private void WriteTravel(ref UserState user, in PaymentEvent payment, Span<double> features)
    {
        double distance = 0, speed = 0;
        if (payment.HasLocation && user.LastLocatedMs != 0)
        {
            distance = GeoMath.HaversineKm(user.LastLatitude, user.LastLongitude, payment.Latitude, payment.Longitude);

            // At least one minute apart, so two payments in the same second do not imply infinite speed.
            var hours = Math.Max(Math.Abs(payment.TimeMs - user.LastLocatedMs), MinuteMs) / (double)HourMs;
            speed = Math.Min(distance / hours, MaxSpeedKmh);
        }

        features[(int)FraudFeature.TravelDistanceKm] = distance;
        features[(int)FraudFeature.TravelSpeedKmh] = speed;
        features[(int)FraudFeature.ImpossibleTravel] = speed > _impossibleSpeedKmh && distance > 100 ? 1 : 0;
        if (payment.HasLocation && payment.TimeMs >= user.LastLocatedMs)
        {
            user.LastLocatedMs = payment.TimeMs;
            user.LastLatitude = payment.Latitude;
            user.LastLongitude = payment.Longitude;
        }
    }

    private void RecordLabel(in PaymentEvent payment, long t)
    {
        var chargeback = payment.Type == PaymentEventType.Chargeback;
        ref var card = ref _cards.GetOrAdd(payment.CardToken, t);
        ref var user = ref _users.GetOrAdd(payment.UserId, t);
        if (chargeback)
        {
            BucketRing.Add(card.Chargebacks, LabelBucketMs, t, payment.AmountCents);
            BucketRing.Add(user.Chargebacks, LabelBucketMs, t, payment.AmountCents);
        }
        else
        {
            BucketRing.Add(card.Refunds, LabelBucketMs, t, payment.AmountCents);
            BucketRing.Add(user.Refunds, LabelBucketMs, t, payment.AmountCents);
        }

    }
}
