namespace StreamEngine.Core.Windows;

/// <summary>Size of a stateful window operator's state and its late-event count; read on the consume thread.</summary>
public interface IWindowOperatorState
{
    /// <summary>Number of live per-key states (key × pane, key × session or key rings).</summary>
    int StateCount { get; }

    /// <summary>Events that arrived after every window they belong to was final; each went to the late observer.</summary>
    long LateEventCount { get; }
}
