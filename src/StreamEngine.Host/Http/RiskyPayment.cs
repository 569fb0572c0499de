namespace StreamEngine.Host.Http;

/// <summary>A payment scored review or decline, as shown on the status page: no PII, the user only as pseudonym hex.</summary>
public sealed record RiskyPayment(string TxnId, string UserPseudonym, long TimeMs, long AmountMinor, string Currency, double Score, string Decision, IReadOnlyList<string> Reasons);
