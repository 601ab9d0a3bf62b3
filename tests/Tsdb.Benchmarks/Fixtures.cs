namespace Tsdb.Benchmarks;

/// <summary>The shared fixtures folder (../shared/fixtures next to the repository), found from the benchmark's
/// build output by walking up to TsdbServer.sln.</summary>
internal static class Fixtures
{
    public static string PathOf(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TsdbServer.sln"))) dir = dir.Parent;
        return dir is null
            ? throw new FileNotFoundException("TsdbServer.sln not found above " + AppContext.BaseDirectory)
            : Path.Combine(dir.FullName, "..", "shared", "fixtures", name);
    }
}
