namespace StreamEngine.Core.Simulation;

/// <summary>Who is shopping in a session and from where: the fields every record of the session shares.</summary>
internal struct Visit
{
    public int User;
    public long Session;
    public long Device;
    public uint Ip;
    public byte Country;
    public byte Channel;
    public byte Currency;
    public byte Billing;
    public byte Shipping;
    public long Card;
    public double Lat;
    public double Lon;
    public FraudPattern Fraud;
    public bool Locate;

    public readonly bool IsFraud => Fraud != FraudPattern.None;
}
