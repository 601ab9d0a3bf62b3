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
