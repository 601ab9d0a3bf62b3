namespace Tsdb.Query.Graphs;

/// <summary>glyph.py's _LinearAxisTics: evenly spaced labels at a "nice" step (1, 2 or 5 times a power of ten,
/// or a power of two for the binary unit system) chosen to waste the least room around the data.</summary>
public sealed class LinearAxisTics(double minValue, double maxValue, string unitSystem)
    : AxisTics(minValue, maxValue, unitSystem)
{
    private bool _binary;

    public override void SetStep(double step) => Step = CheckFinite(step, "axis step");

    /// <summary>The allowed steps of at least <paramref name="minStep"/>, in increasing order.</summary>
    private IEnumerable<double> GenerateSteps(double minStep)
    {
        CheckFinite(minStep);
        double baseValue = _binary ? 2.0 : 10.0;
        double[] mantissas = _binary ? [1.0] : [1.0, 2.0, 5.0];
        // math.log(x, 2) is log(x) / log(2) in Python, not log2(x): the same rounding here.
        double exponent = Math.Floor((_binary ? Math.Log(minStep) / Math.Log(2.0) : Math.Log10(minStep)) - Epsilon);
        while (true)
        {
            double multiplier = Math.Pow(baseValue, exponent);
            foreach (var mantissa in mantissas)
            {
                double value = mantissa * multiplier;
                if (value >= minStep * (1.0 - Epsilon)) yield return value;
            }
            exponent += 1;
        }
    }

    /// <summary>The room left outside the data with this step and number of divisions; null when they cannot cover it.</summary>
    private double? ComputeSlop(double step, int divisor)
    {
        double bottom = step * Math.Floor(MinValue / step + Epsilon);
        double top = bottom + step * divisor;
        return top >= MaxValue - Epsilon * step ? Math.Max(top - MaxValue, MinValue - bottom) : null;
    }

    /// <summary>The step with the least slop over the divisors (default 4, 5, 6); a flat range is widened first.</summary>
    public override void ChooseStep(IReadOnlyList<int>? divisors, bool binary)
    {
        _binary = binary;
        if (divisors is null) divisors = [4, 5, 6];
        else if (divisors.Any(d => d < 1)) throw new GraphException("Divisors must be greater than or equal to one");

        if (MinValue == MaxValue)
        {
            if (MinValue == 0.0) MaxValue = 1.0;
            else if (MinValue < 0.0) { MinValue *= 1.1; MaxValue *= 0.9; }
            else { MinValue *= 0.9; MaxValue *= 1.1; }
        }
        double variance = MaxValue - MinValue;
        double? bestSlop = null, bestStep = null;
        foreach (var step in GenerateSteps(variance / divisors.Max()))
        {
            if (bestSlop is { } b && step * divisors.Min() >= 2 * b + variance) break;
            foreach (var divisor in divisors)
            {
                if (ComputeSlop(step, divisor) is { } slop && (bestSlop is null || slop < bestSlop))
                {
                    bestSlop = slop;
                    bestStep = step;
                }
            }
        }
        Step = bestStep;
    }

    public override void ChooseLimits()
    {
        double step = Step!.Value;
        Bottom = MinValueSource == "data" ? step * Math.Floor(MinValue / step + Epsilon) : MinValue;
        if (MaxValueSource == "data")
        {
            Top = step * Math.Ceiling(MaxValue / step - Epsilon);
            if (AxisLimit is { } limit && Top > limit + Epsilon * step) Top = limit;
        }
        else Top = MaxValue;
        Span = Top - Bottom;
        if (Span == 0)
        {
            Top += 1;
            Span += 1;
        }
    }

    public override List<double> LabelValues()
    {
        if (Step is not > 0.0) throw new GraphException("The step size must be positive");
        // A user step of less than a thousandth of the span: pick one that will not cause trouble.
        if (Span > 1000.0 * Step.Value) ChooseStep(null, false);
        double step = Step!.Value;
        var values = new List<double>();
        double start = step * Math.Ceiling(Bottom / step - Epsilon);
        for (int i = 0; ; i++)
        {
            double value = start + i * step;
            if (value > Top + Epsilon * step) break;
            values.Add(value);
        }
        return values;
    }
}
