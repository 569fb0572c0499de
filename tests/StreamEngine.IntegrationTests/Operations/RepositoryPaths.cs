namespace StreamEngine.IntegrationTests.Operations;

/// <summary>Locates files of the repository the tests were built from.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Docker => Path.Combine(Root, "docker");

    public static string Prometheus => Path.Combine(Root, "docker", "prometheus");

    /// <summary>
    /// The engine as the Host project built it, in the configuration and framework of this test assembly
    /// (…/bin/Release/net10.0/ here means src/StreamEngine.Host/bin/Release/net10.0/streamengine.dll).
    /// </summary>
    public static string EngineDll => Path.Combine(
        Root, "src", "StreamEngine.Host", "bin",
        Path.GetRelativePath(Path.Combine(Root, "tests", "StreamEngine.IntegrationTests", "bin"), AppContext.BaseDirectory),
        "streamengine.dll");

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StreamEngine.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"StreamEngine.sln not found above {AppContext.BaseDirectory}.");
    }
}
