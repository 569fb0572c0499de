using StreamEngine.Core.Features;

namespace StreamEngine.ClickHouse.Tables;

/// <summary>
/// A row of <c>sessions</c>: the session, or (when <see cref="Superseded"/>) a marker that the identity
/// (SessionId, StartMs) was absorbed into a session with an earlier start and must be ignored.
/// </summary>
public readonly record struct SessionTableRow(SessionRow Session, bool Superseded);
