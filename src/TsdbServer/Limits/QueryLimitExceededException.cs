namespace TsdbServer.Limits;

/// <summary>A request went over one of <see cref="Options.QueryLimitsOptions"/>; the message names its key.</summary>
public sealed class QueryLimitExceededException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}
