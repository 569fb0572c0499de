namespace StreamEngine.Core.Privacy;

/// <summary>
/// Releases the raw values of the personal fields configured as allowed: each distinct (field, pseudonym) is handed to
/// the sink with its raw value once, so every pseudonym column of that field can be joined back to the raw value.
/// Fields not allowed never leave the decoder. One instance per consume thread (not thread-safe).
/// </summary>
public sealed class RawIdentifierRelease
{
    private readonly bool[] _allowed = new bool[Enum.GetValues<PersonalField>().Length];
    private readonly IRawIdentifierSink _sink;
    private readonly HashSet<(PersonalField, ulong)> _released = [];
    private readonly int _remember;

    /// <param name="allowed">The fields that may be written raw.</param>
    /// <param name="sink">Receives each released value.</param>
    /// <param name="remember">
    /// Distinct identifiers remembered as already released; past it the memory starts over and identifiers are released
    /// again (harmless: the table keeps one row per identity).
    /// </param>
    public RawIdentifierRelease(IEnumerable<PersonalField> allowed, IRawIdentifierSink sink, int remember = 1_000_000)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentOutOfRangeException.ThrowIfLessThan(remember, 1);
        foreach (var field in allowed)
        {
            _allowed[(int)field] = true;
        }

        _sink = sink;
        _remember = remember;
    }

    public bool Allows(PersonalField field) => _allowed[(int)field];

    /// <summary>Called by the decoders with every personal value they pseudonymise (UTF-8, unescaped).</summary>
    public void Observe(PersonalField field, ulong pseudonym, ReadOnlySpan<byte> value)
    {
        if (!_allowed[(int)field] || _released.Contains((field, pseudonym)))
        {
            return;
        }

        if (_released.Count >= _remember)
        {
            _released.Clear();
        }

        _released.Add((field, pseudonym));
        _sink.Write(field, pseudonym, System.Text.Encoding.UTF8.GetString(value));
    }
}
