using Tsdb.Query.Evaluation;
using Tsdb.Query.Expressions;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.FilterSeries;

/// <summary>
/// graphite-web useSeriesAbove: for each series whose maximum exceeds value, the name rewritten by
/// Python re.sub(search, replace) is collected; the target "group(&lt;names&gt;)" is then evaluated over
/// the request range and its non-empty series returned. graphite-web's max() fails on a null value
/// (500); here the maximum of the non-null values is used and all-null series are skipped.
/// </summary>
public sealed class UseSeriesAbove : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "useSeriesAbove", "Filter Series",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("value", ParamType.Float, Required: true),
            new ParamSpec("search", ParamType.String, Required: true),
            new ParamSpec("replace", ParamType.String, Required: true),
        ],
        "For each series whose maximum is above value, draws the related series named by a regex search/replace instead.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        double value = args.Double("value") ?? throw new QueryException("useSeriesAbove: value is required");
        string search = args.String("search") ?? throw new QueryException("useSeriesAbove: search is required");
        string replace = args.String("replace") ?? throw new QueryException("useSeriesAbove: replace is required");
        var newNames = new List<string>();
        foreach (var s in args.SeriesList("seriesList"))
        {
            string newName = PythonRegex.Sub(search, replace, s.Name);
            double max = Aggregators.Max(s.Values);
            if (!double.IsNaN(max) && max > value) newNames.Add(newName);
        }
        if (newNames.Count == 0) return [];
        var target = TargetParser.Parse($"group({string.Join(",", newNames)})");
        return context.EvaluateInRange(target, context.From, context.Until).Where(s => s.Values.Length > 0).ToList();
    }
}
