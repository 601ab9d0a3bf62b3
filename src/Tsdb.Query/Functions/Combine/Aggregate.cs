using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Combine;

/// <summary>
/// graphite-web aggregate: <see cref="SeriesAggregation.Aggregate"/> with any aggregation function
/// (a trailing "Series" is accepted); name "&lt;func&gt;Series(&lt;pathExpressions&gt;)".
/// </summary>
public sealed class Aggregate : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "aggregate", "Combine",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("func", ParamType.AggFunc, Required: true),
            new ParamSpec("xFilesFactor", ParamType.Float),
        ],
        "Combines the series point by point with an aggregation function (average, sum, max, ...).");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => SeriesAggregation.Aggregate(context, args.SeriesList("seriesList"),
            args.String("func") ?? throw new QueryException("aggregate: func is required"), args.Double("xFilesFactor"));
}
