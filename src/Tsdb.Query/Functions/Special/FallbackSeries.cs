using Tsdb.Query.Evaluation;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Special;

/// <summary>graphite-web fallbackSeries: the series list when it has any series, else the fallback list.</summary>
public sealed class FallbackSeries : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "fallbackSeries", "Special",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("fallback", ParamType.SeriesList, Required: true),
        ],
        "Draws the fallback series when the first argument matches nothing.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        var seriesList = args.SeriesList("seriesList");
        return seriesList.Count > 0 ? seriesList : args.SeriesList("fallback");
    }
}
