namespace TsdbServer.Tests.Support;

/// <summary>Locates the repository root (the folder with TsdbServer.sln) and the shared fixtures beside it.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>../shared/fixtures/collectl-export-60s.txt: 60 s of real collectl 4.3.1 export.</summary>
    public static string CollectlCapture => Path.GetFullPath(Path.Combine(Root, "..", "shared", "fixtures", "collectl-export-60s.txt"));

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TsdbServer.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("TsdbServer.sln not found above " + AppContext.BaseDirectory);
    }
}
