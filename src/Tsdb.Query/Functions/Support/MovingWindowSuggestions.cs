namespace Tsdb.Query.Functions.Support;

/// <summary>graphite-web intOrIntervalSuggestions, offered by /functions for moving* window sizes.</summary>
public static class MovingWindowSuggestions
{
    public static readonly IReadOnlyList<object> Values = [5L, 7L, 10L, "1min", "5min", "10min", "30min", "1hour"];
}
