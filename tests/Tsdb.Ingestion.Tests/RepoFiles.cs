namespace Tsdb.Ingestion.Tests;

internal static class RepoFiles
{
    /// <summary>The shared fixtures folder: ../shared/fixtures relative to the folder holding TsdbServer.sln.</summary>
    public static string Fixture(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TsdbServer.sln"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("TsdbServer.sln not found above " + AppContext.BaseDirectory);
        return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "fixtures", name));
    }
}
