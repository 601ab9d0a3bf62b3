using System.Text.Json;
using TsdbServer.Tests.Support;

namespace TsdbServer.Tests.Hosting;

/// <summary>
/// The server compiles its write and render paths on throwaway parts before it listens (StartupWarmUp): nothing of
/// them is left in the data folder or visible through the API, and a warm-up that cannot run does not stop startup.
/// </summary>
public sealed class StartupWarmUpTests
{
    [Fact]
    public async Task A_started_server_holds_nothing_of_its_warm_up()
    {
        using var data = new TempDirectory();
        await using var server = await ServerProcess.StartAsync(data.Path);

        Assert.Contains("Warmed up in", server.Output);
        Assert.False(Directory.Exists(Path.Combine(data.Path, "warm-up")));
        Assert.Equal("[]", await server.Http.GetStringAsync("/metrics/find?query=*"));
        using var health = JsonDocument.Parse(await server.Http.GetStringAsync("/health"));
        Assert.Equal(0, health.RootElement.GetProperty("series").GetInt64());
        Assert.Equal(0, health.RootElement.GetProperty("pointsWritten").GetInt64());
        Assert.Equal(0, health.RootElement.GetProperty("ingestion").GetProperty("pointsReceived").GetInt64());
    }

    [Fact]
    public async Task A_warm_up_that_cannot_run_is_logged_and_the_server_starts()
    {
        using var data = new TempDirectory();
        // A file where the warm-up's folder would go: its store cannot open there.
        File.WriteAllText(Path.Combine(data.Path, "warm-up"), "not a folder");
        await using var server = await ServerProcess.StartAsync(data.Path);

        Assert.Contains("Warm-up failed", server.Output);
        Assert.Equal("not a folder", File.ReadAllText(Path.Combine(data.Path, "warm-up")));
        Assert.Equal("[]", await server.Http.GetStringAsync("/metrics/find?query=*"));
    }
}
