namespace Tsdb.Query.Functions.Support;

/// <summary>
/// <see cref="Model.TimeSeries.IntegerValues"/> for results Python holds as ints: graphite-web's "count"
/// aggregation is len(row), an int, where every other aggregation of stored floats is a float.
/// </summary>
public static class IntegerMarks
{
    /// <summary>Marks every non-null value when <paramref name="func"/> is "count"; null otherwise.</summary>
    public static bool[]? ForAggregation(string func, double[] values) =>
        func == "count" ? Array.ConvertAll(values, v => !double.IsNaN(v)) : null;
}
