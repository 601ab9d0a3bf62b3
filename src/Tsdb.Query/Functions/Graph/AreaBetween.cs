using Tsdb.Query.Evaluation;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Graph;

/// <summary>
/// graphite-web areaBetween: exactly two series (lower, upper), both render-stacked and the lower one
/// invisible so the band between them is filled. Both are named "areaBetween(&lt;upper's pathExpression&gt;)"
/// and share the upper's tags plus "areaBetween" = "1". Another count is an error.
/// </summary>
public sealed class AreaBetween : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "areaBetween", "Graph",
        [new ParamSpec("seriesList", ParamType.SeriesList, Required: true)],
        "Fills the area between exactly two series (e.g. a minimum and a maximum).");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        var seriesList = args.SeriesList("seriesList");
        if (seriesList.Count != 2)
            throw new QueryException("areaBetween series argument must reference *exactly* 2 series");
        string name = $"areaBetween({seriesList[1].PathExpression})";
        var lower = seriesList[0].Copy(name);
        var upper = seriesList[1].Copy(name);
        lower.Options["stacked"] = true;
        lower.Options["invisible"] = true;
        upper.Options["stacked"] = true;
        upper.Tags["areaBetween"] = "1";
        lower.Tags = upper.Tags.Clone();
        return [lower, upper];
    }
}
