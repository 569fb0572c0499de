namespace StreamEngine.ClickHouse.Tables;

/// <summary>One released identifier: the personal field's name, its pseudonym and its raw value.</summary>
public readonly record struct RawIdentifierRow(string Field, ulong Pseudonym, string Value);
