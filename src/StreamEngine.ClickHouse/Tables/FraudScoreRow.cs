using StreamEngine.Core.Fraud;

namespace StreamEngine.ClickHouse.Tables;

/// <summary>A row of <c>fraud_scores</c>: the score with its feature vector, and the time from consume to score.</summary>
public readonly record struct FraudScoreRow(FraudScore Score, long LatencyUs);
