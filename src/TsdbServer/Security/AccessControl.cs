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
        // Every Regex built without its own timeout (aliasSub, grep, exclude, seriesByTag '=~') gets the request
        // timeout, so a backtracking pattern ends its request instead of holding a core.
        AppContext.SetData("REGEX_DEFAULT_MATCH_TIMEOUT", TimeSpan.FromSeconds(limits.RenderTimeoutSeconds));
        builder.Services.AddSingleton(security);
        builder.Services.AddSingleton(limits);
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
