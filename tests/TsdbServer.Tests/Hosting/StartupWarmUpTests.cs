using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TsdbServer.Hosting;
using TsdbServer.Tests.Support;

namespace TsdbServer.Tests.Hosting;

/// <summary>The startup warm-up runs the write and query paths for real on a throwaway store, leaves nothing
/// behind, never fails the start, and never touches the server's own data.</summary>
public sealed class StartupWarmUpTests
{
    [Fact]
    public async Task It_writes_and_reads_back_through_every_panel_then_removes_its_folder()
    {
        using var temp = new TempDirectory();
        string folder = Path.Combine(temp.Path, "warmup");

        var summary = await StartupWarmUp.Run(null, null, NullLogger.Instance, folder);

        Assert.NotNull(summary);
        Assert.Equal(1_000, summary.Series);
        Assert.Equal(40_000, summary.PointsWritten);
        Assert.Equal(summary.Renders, summary.RendersAnswered);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task A_failure_is_logged_and_the_folder_still_removed()
    {
        using var temp = new TempDirectory();
        string folder = Path.Combine(temp.Path, "warmup");
        var logger = new ListLogger();

        var summary = await StartupWarmUp.Run(Path.Combine(temp.Path, "missing-storage-schemas.conf"), null, logger, folder);

        Assert.Null(summary);
        Assert.Contains(logger.Messages, m => m.Contains("warm-up failed", StringComparison.Ordinal));
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void Folders_left_by_a_server_stopped_while_warming_up_are_removed_once_old_and_nothing_else()
    {
        using var temp = new TempDirectory();
        var now = DateTime.UtcNow;
        string Make(string name, TimeSpan age)
        {
            string path = Path.Combine(temp.Path, name);
            Directory.CreateDirectory(Path.Combine(path, "wal"));
            File.WriteAllText(Path.Combine(path, "wal", "wal.log.0"), "x");
            Directory.SetLastWriteTimeUtc(path, now - age);
            return path;
        }
        string old = Make("tsdbserver-warmup-0123", TimeSpan.FromHours(2));
        string running = Make("tsdbserver-warmup-4567", TimeSpan.FromSeconds(1));
        string other = Make("somebody-elses-folder", TimeSpan.FromHours(2));

        Assert.Equal(1, StartupWarmUp.RemoveLeftovers(temp.Path, now));

        Assert.False(Directory.Exists(old));
        Assert.True(Directory.Exists(running));
        Assert.True(Directory.Exists(other));
    }

    [Fact]
    public async Task A_server_started_with_it_holds_none_of_its_series()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path, null, "--Tsdb:WarmUp=true");

        Assert.Equal(0, server.Store.Statistics.SeriesCount);
        Assert.Equal("[]", await server.Http.GetStringAsync("/metrics/find?query=*"));
    }

    private sealed class ListLogger : ILogger
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Add(formatter(state, exception));
    }
}
