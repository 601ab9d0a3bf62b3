using System.Text;
using TsdbServer.Tests.Support;

namespace TsdbServer.Tests;

/// <summary>--whitelist and --blacklist through the real listener: refused names are never stored or found, and counted.</summary>
public sealed class CarbonNameListsTests
{
    [Fact]
    public async Task Refused_names_are_counted_and_never_stored()
    {
        using var data = new TempDirectory();
        string white = Path.Combine(data.Path, "whitelist.conf"), black = Path.Combine(data.Path, "blacklist.conf");
        await File.WriteAllTextAsync(white, "^vm\\.\n");
        await File.WriteAllTextAsync(black, "# carbon's own format\n\\.nettotals\\.\n");
        await using var server = await InProcessServer.StartAsync(Path.Combine(data.Path, "data"), null,
            "--whitelist", white, "--blacklist", black);
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        await server.SendPlaintextAsync(Encoding.ASCII.GetBytes(
            $"vm.cputotals.user 1 {now}\nvm.nettotals.kbin 2 {now}\nother.metric 3 {now}\nvm.meminfo.free 4 {now}\n"));
        await server.WaitUntilStoredAsync();

        string vm = await server.Http.GetStringAsync("/metrics/find?query=vm.*");
        Assert.Contains("\"cputotals\"", vm);
        Assert.Contains("\"meminfo\"", vm);
        Assert.DoesNotContain("nettotals", vm);
        Assert.Equal("[]", await server.Http.GetStringAsync("/metrics/find?query=other"));
        string health = await server.Http.GetStringAsync("/health");
        Assert.Contains("\"blacklistMatches\":1", health);
        Assert.Contains("\"whitelistRejects\":1", health);
    }
}
