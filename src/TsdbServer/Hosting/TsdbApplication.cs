using System.Net;
using Carter;
using Microsoft.AspNetCore.Hosting.Server;
using Tsdb.Core;
using Tsdb.Ingestion;
using Tsdb.Query.Api;
using Tsdb.Query.Functions;
using Tsdb.Query.Graphs;
using Tsdb.Protocols.Naming;
using Tsdb.Query.Evaluation;
using Tsdb.Storage;
using Tsdb.Storage.Events;
using Tsdb.Storage.Tags;
using Tsdb.Cluster;
using TsdbServer.Cluster;
using TsdbServer.Options;
using TsdbServer.Security;

namespace TsdbServer.Hosting;

/// <summary>
/// Composition root: options, storage, ingestion, query services and the Carter HTTP modules.
/// <see cref="Build"/> takes an optional TimeProvider so tests (and golden comparisons) can fix "now".
/// </summary>
public static class TsdbApplication
{
    /// <summary>The json find format's interval start is now - maxRetention; the built-in schema keeps 1 y.</summary>
    private const long DefaultMaxRetentionSeconds = 365L * 86400;

    public static async Task<int> RunAsync(string[] args)
    {
        WebApplication app;
        try
        {
            app = Build(args);
        }
        catch (Exception e) when (e is OptionsException or StorageConfigurationException)
        {
            Console.Error.WriteLine($"tsdbserver: {e.Message}");
            return 2;
        }
        await app.RunAsync();
        // 1 when storage failed or did not close in time (StorageLifetime sets it), else 0.
        return Environment.ExitCode;
    }

    public static WebApplication Build(string[] args, TimeProvider? time = null)
    {
        if (CommandLineSwitches.Validate(args) is { } error) throw new OptionsException(error);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddCommandLine(args, CommandLineSwitches.Map.ToDictionary());
        var options = ServerOptionsLoader.Load(builder.Configuration);
        time ??= TimeProvider.System;

        var (security, _) = AccessControl.Register(builder);
        ConfigureHttp(builder, options, security.HttpBind ?? options.Bind);
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(time);
        services.AddSingleton<Readiness>();
        services.AddSingleton(new IngestionOptions
        {
            BindAddress = options.Bind,
            LineBindAddress = security.LineBind,
            PickleBindAddress = security.PickleBind,
            AllowedNetworks = security.AllowedNetworks,
            LinePort = options.LinePort,
            UdpPort = options.LinePort,
            UdpEnabled = options.UdpEnabled,
            PicklePort = options.PicklePort,
            ChannelCapacity = options.ChannelCapacity,
            MaxConnections = options.MaxConnections,
            WhitelistFile = options.WhitelistFile is { } white ? Path.GetFullPath(white) : null,
            BlacklistFile = options.BlacklistFile is { } black ? Path.GetFullPath(black) : null,
        });
        services.AddSingleton<IngestionCounters>();
        // Read before anything is opened, so a bad file stops the server with nothing to close.
        var graphTemplates = ServerOptionsLoader.LoadGraphTemplates(options);
        // Compiles the hot paths on a throwaway store beside the real store's opening; awaited below.
        var warmUp = options.WarmUp
            ? StartupWarmUp.Start(options.SchemasFile, options.AggregationFile, LoggerFactory.Create(l => l.AddConsole()).CreateLogger(typeof(StartupWarmUp)))
            : Task.FromResult<StartupWarmUp.Summary?>(null);
        try
        {
            return Compose(builder, options, time, graphTemplates);
        }
        finally
        {
            // Before anything listens, and before a failed start exits (the warm-up then removes its folder).
            warmUp.GetAwaiter().GetResult();
        }
    }

