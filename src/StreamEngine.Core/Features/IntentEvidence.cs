namespace StreamEngine.Core.Features;

/// <summary>
/// One (user, category)'s purchase-intent evidence: a ring of the last N qualifying event times (slot Count % N is the
/// oldest once full), the last event and the last signal.
/// </summary>
internal struct IntentEvidence(int threshold)
{
    public long[] Times = new long[threshold];
    public int Count;
    public long LastMs;
    public long LastSignalMs = long.MinValue;
}
