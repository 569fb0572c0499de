namespace StreamEngine.Core.Fraud;

/// <summary>What the payment service should do with an authorisation attempt.</summary>
public enum FraudDecision : byte
{
    Approve,
    Review,
    Decline,
}
