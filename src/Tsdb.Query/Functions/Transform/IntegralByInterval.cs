using Tsdb.Query.Evaluation;
using Tsdb.Query.Model;
using Tsdb.Query.Functions.Support;

namespace Tsdb.Query.Functions.Transform;

/// <summary>
/// graphite-web integralByInterval: a running sum that restarts at 0 whenever a point's time crosses an
/// interval boundary counted from the request's from. Unlike integral, a null point repeats the current
/// sum. Name "integralByInterval(x,'1d')", pathExpression = the new name, tag "integralByInterval".
/// </summary>
public sealed class IntegralByInterval : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "integralByInterval", "Transform",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("intervalUnit", ParamType.String, Required: true),
        ],
        "The running total of the series, restarting at zero at the start of every interval.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        string unit = args.String("intervalUnit") ?? throw new QueryException("integralByInterval: intervalUnit is required");
        long duration = Math.Abs(TimeOffset.ParseSeconds(unit));
        if (duration == 0) throw new QueryException("integer division or modulo by zero");
        long startTime = context.From;
        return args.SeriesList("seriesList").Select(s =>
        {
            var values = new double[s.Values.Length];
            long time = s.Start;
            double current = 0;
            for (int i = 0; i < values.Length; i++)
            {
                if (FloorDiv(time - startTime, duration) != FloorDiv(time - startTime - s.Step, duration)) current = 0;
                if (!double.IsNaN(s.Values[i])) current += s.Values[i];
                values[i] = current;
                time += s.Step;
            }
            string name = $"integralByInterval({s.Name},'{unit}')";
            var copy = s.Copy(name, values);
            copy.PathExpression = name;
            copy.Tags["integralByInterval"] = unit;
            return copy;
        }).ToList();
    }

    private static long FloorDiv(long a, long b) => (long)Math.Floor((double)a / b);
}
