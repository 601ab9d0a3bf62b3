namespace TsdbServer.Options;

/// <summary>
/// Limits on one /render request, section "Tsdb:Limits". Over a limit the answer is 400 (series, points,
/// targets) or 503 (time, concurrency) with a message naming the limit's key, written after RefusalDelayMilliseconds.
/// </summary>
public sealed class QueryLimitsOptions
{
    public const string Section = "Tsdb:Limits";

    /// <summary>Targets in one request.</summary>
    public int MaxTargetsPerRequest { get; set; } = 500;

    /// <summary>Series fetched from storage by one request.</summary>
    public int MaxSeriesPerRequest { get; set; } = 20_000;

    /// <summary>Points fetched from storage by one request (a year of 1 s data is 31.5 M).</summary>
    public long MaxPointsPerRequest { get; set; } = 50_000_000;

    /// <summary>Seconds one request may run; also the match timeout of every regular expression.</summary>
    public int RenderTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// Renders waiting for one of <see cref="MaxConcurrentRenders"/> (each at most RenderTimeoutSeconds); past
    /// this many waiting, a render is answered 503 naming this key. A Grafana dashboard loads its panels in
    /// parallel: refusing everything over the concurrency limit answered 44% of a 20 queries/s panel load with
    /// 503 during a flood; a short queue serves them a few milliseconds later instead. 0 = no queue.
    /// </summary>
    public int MaxQueuedRenders { get; set; } = 64;

    /// <summary>
    /// Renders running at once; further ones wait in a queue of <see cref="MaxQueuedRenders"/>. The default stays the CPU count (at least
    /// 2) rather than CPU count - 1: over-limit renders are now refused before they read anything, so the slots
    /// are held by renders within the limits, and since an extra render is refused, not queued, one slot on a
    /// 2-core machine would answer 503 to the panels of a Grafana dashboard that loads them in parallel.
    /// Ingestion is not starved meanwhile: render threads run at the same priority and TCP senders are only
    /// slowed. A machine that must keep a core for ingestion sets this to CPU count - 1.
    /// </summary>
    public int MaxConcurrentRenders { get; set; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>
    /// Milliseconds a refused render (any limit above) waits before its 4xx/503 is written; 0 answers at once.
    /// The wait is asynchronous (no thread held) and happens after the render's concurrency slot is given back.
    /// Reason: a client that retries a refused query in a loop then costs the server at most one cheap refusal
    /// per second per connection, so abusive queries cannot take ingestion's CPU on a shared machine.
    /// </summary>
    public int RefusalDelayMilliseconds { get; set; } = 1000;

    public static QueryLimitsOptions Load(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var o = new QueryLimitsOptions();
        o.MaxTargetsPerRequest = (int)Positive(section, nameof(MaxTargetsPerRequest), o.MaxTargetsPerRequest);
        o.MaxSeriesPerRequest = (int)Positive(section, nameof(MaxSeriesPerRequest), o.MaxSeriesPerRequest);
        o.MaxPointsPerRequest = Positive(section, nameof(MaxPointsPerRequest), o.MaxPointsPerRequest);
        o.RenderTimeoutSeconds = (int)Positive(section, nameof(RenderTimeoutSeconds), o.RenderTimeoutSeconds);
        o.MaxConcurrentRenders = (int)Positive(section, nameof(MaxConcurrentRenders), o.MaxConcurrentRenders);
        o.RefusalDelayMilliseconds = (int)NonNegative(section, nameof(RefusalDelayMilliseconds), o.RefusalDelayMilliseconds);
        o.MaxQueuedRenders = (int)NonNegative(section, nameof(MaxQueuedRenders), o.MaxQueuedRenders);
        return o;
    }

    private static long NonNegative(IConfigurationSection section, string key, long fallback)
    {
        string? raw = section[key];
        if (raw is null) return fallback;
        if (!long.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long value)
            || value > int.MaxValue)
            throw new OptionsException($"{Section}:{key}: '{raw}' is not an integer >= 0.");
        return value;
    }

    private static long Positive(IConfigurationSection section, string key, long fallback)
    {
        string? raw = section[key];
        if (raw is null) return fallback;
        if (!long.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long value)
            || value <= 0 || (key != nameof(MaxPointsPerRequest) && value > int.MaxValue))
            throw new OptionsException($"{Section}:{key}: '{raw}' is not a positive integer.");
        return value;
    }
}
