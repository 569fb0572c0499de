namespace StreamEngine.Core.Fraud;

/// <summary>
/// Attempt count and amount of one key over 1 minute (6 x 10 s buckets), 1 hour (12 x 5 min) and 24 hours (24 x 1 h).
/// </summary>
internal struct VelocityState
{
    public const long MinuteWidthMs = 10_000;
    public const long HourWidthMs = 300_000;
    public const long DayWidthMs = 3_600_000;

    public Buckets6 Minute;
    public Buckets12 Hour;
    public Buckets24 Day;

    public void Add(long timeMs, long amountCents)
    {
        BucketRing.Add(Minute, MinuteWidthMs, timeMs, amountCents);
        BucketRing.Add(Hour, HourWidthMs, timeMs, amountCents);
        BucketRing.Add(Day, DayWidthMs, timeMs, amountCents);
    }

    /// <summary>Writes counts at <paramref name="countAt"/>, +1, +2 and log1p(amount in major units) at <paramref name="amountAt"/>, +1, +2.</summary>
    public readonly void Write(long timeMs, Span<double> features, FraudFeature countAt, FraudFeature amountAt)
    {
        features[(int)countAt] = BucketRing.Sum(Minute, MinuteWidthMs, timeMs, out var a1);
        features[(int)countAt + 1] = BucketRing.Sum(Hour, HourWidthMs, timeMs, out var a2);
        features[(int)countAt + 2] = BucketRing.Sum(Day, DayWidthMs, timeMs, out var a3);
        features[(int)amountAt] = LogMajor(a1);
        features[(int)amountAt + 1] = LogMajor(a2);
        features[(int)amountAt + 2] = LogMajor(a3);
    }

    public readonly void Write(BinaryWriter writer)
    {
        FraudStateCodec.WriteRing(writer, Minute);
        FraudStateCodec.WriteRing(writer, Hour);
        FraudStateCodec.WriteRing(writer, Day);
    }

    /// <summary>Reads what <see cref="Write(BinaryWriter)"/> wrote into a default instance.</summary>
    public void Read(BinaryReader reader)
    {
        FraudStateCodec.ReadRing(reader, Minute);
        FraudStateCodec.ReadRing(reader, Hour);
        FraudStateCodec.ReadRing(reader, Day);
    }

    public static double LogMajor(long cents) => Math.Log(1 + (Math.Max(cents, 0) / 100.0));
}
