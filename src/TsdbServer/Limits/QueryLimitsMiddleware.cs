using System.Text.RegularExpressions;
using TsdbServer.Options;

namespace TsdbServer.Limits;

/// <summary>
/// Guards /render: at most MaxConcurrentRenders at once (others get 503 at once, so abusive queries queue
/// nowhere and cannot take every thread from ingestion), at most MaxTargetsPerRequest targets, and a
/// <see cref="RequestBudget"/> for series, points and time. A regular expression that runs past the
/// request timeout (the process-wide match timeout set at startup) ends the request with 503 too.
/// </summary>
public sealed class QueryLimitsMiddleware(RequestDelegate next, QueryLimitsOptions limits)
{
    private readonly SemaphoreSlim _renders = new(limits.MaxConcurrentRenders, limits.MaxConcurrentRenders);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/render"))
        {
            await next(context);
            return;
        }
        if (!await _renders.WaitAsync(0))
        {
            context.Response.Headers.RetryAfter = "1";
            await WriteAsync(context, 503, $"Query limit exceeded: {QueryLimitsOptions.Section}:MaxConcurrentRenders = {limits.MaxConcurrentRenders} renders are already running");
            return;
        }
        try
        {
            int targets = context.Request.Query["target"].Count;
            if (context.Request.HasFormContentType) targets += (await context.Request.ReadFormAsync()).TryGetValue("target", out var t) ? t.Count : 0;
            if (targets > limits.MaxTargetsPerRequest)
            {
                await WriteAsync(context, 400, $"Query limit exceeded: {targets} targets, more than {QueryLimitsOptions.Section}:MaxTargetsPerRequest = {limits.MaxTargetsPerRequest}");
                return;
            }
            RequestBudget.Current = new RequestBudget(limits, DateTime.UtcNow.AddSeconds(limits.RenderTimeoutSeconds));
            await next(context);
        }
        catch (QueryLimitExceededException e) when (!context.Response.HasStarted)
        {
            await WriteAsync(context, e.StatusCode, e.Message);
        }
        catch (RegexMatchTimeoutException) when (!context.Response.HasStarted)
        {
            await WriteAsync(context, 503, "Query limit exceeded: a regular expression ran past its match timeout (catastrophic backtracking)");
        }
        finally
        {
            RequestBudget.Current = null;
            _renders.Release();
        }
    }

    private static Task WriteAsync(HttpContext context, int status, string message)
    {
        context.Response.Clear();
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message);
    }
}
