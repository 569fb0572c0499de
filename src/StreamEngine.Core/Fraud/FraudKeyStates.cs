namespace StreamEngine.Core.Fraud;

// Per-key state of FraudFeatureExtractor: plain structs held by value in dictionaries (no per-key objects), so a
// checkpoint can copy them as they are. StateTable keeps each key's last-seen time for the expiry sweep.

/// <summary>Per card: velocity, declines (10 x 1 min), refunds and chargebacks (10 x 9 days). Expires 90 days after last seen.</summary>
internal struct CardState
{
    public VelocityState Velocity;
    public Buckets10 Declines;
    public Buckets10 Refunds;
    public Buckets10 Chargebacks;
}

/// <summary>Per user: velocity, known devices/IPs, amount statistics, last payment and location, label history. Expires after 90 days.</summary>
internal struct UserState
{
    public long FirstEventMs;
    public long LastPaymentMs;
    public long LastLocatedMs;
    public double LastLatitude;
    public double LastLongitude;
    public long AmountCount;
    public double AmountMean;
    public double AmountM2;
    public VelocityState Velocity;
    public RecentSet16 Devices;
    public RecentSet16 Ips;
    public Buckets10 Refunds;
    public Buckets10 Chargebacks;
}

/// <summary>Per device: velocity, declines, distinct cards. Expires 24 hours after last seen.</summary>
internal struct DeviceState
{
    public VelocityState Velocity;
    public Buckets10 Declines;
    public RecentSet16 Cards;
}

/// <summary>Per IP: velocity and distinct cards. Expires 24 hours after last seen.</summary>
internal struct IpState
{
    public VelocityState Velocity;
    public RecentSet16 Cards;
}

/// <summary>Per clickstream session: first click. Expires 24 hours after the last click.</summary>
internal struct SessionState
{
    public long FirstSeenMs;
}

/// <summary>Per clickstream user: time of the first click seen (8 bytes, so browsing-only users stay cheap). Expires after 91 days.</summary>
internal struct FirstClickState
{
    public long FirstClickMs;
}
