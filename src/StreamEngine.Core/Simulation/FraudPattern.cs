namespace StreamEngine.Core.Simulation;

/// <summary>Which labelled fraud scenario of the simulator produced a payment (<see cref="None"/> for legitimate ones).</summary>
public enum FraudPattern : byte
{
    None,

    /// <summary>A bot tries many new cards for small amounts from one device and IP, without a session.</summary>
    CardTesting,

    /// <summary>An existing account used from a new device in a far country, buying dear goods shipped there.</summary>
    AccountTakeover,

    /// <summary>A brand-new account whose first purchase is unusually large.</summary>
    NewAccountHighValue,

    /// <summary>The card pays again minutes after a genuine purchase, from the other side of the world.</summary>
    ImpossibleTravel,
}
