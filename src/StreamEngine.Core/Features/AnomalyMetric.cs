namespace StreamEngine.Core.Features;

/// <summary>The per-minute series watched for anomalies.</summary>
public enum AnomalyMetric : byte
{
    /// <summary>product_view events per minute.</summary>
    Traffic = 1,

    /// <summary>purchases / product views in the minute (only minutes with enough views).</summary>
    Conversion = 2,
}
