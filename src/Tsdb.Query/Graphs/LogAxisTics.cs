namespace Tsdb.Query.Graphs;

/// <summary>glyph.py's _LogAxisTics: labels at the powers of the base between the data's limits (no step).</summary>
public sealed class LogAxisTics : AxisTics
{
    private readonly double _base;

    public LogAxisTics(double minValue, double maxValue, string unitSystem, double logBase)
        : base(minValue, maxValue, unitSystem)
    {
        if (logBase <= 1.0) throw new GraphException("Logarithmic base must be greater than one");
        _base = CheckFinite(logBase, "log base");
    }

    public override void SetStep(double step) => Step = null;

    public override void ChooseStep(IReadOnlyList<int>? divisors, bool binary) => Step = null;

    public override void ChooseLimits()
    {
        if (MinValue <= 0)
            throw new GraphException("Logarithmic scale specified with a dataset with a minimum value less than or equal to zero");
        Bottom = Math.Pow(_base, Math.Floor(Math.Log(MinValue, _base)));
        Top = Math.Pow(_base, Math.Ceiling(Math.Log(MaxValue, _base)));
        Span = Top - Bottom;
        if (Span == 0)
        {
            Top *= _base;
            Span = Top - Bottom;
        }
    }

    public override List<double> LabelValues()
    {
        var values = new List<double>();
        double value = Math.Pow(_base, Math.Ceiling(Math.Log(Bottom, _base) - Epsilon));
        while (value < Top * (1.0 + Epsilon))
        {
            values.Add(value);
            value *= _base;
        }
        return values;
    }
}
