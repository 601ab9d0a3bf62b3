namespace Tsdb.Query.Functions.Support;

/// <summary>
/// <see cref="Model.TimeSeries.IntegerValues"/> for results Python holds as ints: graphite-web's "count"
/// aggregation is len(row), an int, where every other aggregation of stored floats is a float; of ints (isNonNull,
/// changed, counts) a sum stays an int and min or max picks one.
/// </summary>
public static class IntegerMarks
{
    /// <summary>Marks every non-null value when <paramref name="func"/> is "count"; null otherwise.</summary>
    public static bool[]? ForAggregation(string func, double[] values) =>
        func == "count" ? Array.ConvertAll(values, v => !double.IsNaN(v)) : null;

    /// <summary>Aggregations whose result is one of the values (Python's min(), max(), the last non-null): an int
    /// when the value picked is one.</summary>
    public static bool PicksAValue(string func) => func is "min" or "max" or "last" or "current";

    /// <summary>Aggregations that add or subtract the values: an int when every term is. (range and multiply are
    /// not: graphite-web's safeSubtract and safeMul convert to float first.)</summary>
    public static bool IsArithmetic(string func) => func is "sum" or "total" or "diff";

    /// <summary>median: the middle element of an odd count (an int when the values are), a float mean of two
    /// otherwise.</summary>
    public static bool IsMedian(string func) => func == "median";

    /// <summary>Whether <paramref name="func"/> over raw[start .. start + length) is a Python int, given which raw
    /// values are (<paramref name="marks"/>): when every non-null one is and the function adds, subtracts or picks
    /// (a median of an odd count of them). A mixed range is left as a float, though min() or max() may pick its int.
    /// </summary>
    public static bool ForRange(string func, ReadOnlySpan<double> raw, bool[] marks, int start, int length)
    {
        bool median = IsMedian(func);
        if (!(PicksAValue(func) || IsArithmetic(func) || median)) return false;
        int known = KnownInts(raw, marks, start, length);
        return known > 0 && (!median || known % 2 == 1);
    }

    /// <summary>How many non-null values raw[start .. start + length) holds when every one is an int; -1 when one
    /// is not. A pick among them (a percentile without interpolation) is an int when this is above 0.</summary>
    public static int KnownInts(ReadOnlySpan<double> raw, bool[] marks, int start, int length)
    {
        int known = 0;
        for (int j = start; j < start + length; j++)
        {
            if (double.IsNaN(raw[j])) continue;
            if (j >= marks.Length || !marks[j]) return -1;
            known++;
        }
        return known;
    }

    /// <summary><see cref="KnownInts"/> down a column: how many of <paramref name="inputs"/> (series of one step)
    /// hold a value at index <paramref name="i"/> when every one is an int; -1 when one is not.</summary>
    public static int KnownIntsAt(IReadOnlyList<Model.TimeSeries> inputs, int i)
    {
        int known = 0;
        foreach (var s in inputs)
        {
            if (i >= s.Values.Length || double.IsNaN(s.Values[i])) continue;
            if (s.IntegerValues is not { } marks || i >= marks.Length || !marks[i]) return -1;
            known++;
        }
        return known;
    }
}
