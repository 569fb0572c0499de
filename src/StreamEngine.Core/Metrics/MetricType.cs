namespace StreamEngine.Core.Metrics;

/// <summary>The Prometheus metric type written in a family's <c># TYPE</c> line.</summary>
public enum MetricType
{
    Counter,
    Gauge,
    Histogram,
}
