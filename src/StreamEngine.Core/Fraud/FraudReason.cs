namespace StreamEngine.Core.Fraud;

/// <summary>
/// A reason code: a hard rule (named members) or a model feature that pushed the score up (values from
/// <see cref="FeatureBase"/>, built by <see cref="FraudReasonCodes.ForFeature"/>). <see cref="FraudReasonCodes.Code"/>
/// gives the string published downstream.
/// </summary>
public enum FraudReason : ushort
{
    None = 0,
    DenyListedCard = 1,
    DeclineBurstCard = 2,
    DeclineBurstDevice = 3,

    /// <summary>First feature reason: FeatureBase + 2 * feature, + 1 when the feature is unusually low.</summary>
    FeatureBase = 256,
}
