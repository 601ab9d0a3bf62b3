namespace Tsdb.Query.Graphs;

/// <summary>
/// A y axis' limits, step and labels, as glyph.py's _AxisTics chooses them: the data limits, then the user's
/// min/max/limit (<see cref="ApplySettings"/>), then a step (<see cref="ChooseStep"/>), then round limits
/// (<see cref="ChooseLimits"/>), then the label values and texts. Non-finite values are a GraphException.
/// </summary>
public abstract class AxisTics
{
    /// <summary>Values fractionally outside the nominal limits still count as inside (rounding errors).</summary>
    protected const double Epsilon = 0.0001;

    protected AxisTics(double minValue, double maxValue, string unitSystem)
    {
        MinValue = CheckFinite(minValue, "data value");
        MaxValue = CheckFinite(maxValue, "data value");
        UnitSystem = unitSystem;
    }

    public double MinValue { get; protected set; }
    public double MaxValue { get; protected set; }

    /// <summary>"data", "min", "max", "extremum" or "limit": where the limit came from.</summary>
    protected string MinValueSource { get; set; } = "data";
    protected string MaxValueSource { get; set; } = "data";
    protected double? AxisLimit { get; set; }
    public string UnitSystem { get; }

    /// <summary>Null for logarithmic axes.</summary>
    public double? Step { get; protected set; }
    public double Bottom { get; protected set; }
    public double Top { get; protected set; }
    public double Span { get; protected set; }

    public static double CheckFinite(double value, string name = "value")
    {
        if (double.IsNaN(value)) throw new GraphException($"Encountered NaN {name}");
        if (double.IsInfinity(value)) throw new GraphException($"Encountered infinite {name}");
        return value;
    }

    /// <summary>A distance to the other limit when one end of the axis is <paramref name="x"/>.</summary>
    private static double ChooseDelta(double x) => Math.Abs(x) < 1.0e-9 ? 1.0 : 0.1 * Math.Abs(x);

    /// <summary>Makes MinValue &lt; MaxValue by moving the limits the user did not fix.</summary>
    private void ReconcileLimits()
    {
        if (MinValue < MaxValue) return;
        bool minFixed = MinValueSource == "min";
        bool maxFixed = MaxValueSource is "max" or "limit";
        if (minFixed && maxFixed) throw new GraphException($"The {MinValueSource} must be less than the {MaxValueSource}");
        if (minFixed) MaxValue = MinValue + ChooseDelta(MinValue);
        else if (maxFixed) MinValue = MaxValue - ChooseDelta(MaxValue);
        else
        {
            double delta = ChooseDelta(Math.Max(Math.Abs(MinValue), Math.Abs(MaxValue)));
            double average = (MinValue + MaxValue) / 2.0;
            MinValue = average - delta;
            MaxValue = average + delta;
        }
    }

    /// <summary>
    /// The user's axis settings: a finite min, a max (or <paramref name="maxIsExtremum"/> for "max": the data's
    /// own maximum, unrounded), and a limit the top must not pass. NaN means not given.
    /// </summary>
    public void ApplySettings(double? axisMin, double? axisMax, bool maxIsExtremum, double? axisLimit)
    {
        if (axisMin is { } min && !double.IsNaN(min))
        {
            MinValueSource = "min";
            MinValue = CheckFinite(min, "axis min");
        }
        if (maxIsExtremum) MaxValueSource = "extremum";
        else if (axisMax is { } max && !double.IsNaN(max))
        {
            MaxValueSource = "max";
            MaxValue = CheckFinite(max, "axis max");
        }
        if (axisLimit is not { } limit || double.IsNaN(limit)) AxisLimit = null;
        else if (limit < MaxValue)
        {
            MaxValue = CheckFinite(limit, "axis limit");
            MaxValueSource = "limit";
            AxisLimit = null;
        }
        else AxisLimit = double.IsInfinity(limit) ? null : limit;
        ReconcileLimits();
    }

    public abstract void SetStep(double step);

    public abstract void ChooseStep(IReadOnlyList<int>? divisors, bool binary);

    public abstract void ChooseLimits();

    public abstract List<double> LabelValues();

    /// <summary>makeLabel: the value in the axis' unit system, with as many decimals as the span calls for.</summary>
    public string MakeLabel(double value) => UnitFormat.AxisLabel(value, Step, Span, UnitSystem);
}
