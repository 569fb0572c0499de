namespace StreamEngine.Core.Privacy;

/// <summary>Where released raw identifiers go (the <c>raw_identifiers</c> table); called on the consume thread.</summary>
public interface IRawIdentifierSink
{
    void Write(PersonalField field, ulong pseudonym, string value);
}
