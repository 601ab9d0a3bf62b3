using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.FilterSeries;

/// <summary>
/// graphite-web removeEmptySeries: keeps the series with at least one non-null value and a non-null
/// ratio of at least xFilesFactor (argument, default 0 — the request's xFilesFactor is not used).
/// </summary>
public sealed class RemoveEmptySeries : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "removeEmptySeries", "Filter Series",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("xFilesFactor", ParamType.Float),
        ],
        "Removes series without data (or with less than the xFilesFactor ratio of non-null values).");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        double xff = args.Double("xFilesFactor") ?? 0;
        return args.SeriesList("seriesList").Where(s => SeriesAggregation.RowPassesXff(s.Values, xff)).ToList();
    }
}
