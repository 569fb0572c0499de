using Microsoft.Extensions.Configuration;
using StreamEngine.ClickHouse;
using StreamEngine.Host.Configuration;
using StreamEngine.Host.Features;

namespace StreamEngine.Host.Commands;

/// <summary><c>streamengine schema apply</c>: creates the database and every table the engine writes (idempotent).</summary>
internal static class SchemaCommand
{
    public static async Task<int> ExecuteAsync(IConfiguration configuration, CancellationToken cancellationToken)
    {
        var options = EngineOptions.Load(configuration);
        using var client = new ClickHouseClient(options.ClickHouse);
        var tables = FeatureCatalog.AllTables(FeatureCatalog.Create(options)).ToList();
        await new SchemaManager(client).ApplyAsync(tables, cancellationToken: cancellationToken);
        Console.WriteLine($"schema applied to {options.ClickHouse.Database} at {options.ClickHouse.Url}: {string.Join(", ", tables.Select(t => t.Name))}");
        return 0;
    }
}
