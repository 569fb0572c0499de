namespace StreamEngine.IntegrationTests.Operations;

/// <summary>One alerting rule: its name and its YAML block.</summary>
internal sealed record AlertRule(string Name, string Block);
