using Tsdb.Query.Evaluation;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Combine;

/// <summary>graphite-web group: all series of all lists, in order, as one list.</summary>
public sealed class Group : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "group", "Combine",
        [new ParamSpec("seriesLists", ParamType.SeriesList, Multiple: true)],
        "Joins several series lists into one, e.g. to pass them to a function taking a single list.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => args.SeriesLists("seriesLists");
}
