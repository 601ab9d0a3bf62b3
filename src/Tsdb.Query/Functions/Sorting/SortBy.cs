using Tsdb.Query.Evaluation;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Sorting;

/// <summary>
/// graphite-web sortBy: the series sorted by an aggregation over their values (null as -inf), ascending
/// unless reverse. Python's sort is stable also with reverse=True, so equal keys keep their order.
/// </summary>
public sealed class SortBy : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "sortBy", "Sorting",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("func", ParamType.AggFunc, Default: "average"),
            new ParamSpec("reverse", ParamType.Boolean, Default: false),
        ],
        "Sorts the series by an aggregation function of their values (ascending unless reverse).");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => Sort(args.SeriesList("seriesList"), Aggregators.Get(args.String("func") ?? "average"), args.Bool("reverse"));

    public static List<TimeSeries> Sort(List<TimeSeries> seriesList, Aggregators.Aggregator func, bool reverse)
    {
        double Key(TimeSeries s)
        {
            double v = func(s.Values);
            return double.IsNaN(v) ? double.NegativeInfinity : v;
        }
        return reverse ? seriesList.OrderByDescending(Key).ToList() : seriesList.OrderBy(Key).ToList();
    }
}
