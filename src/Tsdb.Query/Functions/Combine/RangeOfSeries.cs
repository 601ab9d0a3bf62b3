using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Combine;

/// <summary>
/// graphite-web rangeOfSeries: aggregate() with "rangeOf" over all given series lists; the name is always the long
/// form ("rangeOfSeries(&lt;pathExpressions&gt;)") even when called through an alias.
/// </summary>
public sealed class RangeOfSeries : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "rangeOfSeries", "Combine",
        [new ParamSpec("seriesLists", ParamType.SeriesList, Required: true, Multiple: true)],
        "The difference between the highest and lowest non-null value of the series at each point.",
        Aggregator: true);

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => SeriesAggregation.Aggregate(context, args.SeriesLists("seriesLists"), "rangeOf");
}
