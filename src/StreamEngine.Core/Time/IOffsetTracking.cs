namespace StreamEngine.Core.Time;

/// <summary>
/// Implemented by stateful operators so the consume loop knows which source offsets it may commit: state that can still
/// change depends on every offset from <see cref="OldestOpenOffset"/> on. Read on the consume thread between items.
/// </summary>
public interface IOffsetTracking
{
    /// <summary>Smallest source offset folded into state that is not yet final, or <see cref="long.MaxValue"/> when none.</summary>
    long OldestOpenOffset { get; }
}
