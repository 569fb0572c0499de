using StreamEngine.Core;

namespace StreamEngine.Host.Configuration;

/// <summary>Checkpoints of long-lived partition state (section "StreamEngine:Checkpoints"), docs/guarantees.md.</summary>
internal sealed class CheckpointOptions
{
    public const string Section = "StreamEngine:Checkpoints";

    /// <summary>
    /// Off: long-lived state starts empty after a restart or rebalance (only for benchmarks and throwaway runs).
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How often each partition's state is saved. Offsets are committed no further than the last checkpoint, so this
    /// bounds the replay after a crash; each checkpoint writes the partition's whole long-lived state.
    /// </summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    public void Validate()
    {
        if (Interval <= TimeSpan.Zero)
        {
            throw new OptionsException($"{Section}:{nameof(Interval)}", "must be positive");
        }
    }
}
