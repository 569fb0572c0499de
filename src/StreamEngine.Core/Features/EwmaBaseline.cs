namespace StreamEngine.Core.Features;

/// <summary>
/// Exponentially weighted mean and variance of one series (West's incremental form) plus the current run of
/// deviating samples. A sample is scored against the baseline before it is folded in.
/// </summary>
internal struct EwmaBaseline
{
    public double Mean;
    public double Variance;
    public long Samples;
    public int Streak;      // consecutive deviating samples; sign = direction
    public int StreakSign;

    /// <summary>
    /// Scores <paramref name="x"/> (z against the baseline, deviation floored at <paramref name="minDeviation"/>), folds it
    /// in, and returns true when this sample completes a run of exactly <paramref name="consecutive"/> deviations
    /// in the same direction after warm-up.
    /// </summary>
    public bool Observe(double x, double alpha, double zLimit, int consecutive, int warmup, double minDeviation, out double expected, out double z)
    {
        expected = Mean;
        var deviation = Math.Max(Math.Sqrt(Variance), minDeviation);
        z = Samples == 0 ? 0 : (x - Mean) / deviation;
        var warm = Samples >= warmup && Samples > 0;
        var sign = Math.Abs(z) > zLimit && warm ? Math.Sign(z) : 0;
        Streak = sign == 0 ? 0 : sign == StreakSign ? Streak + 1 : 1;
        StreakSign = sign;

        if (Samples == 0)
        {
            Mean = x;
        }
        else
        {
            // Once warm, a sample is winsorised to mean ± z·σ before it is folded in, so a sustained deviation does not
            // at once inflate the baseline it is measured against (a plain EWMA hides a 4-minute spike by minute 2).
            var folded = warm ? Math.Clamp(x, Mean - (zLimit * deviation), Mean + (zLimit * deviation)) : x;
            var diff = folded - Mean;
            var increment = alpha * diff;
            Mean += increment;
            Variance = (1 - alpha) * (Variance + (diff * increment));
        }

        Samples++;
        return sign != 0 && Streak == consecutive;
    }

    public readonly void Write(BinaryWriter writer)
    {
        writer.Write(Mean);
        writer.Write(Variance);
        writer.Write(Samples);
        writer.Write(Streak);
        writer.Write((sbyte)StreakSign);
    }

    public static EwmaBaseline Read(BinaryReader reader)
    {
        var baseline = new EwmaBaseline
        {
            Mean = reader.ReadDouble(),
            Variance = reader.ReadDouble(),
            Samples = reader.ReadInt64(),
            Streak = reader.ReadInt32(),
            StreakSign = reader.ReadSByte(),
        };
        var valid = double.IsFinite(baseline.Mean) && double.IsFinite(baseline.Variance) && baseline.Variance >= 0
            && baseline.Samples >= 0 && baseline.Streak >= 0 && baseline.StreakSign is >= -1 and <= 1 && (baseline.Streak == 0) == (baseline.StreakSign == 0);
        return valid ? baseline : throw new InvalidDataException($"EWMA baseline (mean {baseline.Mean}, variance {baseline.Variance}, samples {baseline.Samples}, streak {baseline.Streak}×{baseline.StreakSign}) is impossible.");
    }
}
