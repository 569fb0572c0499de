namespace StreamEngine.Core.Windows;

/// <summary>
/// The result of one key in one window. <see cref="Version"/> is the number of events folded into this key and window,
/// so a replay of a subset yields a lower version and ReplacingMergeTree(Version) keeps the complete row.
/// <see cref="IsUpdate"/> is true when this key and window was emitted before (a late event within grace changed it).
/// </summary>
public readonly record struct WindowResult<TKey, TOut>(Window Window, TKey Key, TOut Result, long Version, bool IsUpdate);
