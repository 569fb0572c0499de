namespace StreamEngine.Core.Features;

/// <summary>
/// One row of <c>anomalies</c>: <see cref="Metric"/> of a category and country deviated beyond z for
/// <see cref="ConsecutiveMinutes"/> minutes in a row; this is the last of those minutes. Expected is the EWMA mean
/// before the minute, Z = (Actual − Expected) / EWMA deviation. Identity: (Category, Country, Metric, MinuteStartMs,
/// Partition); Version is always 1.
/// </summary>
public readonly record struct AnomalyRow(
    long MinuteStartMs,
    string Category,
    string Country,
    AnomalyMetric Metric,
    double Expected,
    double Actual,
    double Z,
    int ConsecutiveMinutes,
    int Partition,
    long Version);
