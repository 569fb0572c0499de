namespace StreamEngine.Host.Http;

/// <summary>The JSON body of <c>/health/ready</c>: <c>{"status":"ready|unready","failing":[...]}</c>.</summary>
/// <param name="Status"><c>ready</c> or <c>unready</c>.</param>
/// <param name="Failing">The names of the failing checks.</param>
public sealed record ReadinessReport(string Status, IReadOnlyList<string> Failing);
