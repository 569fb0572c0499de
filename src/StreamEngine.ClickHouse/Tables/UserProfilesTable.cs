using StreamEngine.Core.Features;

namespace StreamEngine.ClickHouse.Tables;

/// <summary>
/// <c>user_profiles</c>: the latest profile per user (identity user_id, version = as_of_ms). Partitioned by 16 hash
/// buckets of the pseudonym, not by day: ReplacingMergeTree replaces only within a partition, and a profile must
/// replace the user's row of any earlier day.
/// </summary>
public sealed class UserProfilesTable : IRowEncoder<UserProfileRow>
{
    public static readonly UserProfilesTable Encoder = new();

    public static readonly ClickHouseTableDefinition Definition = new(
        "user_profiles",
        [
            new("user_id", "UInt64"),
            new("source_partition", "UInt16"),
            new("as_of", "DateTime"),
            new("as_of_ms", "UInt64"),
            new("last_activity_ms", "UInt64"),
            new("last_purchase_ms", "UInt64"),
            new("orders_7d", "UInt32"),
            new("spend_7d_minor", "Int64"),
            new("orders_30d", "UInt32"),
            new("spend_30d_minor", "Int64"),
            new("aov_30d_minor", "Int64"),
            new("favourite_category", "String"),
            new("sessions_7d", "UInt32"),
            new("cart_sessions_30d", "UInt32"),
            new("abandoned_cart_sessions_30d", "UInt32"),
            new("cart_abandon_rate_30d", "Float64"),
            new("version", "UInt64"),
        ],
        engine: "ReplacingMergeTree(version)",
        orderBy: "user_id",
        partitionBy: "intDiv(user_id, 1152921504606846976)");

    public void Encode(in UserProfileRow row, RowBinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteUInt64(row.UserId);
        writer.WriteUInt16((ushort)row.Partition);
        writer.WriteDateTimeFromUnixMs(row.AsOfMs);
        writer.WriteUInt64((ulong)row.AsOfMs);
        writer.WriteUInt64((ulong)row.LastActivityMs);
        writer.WriteUInt64((ulong)row.LastPurchaseMs);
        writer.WriteUInt32((uint)row.Orders7d);
        writer.WriteInt64(row.Spend7dMinor);
        writer.WriteUInt32((uint)row.Orders30d);
        writer.WriteInt64(row.Spend30dMinor);
        writer.WriteInt64(row.AverageOrderValue30dMinor);
        writer.WriteString(row.FavouriteCategory);
        writer.WriteUInt32((uint)row.Sessions7d);
        writer.WriteUInt32((uint)row.CartSessions30d);
        writer.WriteUInt32((uint)row.AbandonedCartSessions30d);
        writer.WriteFloat64(row.CartAbandonRate30d);
        writer.WriteUInt64((ulong)row.Version);
    }
}
