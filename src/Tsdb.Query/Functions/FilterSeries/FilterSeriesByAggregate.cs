using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.FilterSeries;

/// <summary>
/// graphite-web filterSeries: keeps the series whose aggregate (func over all values) compares true
/// with threshold; see <see cref="SeriesRanking.Filter"/> for how a null aggregate compares.
/// </summary>
public sealed class FilterSeriesByAggregate : RenderFunction
{
    public static readonly IReadOnlyList<string> Operators = ["!=", "<", "<=", "=", ">", ">="];

    public override FunctionSignature Signature { get; } = new(
        "filterSeries", "Filter Series",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("func", ParamType.AggFunc, Required: true),
            new ParamSpec("operator", ParamType.String, Required: true, Options: Operators),
            new ParamSpec("threshold", ParamType.Float, Required: true),
        ],
        "Keeps the series whose aggregated value (func) satisfies the comparison with a threshold.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => SeriesRanking.Filter(args.SeriesList("seriesList"),
            args.String("func") ?? throw new QueryException("filterSeries: func is required"),
            args.String("operator") ?? throw new QueryException("filterSeries: operator is required"),
            args.Double("threshold") ?? throw new QueryException("filterSeries: threshold is required"));
}
