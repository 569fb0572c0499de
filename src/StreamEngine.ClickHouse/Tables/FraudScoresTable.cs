using StreamEngine.Core.Fraud;

namespace StreamEngine.ClickHouse.Tables;

/// <summary>
/// <c>fraud_scores</c>: one row per scored authorisation attempt, identified by txn_id (a replayed payment replaces its
/// row; read with FINAL). <c>features</c> holds the feature vector in <see cref="FraudFeatureNames.All"/> order.
/// user and card are the keyed pseudonyms of the events, never raw identifiers.
/// </summary>
public sealed class FraudScoresTable : IRowEncoder<FraudScoreRow>
{
    public static readonly FraudScoresTable Encoder = new();

    public static readonly ClickHouseTableDefinition Definition = ClickHouseTableDefinition.ReplacingMergeTree(
        "fraud_scores",
        [
            new("event_time", "DateTime"),
            new("txn_id", "String"),
            new("user", "UInt64"),
            new("card", "UInt64"),
            new("amount_minor", "Int64"),
            new("currency", "String"),
            new("score", "Float64"),
            new("decision", "Enum8('approve' = 1, 'review' = 2, 'decline' = 3)"),
            new("reasons", "Array(String)"),
            new("model_version", "String"),
            new("latency_us", "UInt64"),
            new("features", "Array(Float64)"),
            new("version", "UInt64"),
        ],
        versionColumn: "version",
        orderBy: "txn_id",
        dayColumn: "event_time");

    /// <summary>Rows are final when written; a replay writes the same identity with the same version.</summary>
    public const ulong RowVersion = 1;

    public void Encode(in FraudScoreRow row, RowBinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var s = row.Score; // one ~450 B struct copy per row: a property cannot be passed by reference
        writer.WriteDateTimeFromUnixMs(s.TimeMs);
        writer.WriteString(s.TxnId);
        writer.WriteUInt64(s.UserId);
        writer.WriteUInt64(s.CardToken);
        writer.WriteInt64(s.AmountCents);
        writer.WriteString(s.Currency);
        writer.WriteFloat64(s.Score);
        writer.WriteInt8((sbyte)((int)s.Decision + 1));
        var reasons = (s.Reason1 != FraudReason.None ? 1 : 0) + (s.Reason2 != FraudReason.None ? 1 : 0) + (s.Reason3 != FraudReason.None ? 1 : 0);
        writer.WriteArrayLength(reasons);
        WriteReason(writer, s.Reason1);
        WriteReason(writer, s.Reason2);
        WriteReason(writer, s.Reason3);
        writer.WriteString(s.ModelVersion);
        writer.WriteUInt64((ulong)Math.Max(0, row.LatencyUs));
        writer.WriteArrayLength(FraudFeatureNames.Count);
        for (var i = 0; i < FraudFeatureNames.Count; i++)
        {
            writer.WriteFloat64(s.Features[i]);
        }

        writer.WriteUInt64(RowVersion);
    }

    private static void WriteReason(RowBinaryWriter writer, FraudReason reason)
    {
        if (reason != FraudReason.None)
        {
            writer.WriteString(FraudReasonCodes.Code(reason));
        }
    }
}