    /// <summary>Opens storage, tags and events and registers the services and HTTP modules.</summary>
    private static WebApplication Compose(WebApplicationBuilder builder, ServerOptions options, TimeProvider time, GraphTemplates graphTemplates)
    {
        var services = builder.Services;
        // Opening the store recovers the checkpoint and replays the WAL before anything listens.
        var store = TsdbStore.Open(new StorageOptions
        {
            DataDirectory = Path.GetFullPath(options.DataDir),
            SchemasFile = options.SchemasFile,
            AggregationFile = options.AggregationFile,
            WalCommitInterval = TimeSpan.FromMilliseconds(options.WalCommitIntervalMs),
            CheckpointInterval = TimeSpan.FromSeconds(options.CheckpointIntervalSeconds),
        }, time, LoggerFactory.Create(l => l.AddConsole()));
        services.AddSingleton(store);
        services.AddSingleton(new DiskSpaceGuard(Path.GetFullPath(options.DataDir), options.MinFreeDiskMb * 1024L * 1024,
            LoggerFactory.Create(l => l.AddConsole()).CreateLogger<DiskSpaceGuard>()));
        services.AddSingleton<IMetricReader>(store);
        services.AddSingleton(FunctionRegistry.Default);
        // Cluster members (--peers), disposed by the container; logs go through the host's logging.
        services.AddSingleton(sp => ClusterSetup.Create(options, sp.GetRequiredService<ILoggerFactory>(), time));
        // Tag database and events: rebuilt/replayed from their journals before anything listens.
        var journalLogs = LoggerFactory.Create(l => l.AddConsole());
        var tags = TagDatabase.Open(Path.Combine(Path.GetFullPath(options.DataDir), "tags"), store, CanonicalName,
            journalLogs.CreateLogger<TagDatabase>());
        var events = EventStore.Open(Path.Combine(Path.GetFullPath(options.DataDir), "events"), journalLogs.CreateLogger<EventStore>());
        services.AddSingleton(_ => tags);
        services.AddSingleton(_ => events);
        services.AddSingleton(sp => new TagsService(tags, sp.GetRequiredService<ClusterPeers>().ForQueries()));
        services.AddSingleton(new EventsService(events, time));
        // The reader /render sees: every fetch charged to the request's limits (its Fetch counter is a test hook).
        services.AddSingleton(AccessControl.Limited(store));
        services.AddSingleton(sp => new RenderService(sp.GetRequiredService<TsdbServer.Limits.LimitedMetricReader>(), FunctionRegistry.Default, new TagDatabaseResolver(tags), time, sp.GetRequiredService<ClusterPeers>().ForQueries()) { Events = events, Templates = graphTemplates });
        services.AddSingleton(sp => new MetricsService(store, DefaultMaxRetentionSeconds, time, sp.GetRequiredService<ClusterPeers>().ForQueries()));
        services.AddSingleton(sp => new FunctionsService(FunctionRegistry.Default));
        // Hosted services stop in reverse order: storage (first registered) closes last.
        services.AddHostedService<StorageLifetime>();
        services.AddHostedService<IngestionHostedService>();
        if (options.SelfMetrics) services.AddHostedService<SelfMetricsService>();
        if (options.MemoryTrimIntervalSeconds > 0) services.AddHostedService<MemoryTrimService>();
        if (options.WarmUp && options.HttpPort != 0) services.AddHostedService<HttpWarmUp>();
        services.AddCarter();

        var app = builder.Build();
        AccessControl.Use(app);
        app.MapCarter();
        return app;
    }

    /// <summary>carbon's canonical form of a name given to /tags/tagSeries; FormatException when invalid.</summary>
    private static string CanonicalName(string raw) =>
        MetricNameCanonicalizer.TryCanonicalize(raw, out var canonical, out var error) ? canonical : throw new FormatException(error);

    /// <summary>Kestrel on Bind:HttpPort; HttpPort 0 disables HTTP (no server at all, not Kestrel's default 5000).</summary>
    private static void ConfigureHttp(WebApplicationBuilder builder, ServerOptions options, string bind)
    {
        if (options.HttpPort == 0)
        {
            builder.Services.AddSingleton<IServer, DisabledHttpServer>();
            return;
        }
        builder.WebHost.ConfigureKestrel(k =>
        {
            // No "Server: Kestrel": no client of graphite-web's API reads it, it names the stack to anyone asking,
            // and each header costs a Python client about 3 us to parse (a find answers in about 130 us there).
            k.AddServerHeader = false;
            k.Listen(IPAddress.Parse(bind), options.HttpPort);
        });
    }
}
