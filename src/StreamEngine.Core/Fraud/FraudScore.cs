namespace StreamEngine.Core.Fraud;

/// <summary>
/// The fraud score of one authorisation attempt, as published on fraud-scores and stored for analysts with its feature
/// vector. Reasons are filled in order; unused ones are <see cref="FraudReason.None"/>.
/// </summary>
public readonly record struct FraudScore(
    string TxnId,
    ulong UserId,
    ulong CardToken,
    long TimeMs,
    long AmountCents,
    string Currency,
    double Score,
    FraudDecision Decision,
    FraudReason Reason1,
    FraudReason Reason2,
    FraudReason Reason3,
    string ModelVersion,
    FraudFeatureVector Features);
