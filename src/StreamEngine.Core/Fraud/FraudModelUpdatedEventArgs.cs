namespace StreamEngine.Core.Fraud;

/// <summary>Raised on the consume thread after an online learning step changed a pipeline's model.</summary>
public sealed class FraudModelUpdatedEventArgs(string txnId, bool fraud, string previousVersion, string version) : EventArgs
{
    /// <summary>The payment whose label (chargeback, or none within the label horizon) caused the step.</summary>
    public string TxnId { get; } = txnId;

    /// <summary>True for a chargeback, false for a payment that reached the label horizon without one.</summary>
    public bool Fraud { get; } = fraud;

    public string PreviousVersion { get; } = previousVersion;

    public string Version { get; } = version;
}
