using Tsdb.Core;
using TsdbServer.Limits;
using TsdbServer.Options;

namespace TsdbServer.Security;

/// <summary>
/// Wires <see cref="SecurityOptions"/> and <see cref="QueryLimitsOptions"/> into the host: the composition
/// root calls <see cref="Register"/> while building services and <see cref="Use"/> before mapping endpoints.
/// </summary>
public static class AccessControl
{
    private const string CorsPolicy = "tsdb";

    public static (SecurityOptions Security, QueryLimitsOptions Limits) Register(WebApplicationBuilder builder)
    {
        var security = SecurityOptions.Load(builder.Configuration);
        var limits = QueryLimitsOptions.Load(builder.Configuration);
        // Render functions' regexes (aliasSub, grep, exclude: 250 ms) and seriesByTag '=~' (1 s) carry their own
        // match timeouts. Every Regex built without one (find globs such as '*a*a*a*b', schema rules) gets 1 s
        // per match (at most the request timeout): the request timeout itself (30 s by default) would let one
        // backtracking match hold a core that ingestion shares for that long.
        AppContext.SetData("REGEX_DEFAULT_MATCH_TIMEOUT", TimeSpan.FromSeconds(Math.Min(1, limits.RenderTimeoutSeconds)));
        builder.Services.AddSingleton(security);
        builder.Services.AddSingleton(limits);
        builder.Services.AddSingleton<RenderSlots>();
        if (security.CorsOrigins.Count > 0)
        {
            builder.Services.AddCors(o => o.AddPolicy(CorsPolicy, p =>
            {
                if (security.CorsOrigins.Contains("*")) p.AllowAnyOrigin();
                else p.WithOrigins([.. security.CorsOrigins]).AllowCredentials();
                p.AllowAnyHeader().WithMethods("GET", "POST", "PUT", "DELETE", "OPTIONS");
            }));
        }
        return (security, limits);
    }

    /// <summary>The reader the query services get: storage with every fetch charged to the request's budget.</summary>
    public static LimitedMetricReader Limited(IMetricReader reader) => new(reader);

    public static void Use(WebApplication app)
    {
        var security = app.Services.GetRequiredService<SecurityOptions>();
        if (security.CorsOrigins.Count > 0) app.UseCors(CorsPolicy);
        if (security.ReadsNeedCredentials || security.WritesHaveOwnCredentials) app.UseMiddleware<ApiAuthenticationMiddleware>();
        app.UseMiddleware<QueryLimitsMiddleware>();
    }
}
