namespace StreamEngine.Core.Fraud;

/// <summary>
/// Hard rules checked before the model: a deny-listed card, or a burst of earlier declines on the card or device
/// within 10 minutes, forces <see cref="FraudDecision.Decline"/> with a rule reason.
/// </summary>
public sealed class FraudRules
{
    private readonly HashSet<ulong> _denyListedCards;
    private readonly int _declineBurstThreshold;

    public FraudRules(FraudOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _denyListedCards = [.. options.DenyListedCards];
        _declineBurstThreshold = options.DeclineBurstThreshold;
    }

    /// <summary>The rule that forces a decline for this attempt, or <see cref="FraudReason.None"/>.</summary>
    public FraudReason Evaluate(ulong cardToken, ReadOnlySpan<double> features)
    {
        if (_denyListedCards.Contains(cardToken))
        {
            return FraudReason.DenyListedCard;
        }

        if (_declineBurstThreshold > 0)
        {
            if (features[(int)FraudFeature.DeclinesCard10m] >= _declineBurstThreshold)
            {
                return FraudReason.DeclineBurstCard;
            }

            if (features[(int)FraudFeature.DeclinesDevice10m] >= _declineBurstThreshold)
            {
                return FraudReason.DeclineBurstDevice;
            }
        }

        return FraudReason.None;
    }
}
