using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Support;

/// <summary>
/// The shape shared by graphite-web's value transforms: each series copied under a new name that also
/// becomes its pathExpression, with one tag set and new values, mapped point by point (exp, pow, invert,
/// logit, ...) or computed from the whole series (derivative, integral, nonNegativeDerivative, ...).
/// </summary>
public static class ValueTransform
{
    /// <summary>Point-by-point copies; <paramref name="keepsInts"/>: the map takes a Python int to an int (round,
    /// abs), so the input's int marks stay.</summary>
    public static List<TimeSeries> Map(IEnumerable<TimeSeries> seriesList, Func<TimeSeries, string> name,
        string? tagKey, Func<TimeSeries, string>? tagValue, Func<double, double> map, bool keepsInts = false)
        => seriesList.Select(s =>
        {
            string newName = name(s);
            var copy = s.Copy(newName, s.Values.Select(map).ToArray());
            copy.PathExpression = newName;
            if (keepsInts) copy.IntegerValues = s.IntegerValues;
            if (tagKey is not null) copy.Tags[tagKey] = tagValue!(s);
            return copy;
        }).ToList();

    /// <summary>
    /// Copies named "&lt;function&gt;(x)" holding <paramref name="values"/>(series), the series-wide transforms
    /// (a value depends on the ones before it); tag &lt;function&gt; = "1" when <paramref name="tagged"/>.
    /// <paramref name="differences"/>: each value is the series' value minus the one before it, so it is a
    /// Python int where both are.
    /// </summary>
    public static List<TimeSeries> Compute(IEnumerable<TimeSeries> seriesList, string function, bool tagged,
        Func<TimeSeries, double[]> values, bool differences = false)
        => seriesList.Select(s =>
        {
            string name = $"{function}({s.Name})";
            var copy = s.Copy(name, values(s));
            copy.PathExpression = name;
            if (differences && s.IntegerValues is { } marks)
                copy.IntegerValues = Enumerable.Range(0, copy.Values.Length)
                    .Select(i => i > 0 && i < marks.Length && marks[i] && marks[i - 1] && !double.IsNaN(copy.Values[i])).ToArray();
            if (tagged) copy.Tags[function] = "1";
            return copy;
        }).ToList();

    /// <summary>
    /// graphite-web safe.safePow over math.pow: null in, null out; a domain error (negative base with a
    /// fractional exponent, 0 to a negative power) or an overflow gives null.
    /// </summary>
    public static double SafePow(double a, double b)
    {
        if (double.IsNaN(a) || double.IsNaN(b)) return double.NaN;
        double result = Math.Pow(a, b);
        if (double.IsNaN(result)) return double.NaN;
        if (double.IsInfinity(result) && !double.IsInfinity(a) && !double.IsInfinity(b)) return double.NaN;
        return result;
    }
}
