using Xunit.Abstractions;

namespace StreamEngine.IntegrationTests.Faults;

/// <summary>
/// Compares what two runs over the same input left behind, relation by relation, after dropping what
/// <see cref="RunToRunVariance"/> lists; fails with every differing relation's first rows, and logs each relation's
/// outcome to the test output.
/// </summary>
internal static class ResultComparison
{
    public static void AssertSame(IReadOnlyList<Relation> expected, IReadOnlyList<Relation> actual, ITestOutputHelper output)
    {
        Assert.Equal(expected.Select(r => r.Name), actual.Select(r => r.Name));
        var failures = new List<string>();
        foreach (var (before, after) in expected.Zip(actual))
        {
            var (part, reason) = RunToRunVariance.DeterministicPart(before);
            var difference = RelationDiff.Describe(part, RunToRunVariance.DeterministicPart(after).Part);
            var partly = reason is null ? "" : $" (compared in part, the rest varies between uninterrupted runs: {reason})";
            output.WriteLine(difference ?? $"{before.Name}: same {part.Rows.Count} rows{partly}");
            if (difference is not null)
            {
                failures.Add(difference);
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {expected.Count} results differ from the uninterrupted run:\n{string.Join("\n", failures)}");
    }
}
