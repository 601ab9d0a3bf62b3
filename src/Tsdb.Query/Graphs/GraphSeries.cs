using Tsdb.Query.Model;

namespace Tsdb.Query.Graphs;

/// <summary>
/// A series as glyph.py draws it: graphite-web's TimeSeries with the render options the Graph group's functions
/// set (color, alpha, lineWidth, dashed, secondYAxis, drawAsInfinite, stacked, invisible), and the pixel
/// distance between its drawn points. <see cref="Raw"/> is indexed as the series is (len(series), series[i]);
/// <see cref="Drawn"/> yields it consolidated by <see cref="ValuesPerPoint"/>, as iterating a TimeSeries does.
/// </summary>
public sealed class GraphSeries
{
    private readonly TimeSeries _series;

    public GraphSeries(TimeSeries series)
    {
        _series = series.Copy(values: (double[])series.Values.Clone());
        _series.IntegerValues = null;
        Options = new Dictionary<string, object?>(series.Options, StringComparer.Ordinal);
        if (Options.Remove("color", out var color) && color is string c) Color = c;
    }

    public string Name => _series.NameIsNone ? "" : _series.Name;
    public long Start => _series.Start;
    public long End => _series.End;
    public long Step => _series.Step;
    public int ValuesPerPoint => _series.ValuesPerPoint;
    public Dictionary<string, object?> Options { get; }

    /// <summary>The colour name or hex text; null until the graph assigns the next of its colour list.</summary>
    public string? Color { get; set; }

    /// <summary>Pixels between drawn points (set by the graph's consolidateDataPoints).</summary>
    public double XStep { get; set; }

    /// <summary>The raw values, NaN for None; the graph writes stacked sums into it.</summary>
    public double[] Raw => _series.Values;

    /// <summary>TimeSeries.consolidate: later iteration yields one value per <paramref name="valuesPerPoint"/>.</summary>
    public void Consolidate(int valuesPerPoint) => _series.ValuesPerPoint = valuesPerPoint;

    /// <summary>The values iteration yields (NaN = None), consolidated with the series' function and xFilesFactor.</summary>
    public double[] Drawn(double xFilesFactor)
    {
        if (_series.ValuesPerPoint <= 1) return _series.Values;
        int length = SeriesConsolidation.Length(_series);
        var values = new double[length];
        SeriesConsolidation.Consolidate(_series, xFilesFactor, values, new bool[length]);
        return values;
    }

    /// <summary>The stroke copy of a filled series (areaAlpha): its drawn (consolidated) values at a step of
    /// step*valuesPerPoint, the same pixel step and colour, and secondYAxis if it had it.</summary>
    public GraphSeries StrokeCopy(double xFilesFactor)
    {
        var copy = new TimeSeries(_series.Name, Start, End, Step * ValuesPerPoint, (double[])Drawn(xFilesFactor).Clone(), _series.PathExpression);
        var series = new GraphSeries(copy) { XStep = XStep, Color = Color };
        if (Options.ContainsKey("secondYAxis")) series.Options["secondYAxis"] = true;
        return series;
    }

    public bool Has(string option) => Options.ContainsKey(option);
}
