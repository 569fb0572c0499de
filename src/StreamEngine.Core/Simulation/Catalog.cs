namespace StreamEngine.Core.Simulation;

/// <summary>
/// The product catalogue: SKU i is in category i % C with popularity rank i / C (Zipf within the category), a base
/// price in US cents, local prices per country and a supplier. A few products per category trend for a while.
/// </summary>
internal sealed class Catalog
{
    public const int Suppliers = 8;
    private const long TrendPeriodMs = 4 * 3_600_000L;
    private const double TrendShare = 0.12;

    private static readonly string[] CategoryNames =
    [
        "electronics", "books", "fashion", "home", "garden", "toys", "sports", "beauty", "grocery", "automotive",
        "music", "movies", "games", "office", "pets", "baby", "jewelry", "tools", "health", "outdoor",
    ];

    private static readonly double[] CategoryMedianUsd =
        [180, 15, 45, 60, 35, 25, 50, 22, 8, 70, 14, 12, 40, 20, 18, 30, 120, 55, 16, 65];

    private static readonly string[] QueryWords = ["cheap", "best", "new", "sale", "gift"];

    private readonly double[] _categoryCdf;
    private readonly int[][] _byCategory;
    private readonly double[][] _rankCdf;
    private readonly long[] _localPrice;
    private readonly int _countryCount;

    public Catalog(Random rng, int products, CountryInfo[] countries)
    {
        var categories = Math.Min(CategoryNames.Length, products);
        Categories = CategoryNames[..categories];
        Queries = new string[categories * QueryWords.Length];
        for (var c = 0; c < categories; c++)
        {
            for (var w = 0; w < QueryWords.Length; w++)
            {
                Queries[(c * QueryWords.Length) + w] = QueryWords[w] + " " + CategoryNames[c];
            }
        }

        Skus = new string[products];
        CategoryOf = new int[products];
        SupplierOf = new byte[products];
        BasePriceCents = new long[products];
        _countryCount = countries.Length;
        _localPrice = new long[products * countries.Length];
        for (var i = 0; i < products; i++)
        {
            Skus[i] = "SKU-" + i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture);
            CategoryOf[i] = i % categories;
            SupplierOf[i] = (byte)((uint)(i * 2654435761u) % Suppliers);
            var usd = CategoryMedianUsd[CategoryOf[i]] * Math.Exp(0.6 * Gaussian(rng));
            BasePriceCents[i] = Math.Max(99, ((long)Math.Round(usd) * 100) - 1);
            for (var c = 0; c < countries.Length; c++)
            {
                var local = BasePriceCents[i] * countries[c].PerUsd;
                // Currencies with large units are priced in whole units, as shops do.
                _localPrice[(i * countries.Length) + c] = countries[c].PerUsd >= 50
                    ? Math.Max(100, (long)Math.Round(local / 100) * 100)
                    : Math.Max(1, (long)Math.Round(local));
            }
        }

        _categoryCdf = ZipfCdf(categories, 0.8);
        _byCategory = new int[categories][];
        _rankCdf = new double[categories][];
        for (var c = 0; c < categories; c++)
        {
            var count = (products - c + categories - 1) / categories;
            _byCategory[c] = new int[count];
            for (var r = 0; r < count; r++)
            {
                _byCategory[c][r] = c + (r * categories);
            }

            _rankCdf[c] = ZipfCdf(count, 1.1);
        }
    }

    public string[] Skus { get; }

    public string[] Categories { get; }

    public string[] Queries { get; }

    public int[] CategoryOf { get; }

    public byte[] SupplierOf { get; }

    public long[] BasePriceCents { get; }

    public static int QueriesPerCategory => QueryWords.Length;

    public long LocalPrice(int sku, int country) => _localPrice[(sku * _countryCount) + country];

    public int PickCategory(Random rng) => SampleCdf(_categoryCdf, rng.NextDouble());

    /// <summary>A product of the category: Zipf by rank, or (sometimes) one of the products trending in this period.</summary>
    public int PickSku(Random rng, int category, long timeMs)
    {
        var members = _byCategory[category];
        if (members.Length > 3 && rng.NextDouble() < TrendShare)
        {
            var period = (ulong)(timeMs / TrendPeriodMs);
            var hash = ((period * 0x9E3779B97F4A7C15UL) ^ ((ulong)category * 0xC2B2AE3D27D4EB4FUL)) >> 20;
            var trending = 1 + (int)(hash % (ulong)(members.Length - 1));
            return members[trending];
        }

        return members[SampleCdf(_rankCdf[category], rng.NextDouble())];
    }

    /// <summary>Long-run probability that a product view is of this SKU (without trends).</summary>
    public double BaseShare(int sku)
    {
        var c = CategoryOf[sku];
        var rank = sku / Categories.Length;
        var pc = _categoryCdf[c] - (c == 0 ? 0 : _categoryCdf[c - 1]);
        var cdf = _rankCdf[c];
        var pr = cdf[rank] - (rank == 0 ? 0 : cdf[rank - 1]);
        return pc * pr;
    }

    public static double[] ZipfCdf(int n, double exponent)
    {
        var cdf = new double[n];
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            sum += 1 / Math.Pow(i + 1, exponent);
            cdf[i] = sum;
        }

        for (var i = 0; i < n; i++)
        {
            cdf[i] /= sum;
        }

        cdf[n - 1] = 1;
        return cdf;
    }

    public static int SampleCdf(double[] cdf, double u)
    {
        int lo = 0, hi = cdf.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (cdf[mid] > u)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }

    public static double Gaussian(Random rng)
    {
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
