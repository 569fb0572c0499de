namespace StreamEngine.ClickHouse;

/// <summary>Creates the database and tables if they are missing; safe to run at every start (idempotent).</summary>
public sealed class SchemaManager
{
    private readonly ClickHouseClient _client;

    public SchemaManager(ClickHouseClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    /// <summary>
    /// CREATE DATABASE IF NOT EXISTS, then CREATE TABLE IF NOT EXISTS per definition. An existing table is left as it
    /// is (no ALTER). <paramref name="settings"/> (e.g. allow_experimental_low_cardinality_type=1) go with every statement.
    /// </summary>
    public async Task ApplyAsync(IEnumerable<ClickHouseTableDefinition> definitions, IReadOnlyDictionary<string, string>? settings = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var database = _client.Options.Database;
        await _client.ExecuteAsync($"CREATE DATABASE IF NOT EXISTS {ClickHouseIdentifier.Validate(database, ClickHouseOptions.Key(nameof(ClickHouseOptions.Database)))}", settings, cancellationToken);
        foreach (var definition in definitions)
        {
            await _client.ExecuteAsync(definition.CreateTableSql(database), settings, cancellationToken);
        }
    }
}
