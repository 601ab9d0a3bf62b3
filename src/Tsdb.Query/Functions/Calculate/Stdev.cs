using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Calculate;

/// <summary>
/// graphite-web stdev: the population standard deviation of the last `points` values (the window includes
/// the current point; during the first points the window is still filling), from running sums; null when
/// the window has no value or its non-null ratio is below windowTolerance. Name "stdev(x,%d)" (also the
/// pathExpression), tag "stdev" = str(points).
/// </summary>
public sealed class Stdev : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "stdev", "Calculate",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("points", ParamType.Integer, Required: true),
            new ParamSpec("windowTolerance", ParamType.Float, Default: 0.1),
        ],
        "The moving standard deviation of each series over the last given number of points.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        long points = args.Long("points") ?? throw new QueryException("stdev: points is required");
        double tolerance = args.Double("windowTolerance") ?? 0.1;
        return args.SeriesList("seriesList").Select(s =>
        {
            var values = new double[s.Values.Length];
            int valid = 0;
            double sum = 0, sumSquares = 0;
            for (int i = 0; i < values.Length; i++)
            {
                double added = s.Values[i];
                double dropped = i >= points ? s.Values[i - points] : double.NaN;
                if (!double.IsNaN(dropped)) { valid--; sum -= dropped; sumSquares -= dropped * dropped; }
                if (!double.IsNaN(added)) { valid++; sum += added; sumSquares += added * added; }
                double variance = valid * sumSquares - sum * sum;
                values[i] = valid > 0 && (double)valid / points >= tolerance && variance >= 0
                    ? Math.Sqrt(variance) / valid
                    : double.NaN;
            }
            string name = $"stdev({s.Name},{points})";
            var copy = s.Copy(name, values);
            copy.PathExpression = name;
            copy.Tags["stdev"] = TagValue.Of(points);
            return copy;
        }).ToList();
    }
}
