namespace StreamEngine.Core.Fraud;

// Per-key state of FraudFeatureExtractor: plain structs held by value in a StateTable (no per-key objects), which
// keeps each key's last-seen time for the expiry sweep. Each writes itself to a checkpoint (FraudStateCodec) and
// reads itself back into a default instance.

/// <summary>Per-key state a <see cref="StateTable{T}"/> can checkpoint.</summary>
internal interface IKeyState
{
    void Write(BinaryWriter writer);

    /// <summary>Reads what <see cref="Write"/> wrote into a default instance.</summary>
    void Read(BinaryReader reader);
}

/// <summary>Per card: velocity, declines (10 x 1 min), refunds and chargebacks (10 x 9 days). Expires 90 days after last seen.</summary>
internal struct CardState : IKeyState
{
    public VelocityState Velocity;
    public Buckets10 Declines;
    public Buckets10 Refunds;
    public Buckets10 Chargebacks;

    public readonly void Write(BinaryWriter writer)
    {
        Velocity.Write(writer);
        FraudStateCodec.WriteRing(writer, Declines);
        FraudStateCodec.WriteRing(writer, Refunds);
        FraudStateCodec.WriteRing(writer, Chargebacks);
    }

    public void Read(BinaryReader reader)
    {
        Velocity.Read(reader);
        FraudStateCodec.ReadRing(reader, Declines);
        FraudStateCodec.ReadRing(reader, Refunds);
        FraudStateCodec.ReadRing(reader, Chargebacks);
    }
}

/// <summary>Per user: velocity, known devices/IPs, amount statistics, last payment and location, label history. Expires after 90 days.</summary>
internal struct UserState : IKeyState
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

    public readonly void Write(BinaryWriter writer)
    {
        writer.Write7BitEncodedInt64(FirstEventMs);
        writer.Write7BitEncodedInt64(LastPaymentMs);
        writer.Write7BitEncodedInt64(LastLocatedMs);
        writer.Write(LastLatitude);
        writer.Write(LastLongitude);
        writer.Write7BitEncodedInt64(AmountCount);
        writer.Write(AmountMean);
        writer.Write(AmountM2);
        Velocity.Write(writer);
        FraudStateCodec.WriteSet(writer, Devices);
        FraudStateCodec.WriteSet(writer, Ips);
        FraudStateCodec.WriteRing(writer, Refunds);
        FraudStateCodec.WriteRing(writer, Chargebacks);
    }

    public void Read(BinaryReader reader)
    {
        FirstEventMs = reader.Read7BitEncodedInt64();
        LastPaymentMs = reader.Read7BitEncodedInt64();
        LastLocatedMs = reader.Read7BitEncodedInt64();
        LastLatitude = reader.ReadDouble();
        LastLongitude = reader.ReadDouble();
        AmountCount = reader.Read7BitEncodedInt64();
        FraudStateCodec.Check(AmountCount >= 0, "a user's amount count is negative");
        AmountMean = reader.ReadDouble();
        AmountM2 = reader.ReadDouble();
        Velocity.Read(reader);
        FraudStateCodec.ReadSet(reader, ref Devices);
        FraudStateCodec.ReadSet(reader, ref Ips);
        FraudStateCodec.ReadRing(reader, Refunds);
        FraudStateCodec.ReadRing(reader, Chargebacks);
    }
}

/// <summary>Per device: velocity, declines, distinct cards. Expires 24 hours after last seen.</summary>
internal struct DeviceState : IKeyState
{
    public VelocityState Velocity;
    public Buckets10 Declines;
    public RecentSet16 Cards;

    public readonly void Write(BinaryWriter writer)
    {
        Velocity.Write(writer);
        FraudStateCodec.WriteRing(writer, Declines);
        FraudStateCodec.WriteSet(writer, Cards);
    }

    public void Read(BinaryReader reader)
    {
        Velocity.Read(reader);
        FraudStateCodec.ReadRing(reader, Declines);
        FraudStateCodec.ReadSet(reader, ref Cards);
    }
}

/// <summary>Per IP: velocity and distinct cards. Expires 24 hours after last seen.</summary>
internal struct IpState : IKeyState
{
    public VelocityState Velocity;
    public RecentSet16 Cards;

    public readonly void Write(BinaryWriter writer)
    {
        Velocity.Write(writer);
        FraudStateCodec.WriteSet(writer, Cards);
    }

    public void Read(BinaryReader reader)
    {
        Velocity.Read(reader);
        FraudStateCodec.ReadSet(reader, ref Cards);
    }
}

/// <summary>Per clickstream session: first click. Expires 24 hours after the last click.</summary>
internal struct SessionState : IKeyState
{
    public long FirstSeenMs;

    public readonly void Write(BinaryWriter writer) => writer.Write7BitEncodedInt64(FirstSeenMs);

    public void Read(BinaryReader reader) => FirstSeenMs = reader.Read7BitEncodedInt64();
}

/// <summary>Per clickstream user: time of the first click seen (8 bytes, so browsing-only users stay cheap). Expires after 91 days.</summary>
internal struct FirstClickState : IKeyState
{
    public long FirstClickMs;

    public readonly void Write(BinaryWriter writer) => writer.Write7BitEncodedInt64(FirstClickMs);

    public void Read(BinaryReader reader) => FirstClickMs = reader.Read7BitEncodedInt64();
}
