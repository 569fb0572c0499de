namespace StreamEngine.Core.Inventory;

/// <summary>
/// Which warehouse fulfils a purchase, bound from "StreamEngine:Fulfilment": the purchase's country looked up in
/// <see cref="WarehouseByCountry"/>, else <see cref="DefaultWarehouse"/>. The defaults match the simulator with three
/// warehouses (Americas WH-1, Europe WH-2, Asia-Pacific WH-3).
/// </summary>
public sealed class FulfilmentOptions
{
    public const string SectionName = "StreamEngine:Fulfilment";

    /// <summary>Warehouse for countries not in <see cref="WarehouseByCountry"/>.</summary>
    public string DefaultWarehouse { get; set; } = "WH-1";

    /// <summary>ISO 3166 alpha-2 country -> warehouse id. Setting any key from configuration adds to the defaults.</summary>
    public Dictionary<string, string> WarehouseByCountry { get; init; } = new(StringComparer.Ordinal)
    {
        ["US"] = "WH-1", ["CA"] = "WH-1", ["MX"] = "WH-1", ["BR"] = "WH-1",
        ["DE"] = "WH-2", ["FR"] = "WH-2", ["GB"] = "WH-2", ["NL"] = "WH-2", ["ES"] = "WH-2", ["IT"] = "WH-2",
        ["JP"] = "WH-3", ["IN"] = "WH-3", ["AU"] = "WH-3", ["SG"] = "WH-3",
    };

    /// <summary>The fulfilling warehouse of a purchase shipped to <paramref name="country"/>.</summary>
    public string WarehouseFor(string? country) =>
        country is not null && WarehouseByCountry.TryGetValue(country, out var warehouse) ? warehouse : DefaultWarehouse;

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first invalid key.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DefaultWarehouse))
        {
            throw new InvalidOperationException($"{SectionName}:{nameof(DefaultWarehouse)} must be set.");
        }

        foreach (var (country, warehouse) in WarehouseByCountry)
        {
            if (country.Length != 2 || !char.IsAsciiLetterUpper(country[0]) || !char.IsAsciiLetterUpper(country[1]))
            {
                throw new InvalidOperationException($"{SectionName}:{nameof(WarehouseByCountry)}:{country} must be an ISO 3166 alpha-2 code in upper case.");
            }

            if (string.IsNullOrWhiteSpace(warehouse))
            {
                throw new InvalidOperationException($"{SectionName}:{nameof(WarehouseByCountry)}:{country} must name a warehouse.");
            }
        }
    }
}
