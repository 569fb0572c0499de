using StreamEngine.ClickHouse;
using StreamEngine.Host.Engine;

namespace StreamEngine.Host.Features;

/// <summary>
/// A unit of the engine's output: pipelines built per partition task over its input streams, writing rows to
/// ClickHouse tables and messages to Kafka topics. Pipelines are built on the consume thread.
/// </summary>
public interface IFeature
{
    string Name { get; }

    /// <summary>The input topic whose offsets this feature's windowed state depends on (for safe commits).</summary>
    InputTopic StateInput { get; }

    /// <summary>Every input topic the feature's pipelines read: a pipeline's events, lag and dead letters are its inputs'.</summary>
    IReadOnlyList<InputTopic> Inputs { get; }

    /// <summary>Tables the feature writes; created by <c>streamengine schema apply</c> and at start-up.</summary>
    IReadOnlyList<ClickHouseTableDefinition> Tables { get; }

    /// <summary>Builds the feature's pipelines for one partition task; disposing the result unsubscribes them.</summary>
    IDisposable Attach(PartitionStreams streams, FeatureOutputs outputs);
}
