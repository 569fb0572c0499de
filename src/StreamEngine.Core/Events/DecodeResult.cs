namespace StreamEngine.Core.Events;

/// <summary>Outcome of decoding one record: <see cref="DecodeStatus.Ok"/>, or the reason and the offending field.</summary>
public readonly record struct DecodeResult(DecodeStatus Status, string? Field)
{
    public static DecodeResult Ok => default;

    public bool IsOk => Status == DecodeStatus.Ok;

    public static DecodeResult Fail(DecodeStatus status, string? field = null) => new(status, field);
}
