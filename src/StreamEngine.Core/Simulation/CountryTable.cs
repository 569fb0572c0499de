namespace StreamEngine.Core.Simulation;

/// <summary>Built-in facts per shop country: currency, exchange rate, UTC offset, centre, traffic weight, IP block.</summary>
internal sealed record CountryInfo(
    string Code,
    string Currency,
    double PerUsd,
    int OffsetMinutes,
    double Lat,
    double Lon,
    double Weight,
    byte IpOctet,
    int Region);

/// <summary>The countries the simulator knows; regions: 0 Americas, 1 Europe, 2 Asia-Pacific.</summary>
internal static class CountryTable
{
    private static readonly CountryInfo[] All =
    [
        new("US", "USD", 1.0, -300, 39.8, -98.6, 30, 23, 0),
        new("DE", "EUR", 0.92, 60, 51.2, 10.4, 10, 85, 1),
        new("FR", "EUR", 0.92, 60, 46.6, 2.2, 7, 90, 1),
        new("GB", "GBP", 0.79, 0, 54.0, -2.0, 8, 81, 1),
        new("JP", "JPY", 150.0, 540, 36.2, 138.3, 7, 126, 2),
        new("BR", "BRL", 5.0, -180, -14.2, -51.9, 6, 177, 0),
        new("IN", "INR", 83.0, 330, 20.6, 79.0, 8, 49, 2),
        new("CA", "CAD", 1.36, -300, 56.1, -106.3, 5, 99, 0),
        new("AU", "AUD", 1.52, 600, -25.3, 133.8, 4, 101, 2),
        new("NL", "EUR", 0.92, 60, 52.1, 5.3, 3, 145, 1),
        new("ES", "EUR", 0.92, 60, 40.5, -3.7, 4, 88, 1),
        new("IT", "EUR", 0.92, 60, 41.9, 12.6, 4, 93, 1),
        new("MX", "MXN", 17.0, -360, 23.6, -102.6, 3, 187, 0),
        new("SG", "SGD", 1.34, 480, 1.35, 103.8, 2, 116, 2),
    ];

    public static string KnownCodes { get; } = string.Join(',', All.Select(c => c.Code));

    /// <summary>The known countries named in a comma-separated list, in list order, or null if one is unknown.</summary>
    public static CountryInfo[]? Select(string codes)
    {
        var parts = codes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var result = new List<CountryInfo>(parts.Length);
        foreach (var part in parts)
        {
            var info = Array.Find(All, c => string.Equals(c.Code, part, StringComparison.OrdinalIgnoreCase));
            if (info is null)
            {
                return null;
            }

            if (!result.Contains(info))
            {
                result.Add(info);
            }
        }

        return [.. result];
    }

    /// <summary>Great-circle distance in kilometres.</summary>
    public static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        const double R = 6371;
        var dLat = double.DegreesToRadians(lat2 - lat1);
        var dLon = double.DegreesToRadians(lon2 - lon1);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2))
            + (Math.Cos(double.DegreesToRadians(lat1)) * Math.Cos(double.DegreesToRadians(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * R * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
