using System.Globalization;
using StreamEngine.ClickHouse;
using StreamEngine.ClickHouse.Tables;

namespace StreamEngine.Host.Checkpoints;

/// <summary>
/// Checkpoints in the <c>engine_checkpoints</c> table of the engine's own ClickHouse database: every instance of the
/// group reaches it, so a partition that moves finds its state. Writes retry transient failures like the sink does
/// (the consume thread waits, nothing is committed meanwhile).
/// </summary>
internal sealed class ClickHouseCheckpointStore(ClickHouseClient client, string groupId, TimeProvider time) : ICheckpointStore
{
    private readonly IReadOnlyList<string> _columns = CheckpointsTable.Definition.ColumnNames();
    private readonly ClickHouseRetryPolicy _retries = new(client.Options, time);

    // The newest version loaded or saved per partition: a new owner's clock may run behind the previous owner's, and
    // its checkpoint must still replace theirs. Consume thread only.
    private readonly Dictionary<int, ulong> _versions = [];

    public byte[]? Load(int partition)
    {
        // The group id is configuration text: it is compared here rather than spliced into the SQL.
        var sql = string.Create(
            CultureInfo.InvariantCulture,
            $"SELECT group_id, version, hex(state) FROM {client.Options.Database}.{CheckpointsTable.Definition.Name} FINAL WHERE partition = {partition}");
        var rows = _retries.Execute(() => client.QueryAsync(sql).GetAwaiter().GetResult());
        foreach (var row in rows)
        {
            if (row[0] == groupId)
            {
                _versions[partition] = ulong.Parse(row[1], CultureInfo.InvariantCulture);
                return Convert.FromHexString(row[2]);
            }
        }

        return null;
    }

    public void Save(int partition, byte[] image, string positions)
    {
        using var row = new RowBinaryWriter(image.Length + 256);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var version = Math.Max((ulong)now, _versions.GetValueOrDefault(partition) + 1);
        row.WriteString(groupId);
        row.WriteUInt16((ushort)partition);
        row.WriteUInt64(version);
        row.WriteDateTimeFromUnixMs(now);
        row.WriteString(positions);
        row.WriteString(image.AsSpan());
        var payload = row.WrittenMemory;
        _retries.Execute(() =>
        {
            client.InsertAsync(CheckpointsTable.Definition.Name, _columns, payload).GetAwaiter().GetResult();
            return true;
        });
        _versions[partition] = version;
    }
}
