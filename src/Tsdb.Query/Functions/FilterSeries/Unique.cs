using Tsdb.Query.Evaluation;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.FilterSeries;

/// <summary>graphite-web unique: the series of all lists in order, keeping only the first series of each name.</summary>
public sealed class Unique : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "unique", "Filter Series",
        [new ParamSpec("seriesLists", ParamType.SeriesList, Required: true, Multiple: true)],
        "Joins the series lists, dropping every series whose name was already seen.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return args.SeriesLists("seriesLists").Where(s => seen.Add(s.Name)).ToList();
    }
}
