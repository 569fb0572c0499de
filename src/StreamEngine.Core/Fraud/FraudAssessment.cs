namespace StreamEngine.Core.Fraud;

/// <summary>A model's (or a rule's) verdict on one feature vector: score in [0, 1], decision and up to three reasons.</summary>
public readonly record struct FraudAssessment(
    double Score,
    FraudDecision Decision,
    FraudReason Reason1,
    FraudReason Reason2,
    FraudReason Reason3);
