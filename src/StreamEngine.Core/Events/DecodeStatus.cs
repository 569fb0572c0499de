namespace StreamEngine.Core.Events;

/// <summary>Why a record could not be decoded; the machine-readable reason sent with it to the dead-letter topic.</summary>
public enum DecodeStatus : byte
{
    Ok,
    Oversized,
    InvalidUtf8,
    MalformedJson,
    UnknownEventType,
    MissingField,
    WrongType,
    InvalidValue,
    BadTimestamp,
    Duplicate,
}
