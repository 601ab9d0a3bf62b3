using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Support;

/// <summary>
/// The counter-delta loop graphite-web's nonNegativeDerivative and perSecond share: each series' values
/// replaced by the non-negative deltas between consecutive readings, copied under "&lt;function&gt;(x)"
/// (maxValue/minValue never shown), pathExpression = the new name, tag &lt;function&gt; = "1".
/// </summary>
public static class CounterDeltas
{
    /// <summary>
    /// Every series' deltas (see <see cref="NonNegativeDelta"/>) passed through <paramref name="scale"/>
    /// with the series they come from (perSecond divides by the step; nonNegativeDerivative keeps them:
    /// <paramref name="keepsDeltas"/>, so a delta of two Python ints stays one).
    /// </summary>
    public static List<TimeSeries> Apply(IEnumerable<TimeSeries> seriesList, string function,
        double? maxValue, double? minValue, Func<double, TimeSeries, double> scale, bool keepsDeltas = false)
        => ValueTransform.Compute(seriesList, function, tagged: true, s =>
        {
            var values = new double[s.Values.Length];
            double prev = double.NaN;
            for (int i = 0; i < values.Length; i++)
            {
                (double delta, prev) = NonNegativeDelta(s.Values[i], prev, maxValue, minValue);
                values[i] = scale(delta, s);
            }
            return values;
        }, differences: keepsDeltas && maxValue is null && minValue is null);

    /// <summary>
    /// graphite-web _nonNegativeDelta (render/functions.py): the
    /// delta from prev to value and the new prev. A value above maxValue or below minValue gives null and
    /// resets prev; a first reading gives null; a decrease wraps with maxValue (max + 1 + v - prev - min)
    /// or minValue (v - min), else null. A null value gives null and resets prev (1.1.8 raises a
    /// TypeError when max/min are given and a value is null; graphite-web master's behaviour is used).
    /// </summary>
    private static (double Delta, double Prev) NonNegativeDelta(double value, double prev, double? maxValue, double? minValue)
    {
        if (double.IsNaN(value)) return (double.NaN, double.NaN);
        if (maxValue is double max && value > max) return (double.NaN, double.NaN);
        if (minValue is double min && value < min) return (double.NaN, double.NaN);
        if (double.IsNaN(prev)) return (double.NaN, value);
        if (value >= prev) return (value - prev, value);
        if (maxValue is double wrapMax) return (wrapMax + 1 + value - prev - (minValue ?? 0), value);
        if (minValue is double wrapMin) return (value - wrapMin, value);
        return (double.NaN, value);
    }
}
