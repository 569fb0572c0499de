namespace StreamEngine.Core.Events;

/// <summary>Payment attempts with their outcome, and the later labels (refund, chargeback) that refer to them.</summary>
public enum PaymentEventType : byte
{
    Authorized,
    Declined,
    Refunded,
    Chargeback,
}
