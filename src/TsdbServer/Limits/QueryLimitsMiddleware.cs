using System.Text.RegularExpressions;
using Tsdb.Core.Naming;
using TsdbServer.Options;

namespace TsdbServer.Limits;

/// <summary>
/// Guards /render: at most MaxConcurrentRenders at once (so renders cannot take every thread from ingestion),
/// others wait in a queue of at most MaxQueuedRenders (past it, or after RenderTimeoutSeconds of waiting, 503),
/// at most MaxTargetsPerRequest targets, and a
/// <see cref="RequestBudget"/> for series, points and time. A regular expression that runs past the
/// request timeout (the process-wide match timeout set at startup) ends the request with 503 too.
/// <para>
/// Every refusal is a "penalty box": the render's concurrency slot is given back first, then the answer waits
/// RefusalDelayMilliseconds (Task.Delay, no thread held, cut short if the client goes away) before the same
/// status and message are written. Refusals are cheap (~12-15 ms of CPU: limits are charged from the store's
/// geometry before any fetch), but a client that sends each request right after the previous answer would
/// otherwise get 15-30 refusals a second and still take ingestion's CPU on a 2-core machine; with the delay a
/// client that retries a refused query in a loop costs the server at most one cheap refusal per second per
/// connection, and the released slot keeps legitimate renders from being refused meanwhile.
/// </para>
/// A glob too complex to match (<see cref="GlobPatternTooComplexException"/>, on any path: /render and
/// /metrics/find alike) is answered 400 naming its limit.
/// </summary>
public sealed class QueryLimitsMiddleware(RequestDelegate next, QueryLimitsOptions limits, RenderSlots renders)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/render"))
        {
            try
            {
                await next(context);
            }
            catch (GlobPatternTooComplexException e) when (!context.Response.HasStarted)
            {
                await RefuseAsync(context, 400, e.Message);
            }
            return;
        }

        (int Status, string Message)? refusal = null;
        bool acquired;
        try
        {
            acquired = await renders.AcquireAsync(context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        if (!acquired)
        {
            refusal = (503, $"Query limit exceeded: {QueryLimitsOptions.Section}:MaxConcurrentRenders = {limits.MaxConcurrentRenders} renders are already running and {QueryLimitsOptions.Section}:MaxQueuedRenders = {limits.MaxQueuedRenders} are waiting (or one waited {QueryLimitsOptions.Section}:RenderTimeoutSeconds = {limits.RenderTimeoutSeconds})");
        }
        else
        {
            // The slot is released here and only here, before any refusal's delay.
            try
            {
                int targets = context.Request.Query["target"].Count;
                if (context.Request.HasFormContentType) targets += (await context.Request.ReadFormAsync()).TryGetValue("target", out var t) ? t.Count : 0;
                if (targets > limits.MaxTargetsPerRequest)
                {
                    refusal = (400, $"Query limit exceeded: {targets} targets, more than {QueryLimitsOptions.Section}:MaxTargetsPerRequest = {limits.MaxTargetsPerRequest}");
                }
                else
                {
                    RequestBudget.Current = new RequestBudget(limits, DateTime.UtcNow.AddSeconds(limits.RenderTimeoutSeconds));
                    await next(context);
                }
            }
            catch (QueryLimitExceededException e) when (!context.Response.HasStarted)
            {
                refusal = (e.StatusCode, e.Message);
            }
            catch (RegexMatchTimeoutException) when (!context.Response.HasStarted)
            {
                refusal = (503, "Query limit exceeded: a regular expression ran past its match timeout (catastrophic backtracking)");
            }
            catch (GlobPatternTooComplexException e) when (!context.Response.HasStarted)
            {
                refusal = (400, e.Message);
            }
            finally
            {
                RequestBudget.Current = null;
                renders.Release();
            }
        }
        if (refusal is { } r) await RefuseAsync(context, r.Status, r.Message);
    }

    /// <summary>Waits RefusalDelayMilliseconds (holding no slot and no thread), then writes the refusal; a 503
    /// carries Retry-After. Nothing is written if the client went away meanwhile.</summary>
    private async Task RefuseAsync(HttpContext context, int status, string message)
    {
        if (limits.RefusalDelayMilliseconds > 0)
        {
            try
            {
                await Task.Delay(limits.RefusalDelayMilliseconds, context.RequestAborted);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }
        }
        context.Response.Clear();
        context.Response.StatusCode = status;
        if (status == 503) context.Response.Headers.RetryAfter = "1";
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(message);
    }
}
