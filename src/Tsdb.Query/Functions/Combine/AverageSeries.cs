using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Combine;

/// <summary>
/// graphite-web averageSeries: aggregate() with "average" over all given series lists; the name is always the long
/// form ("averageSeries(&lt;pathExpressions&gt;)") even when called through an alias.
/// </summary>
public sealed class AverageSeries : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "averageSeries", "Combine",
        [new ParamSpec("seriesLists", ParamType.SeriesList, Required: true, Multiple: true)],
        "Averages the non-null values of the series at each point; short form avg().",
        Aliases: ["avg"],
        Aggregator: true);

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => SeriesAggregation.Aggregate(context, args.SeriesLists("seriesLists"), "average");
}
