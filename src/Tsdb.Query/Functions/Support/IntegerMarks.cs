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
    /// values are (<paramref name="marks"/>): a pick when the value picked is one (<see cref="PickedIndex"/>, so also
    /// in a range mixing ints and floats); a sum or difference when every non-null value is, a median when they are
    /// and their count is odd (a mixed median is left as a float, though the middle one may be an int).</summary>
    public static bool ForRange(string func, ReadOnlySpan<double> raw, bool[] marks, int start, int length)
    {
        if (PicksAValue(func))
        {
            int picked = PickedIndex(func, raw, start, length);
            return picked >= 0 && picked < marks.Length && marks[picked];
        }
        bool median = IsMedian(func);
        if (!(IsArithmetic(func) || median)) return false;
        int known = KnownInts(raw, marks, start, length);
        return known > 0 && (!median || known % 2 == 1);
    }

    /// <summary>The index of the value a <see cref="PicksAValue"/> aggregation returns from raw[start .. start +
    /// length): the last non-null, or the first of equal extremes (Python's min() and max() replace their pick only
    /// with a strictly smaller or larger value). -1 when every value is null.</summary>
    public static int PickedIndex(string func, ReadOnlySpan<double> raw, int start, int length)
    {
        int picked = -1;
        for (int j = start; j < start + length; j++)
        {
            if (double.IsNaN(raw[j])) continue;
            if (picked < 0 || func is "last" or "current"
                || (func == "min" ? raw[j] < raw[picked] : raw[j] > raw[picked]))
                picked = j;
        }
        return picked;
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
