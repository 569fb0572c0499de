namespace StreamEngine.Core.Simulation;

/// <summary>A shopper: home country, devices, IPs and cards (numbered; formatted as ids when written).</summary>
internal struct UserProfile
{
    public byte Home;
    public byte DeviceCount;
    public byte IpCount;
    public byte CardCount;
    public long DeviceBase;
    public long CardBase;
    public uint IpSeed;
    public double Lat;
    public double Lon;
}

/// <summary>
/// Registered users with Zipf-distributed activity, plus accounts created during the run (new shoppers, fraudsters).
/// Devices and cards of registered users are numbered user*4+k and user*2+k; later ones come from counters above.
/// </summary>
internal sealed class Population
{
    private readonly List<UserProfile> _users;
    private readonly double[] _activityCdf;
    private readonly double[] _countryCdf;
    private readonly CountryInfo[] _countries;
    private long _nextDevice;
    private long _nextCard;

    public Population(Random rng, int users, CountryInfo[] countries)
    {
        _countries = countries;
        _countryCdf = new double[countries.Length];
        var total = countries.Sum(c => c.Weight);
        var acc = 0.0;
        for (var i = 0; i < countries.Length; i++)
        {
            acc += countries[i].Weight / total;
            _countryCdf[i] = acc;
        }

        _countryCdf[^1] = 1;
        _users = new List<UserProfile>(users + 1024);
        for (var u = 0; u < users; u++)
        {
            _users.Add(NewProfile(rng, PickCountry(rng), (u * 4L) + 1, (u * 2L) + 1, (byte)rng.Next(1, 4), (byte)rng.Next(1, 3)));
        }

        _activityCdf = Catalog.ZipfCdf(users, 0.6);
        _nextDevice = (users * 4L) + 1;
        _nextCard = (users * 2L) + 1;
    }

    public int Count => _users.Count;

    public UserProfile this[int user] => _users[user];

    public byte PickCountry(Random rng) => (byte)Catalog.SampleCdf(_countryCdf, rng.NextDouble());

    /// <summary>A registered user, weighted by activity (low indices are the most active).</summary>
    public int PickActive(Random rng) => Catalog.SampleCdf(_activityCdf, rng.NextDouble());

    /// <summary>Registers a brand-new account with one device and one card, and returns its index.</summary>
    public int AddNew(Random rng, byte home)
    {
        _users.Add(NewProfile(rng, home, _nextDevice, _nextCard, 1, 1));
        _nextDevice++;
        _nextCard++;
        return _users.Count - 1;
    }

    public long NewDevice() => _nextDevice++;

    public long NewCard() => _nextCard++;

    public uint IpOf(int user, int k)
    {
        var p = _users[user];
        return IpIn(p.Home, p.IpSeed + ((uint)k * 0x9E3779B9u));
    }

    /// <summary>An IP address in the country's block (first octet), the rest from a hash of the seed.</summary>
    public uint IpIn(byte country, uint seed)
    {
        var h = seed * 0x85EBCA6Bu;
        h ^= h >> 13;
        h *= 0xC2B2AE35u;
        h ^= h >> 16;
        return ((uint)_countries[country].IpOctet << 24) | (h & 0xFFFFFF) | 1u;
    }

    private UserProfile NewProfile(Random rng, byte home, long deviceBase, long cardBase, byte devices, byte cards)
    {
        var c = _countries[home];
        return new UserProfile
        {
            Home = home,
            DeviceCount = devices,
            IpCount = (byte)rng.Next(1, 4),
            CardCount = cards,
            DeviceBase = deviceBase,
            CardBase = cardBase,
            IpSeed = (uint)rng.Next(),
            Lat = c.Lat + ((rng.NextDouble() - 0.5) * 4),
            Lon = c.Lon + ((rng.NextDouble() - 0.5) * 6),
        };
    }
}
