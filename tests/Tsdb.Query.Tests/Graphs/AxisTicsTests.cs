using Tsdb.Query.Graphs;

namespace Tsdb.Query.Tests.Graphs;

/// <summary>
/// The y axis glyph.py would choose: expected values printed by graphite-web 1.1.8's own _LinearAxisTics and
/// _LogAxisTics (applySettings, chooseStep, chooseLimits, getLabelValues, makeLabel) for the same inputs.
/// </summary>
public class AxisTicsTests
{
    private static (double Bottom, double Top, double? Step, List<double> Values, List<string> Labels) Linear(
        double min, double max, string units = "si", int[]? divisors = null, bool binary = false,
        double? axisMin = null, double? axisMax = null, bool maxIsExtremum = false, double? axisLimit = null, double? step = null)
    {
        var tics = new LinearAxisTics(min, max, units);
        tics.ApplySettings(axisMin, axisMax, maxIsExtremum, axisLimit);
        if (step is { } s) tics.SetStep(s);
        else tics.ChooseStep(divisors, binary);
        tics.ChooseLimits();
        var values = tics.LabelValues();
        return (tics.Bottom, tics.Top, tics.Step, values, values.Select(tics.MakeLabel).ToList());
    }

    [Fact]
    public void Data_limits_round_out_to_a_step_of_one_two_or_five()
    {
        var axis = Linear(-14.2, 26.0);
        Assert.Equal((-20.0, 30.0, 10.0), (axis.Bottom, axis.Top, axis.Step!.Value));
        Assert.Equal([-20.0, -10.0, 0.0, 10.0, 20.0, 30.0], axis.Values);
        // Below 0.1 a label is %g, at or above it keeps one decimal: upstream's makeLabel.
        Assert.Equal(["-20 ", "-10 ", "0 ", "10.0 ", "20.0 ", "30.0 "], axis.Labels);
    }

    [Fact]
    public void Small_values_keep_their_float_steps_and_two_decimals()
    {
        var axis = Linear(0.0623, 0.0998);
        Assert.Equal([0.06, 0.06999999999999999, 0.08, 0.09, 0.1], axis.Values);
        Assert.Equal(["0.06 ", "0.07 ", "0.08 ", "0.09 ", "0.10 "], axis.Labels);
        Assert.Equal(["1e-07 ", "1.5e-07 ", "2e-07 ", "2.5e-07 ", "3e-07 "], Linear(1e-7, 3e-7).Labels);
    }

    [Fact]
    public void A_flat_range_is_widened()
    {
        var three = Linear(3, 3);
        Assert.Equal((2.7, 3.3000000000000003), (three.Bottom, three.Top));
        Assert.Equal("2.80 ", three.Labels[1]);
        var zero = Linear(0, 0);
        Assert.Equal(["-1 ", "-0.5 ", "0 ", "0.50 ", "1.00 "], zero.Labels);
    }

    [Fact]
    public void Unit_systems_pick_a_prefix_by_step()
    {
        Assert.Equal(["0 ", "2.0 M ", "4.0 M ", "6.0 M ", "8.0 M ", "10.0 M "], Linear(1.2e6, 9.7e6).Labels);
        var binary = Linear(0, 5e9, "binary", binary: true);
        Assert.Equal(1073741824.0, binary.Step);
        Assert.Equal(["0 ", "1.0 Gi ", "2.0 Gi ", "3.0 Gi ", "4.0 Gi ", "5.0 Gi "], binary.Labels);
        Assert.Equal("10.0 P ", Linear(-3, 1e16).Labels[^1]);
        Assert.Equal(["0 ", "1.2 D ", "2.3 D ", "3.5 D ", "4.6 D ", "5.8 D "], Linear(0, 432000, "sec").Labels);
    }

    [Fact]
    public void User_settings_fix_limits_and_step()
    {
        var axis = Linear(20, 26, axisMin: 0, axisMax: 50, step: 5);
        Assert.Equal((0.0, 50.0), (axis.Bottom, axis.Top));
        Assert.Equal(11, axis.Values.Count);
        Assert.Equal(20.0, Linear(0, 100, divisors: [3, 7]).Step);
        var extremum = Linear(-15, -3, maxIsExtremum: true, axisLimit: -3);
        Assert.Equal([-15.0, -10.0, -5.0], extremum.Values);
        Assert.Equal(-3.0, extremum.Top);
        Assert.Throws<GraphException>(() => Linear(1, 2, axisMin: 5, axisMax: 3));
        Assert.Throws<GraphException>(() => Linear(1, 2, divisors: [0]));
    }

    [Fact]
    public void Logarithmic_axes_label_the_powers_of_the_base()
    {
        var tics = new LogAxisTics(3, 5000, "si", 10);
        tics.ApplySettings(null, null, false, null);
        tics.ChooseStep(null, false);
        tics.ChooseLimits();
        var values = tics.LabelValues();
        Assert.Equal([1.0, 10.0, 100.0, 1000.0, 10000.0], values);
        Assert.Equal(["1.0 ", "10.0 ", "100.0 ", "1.0 k ", "10.0 k "], values.Select(tics.MakeLabel));
        var negative = new LogAxisTics(-1, 5, "si", 10);
        Assert.Throws<GraphException>(() => negative.ChooseLimits());
    }

    [Fact]
    public void Non_finite_data_is_an_error() =>
        Assert.Throws<GraphException>(() => new LinearAxisTics(double.NaN, 1, "si"));
}
